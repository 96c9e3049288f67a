// name: gap_outside_dependency
// purpose: gap 5, tasks where the bureau only supports an outside lead (配合牵头部门, 配合市发展改革委),
//   named or not, with the offices that carry the task
// params: plan_id (string or null = all plans)
// returns: task_id, plan_id, task_code, task_title, agency_id, agency, unnamed, relation, raw,
//   evidence, ev_start, ev_end, offices
MATCH (t:Task)-[r:INVOLVES]->(a:Agency)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL) AND (r.relation = 'support' OR a.unnamed = true)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(t)
WITH t, r, a, collect(DISTINCT o.name) AS offices
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       a.id AS agency_id, a.name AS agency, a.unnamed AS unnamed, r.relation AS relation,
       r.raw AS raw, r.evidence AS evidence, r.ev_start AS ev_start, r.ev_end AS ev_end, offices
ORDER BY plan_id, task_code, ev_start
