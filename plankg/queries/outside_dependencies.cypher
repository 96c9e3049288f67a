// name: outside_dependencies
// purpose: tasks and sections that involve outside departments, with the relation (support,
//   joint, per_requirement, reports_to, cites) and the bureau's offices that carry them
// params: plan_id (string or null = all plans)
// returns: holder_id, holder_label, holder_code, holder_title, agency_id, agency, agency_en,
//   unnamed, relation, raw, evidence, ev_start, ev_end, offices
// sets: offices
MATCH (h:Task)-[r:INVOLVES]->(a:Agency)
WHERE (h.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(h)
WITH h, r, a, collect(DISTINCT o.name) AS offices
RETURN h.id AS holder_id, 'Task' AS holder_label, h.code AS holder_code, h.title AS holder_title,
       a.id AS agency_id, a.name AS agency, a.name_en AS agency_en, a.unnamed AS unnamed,
       r.relation AS relation, r.raw AS raw, r.evidence AS evidence, r.ev_start AS ev_start,
       r.ev_end AS ev_end, offices
UNION ALL
MATCH (h:Section)-[r:INVOLVES]->(a:Agency)
WHERE (h.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(h)
WITH h, r, a, collect(DISTINCT o.name) AS offices
RETURN h.id AS holder_id, 'Section' AS holder_label, h.code AS holder_code,
       h.title AS holder_title, a.id AS agency_id, a.name AS agency, a.name_en AS agency_en,
       a.unnamed AS unnamed, r.relation AS relation, r.raw AS raw, r.evidence AS evidence,
       r.ev_start AS ev_start, r.ev_end AS ev_end, offices
