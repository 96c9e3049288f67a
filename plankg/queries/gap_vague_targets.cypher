// name: gap_vague_targets
// purpose: gap 8, targets with no number or no deadline (高于全省平均水平), with their holder
// params: plan_id (string or null = all plans)
// returns: target_id, plan_id, holder_id, holder_label, holder_code, holder_title, metric,
//   raw_value, qualifiers, year, evidence, ev_start, ev_end
MATCH (h:Task)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL) AND g.vague = true
RETURN g.id AS target_id, g.plan_id AS plan_id, h.id AS holder_id, 'Task' AS holder_label,
       h.code AS holder_code, h.title AS holder_title, g.metric AS metric,
       g.raw_value AS raw_value, g.qualifiers AS qualifiers, g.year AS year,
       g.evidence AS evidence, g.ev_start AS ev_start, g.ev_end AS ev_end
UNION ALL
MATCH (h:Section)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL) AND g.vague = true
RETURN g.id AS target_id, g.plan_id AS plan_id, h.id AS holder_id, 'Section' AS holder_label,
       h.code AS holder_code, h.title AS holder_title, g.metric AS metric,
       g.raw_value AS raw_value, g.qualifiers AS qualifiers, g.year AS year,
       g.evidence AS evidence, g.ev_start AS ev_start, g.ev_end AS ev_end
