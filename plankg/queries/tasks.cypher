// name: tasks
// purpose: every task of the plans with its section, in outline order of the caller's choosing
// params: plan_id (string or null = all plans)
// returns: task_id, plan_id, code, number, title, level, has_owner, open_ended, span_start,
//   span_end, section_id, section_code, section_title
MATCH (t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS code, t.number AS number,
       t.title AS title, t.level AS level, t.has_owner AS has_owner, t.open_ended AS open_ended,
       t.span_start AS span_start, t.span_end AS span_end, s.id AS section_id,
       s.code AS section_code, s.title AS section_title
