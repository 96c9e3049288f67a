// name: targets
// purpose: numeric and vague targets of tasks, sections and plans (the opening text), with the offices that carry them and
//   the industries they concern; every filter left null means no filter
// params: year (a target applies in that year: its deadline is the year, its period contains
//   it, or it recurs every year (每年) with no stated years; null = every year; LadybugDB
//   types $year where it first appears, so it is compared before it is tested for null),
//   office_id (an Office id or null),
//   industry_id (an Industry id or null; a chain of the industry counts), plan_id (string or null
//   = all plans)
// returns: target_id, plan_id, holder_id, holder_label, holder_code, holder_title, metric, value,
//   value_max, unit, raw_value, qualifiers, kind, year, period_start, period_end, vague, evidence,
//   ev_start, ev_end, office_ids, offices, industry_ids
// sets: office_ids, offices, industry_ids
MATCH (h:Task)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL)
  AND (g.year = $year
       OR (g.period_start IS NOT NULL AND g.period_end IS NOT NULL
           AND g.period_start <= $year AND $year <= g.period_end)
       OR (g.kind = 'annual' AND g.year IS NULL AND g.period_start IS NULL)
       OR $year IS NULL)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(h)
WITH h, g, collect(DISTINCT o.id) AS office_ids, collect(DISTINCT o.name) AS offices
WHERE ($office_id IN office_ids OR $office_id IS NULL)
OPTIONAL MATCH (h)-[:CONCERNS]->(x)-[:PART_OF*0..1]->(i:Industry)
WITH h, g, office_ids, offices, collect(DISTINCT i.id) AS industry_ids
WHERE ($industry_id IN industry_ids OR $industry_id IS NULL)
RETURN g.id AS target_id, g.plan_id AS plan_id, h.id AS holder_id, 'Task' AS holder_label,
       h.code AS holder_code, h.title AS holder_title, g.metric AS metric, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.raw_value AS raw_value,
       g.qualifiers AS qualifiers, g.kind AS kind, g.year AS year, g.period_start AS period_start,
       g.period_end AS period_end, g.vague AS vague, g.evidence AS evidence,
       g.ev_start AS ev_start, g.ev_end AS ev_end, office_ids, offices, industry_ids
UNION ALL
MATCH (h:Section)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL)
  AND (g.year = $year
       OR (g.period_start IS NOT NULL AND g.period_end IS NOT NULL
           AND g.period_start <= $year AND $year <= g.period_end)
       OR (g.kind = 'annual' AND g.year IS NULL AND g.period_start IS NULL)
       OR $year IS NULL)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(h)
WITH h, g, collect(DISTINCT o.id) AS office_ids, collect(DISTINCT o.name) AS offices
WHERE ($office_id IN office_ids OR $office_id IS NULL)
OPTIONAL MATCH (h)-[:CONCERNS]->(x)-[:PART_OF*0..1]->(i:Industry)
WITH h, g, office_ids, offices, collect(DISTINCT i.id) AS industry_ids
WHERE ($industry_id IN industry_ids OR $industry_id IS NULL)
RETURN g.id AS target_id, g.plan_id AS plan_id, h.id AS holder_id, 'Section' AS holder_label,
       h.code AS holder_code, h.title AS holder_title, g.metric AS metric, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.raw_value AS raw_value,
       g.qualifiers AS qualifiers, g.kind AS kind, g.year AS year, g.period_start AS period_start,
       g.period_end AS period_end, g.vague AS vague, g.evidence AS evidence,
       g.ev_start AS ev_start, g.ev_end AS ev_end, office_ids, offices, industry_ids
UNION ALL
MATCH (h:Plan)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL)
  AND (coalesce(g.year, g.period_end) = $year OR $year IS NULL)
  AND $office_id IS NULL AND $industry_id IS NULL
// a plan's opening text has no owner and concerns nothing: typed empty lists from a match
// that never binds
OPTIONAL MATCH (h)-[:HAS_OFFICE]->(o:Office) WHERE o.id IS NULL
WITH h, g, collect(o.id) AS office_ids, collect(o.name) AS offices
RETURN g.id AS target_id, g.plan_id AS plan_id, h.id AS holder_id, 'Plan' AS holder_label,
       '' AS holder_code, h.title AS holder_title, g.metric AS metric, g.value AS value,
       g.value_max AS value_max, g.unit AS unit, g.raw_value AS raw_value,
       g.qualifiers AS qualifiers, g.kind AS kind, g.year AS year, g.period_start AS period_start,
       g.period_end AS period_end, g.vague AS vague, g.evidence AS evidence,
       g.ev_start AS ev_start, g.ev_end AS ev_end, office_ids, offices, office_ids AS industry_ids
