// name: tasks_page
// purpose: one page of the tasks of a plan (or of all plans) in outline order: plan, then the
//   stored sort key of the code; tasks_count counts them. Other filters: tasks_page_filtered
// params: plan_id (string or null = all plans), skip (rows to pass over), limit (rows to return)
// returns: task_id, plan_id, code, number, title, level, has_owner, open_ended, span_start,
//   span_end, section_id, section_code, section_title
MATCH (t:Task)
WHERE t.plan_id = $plan_id OR $plan_id IS NULL
WITH t
ORDER BY t.plan_id, t.sort_key, t.id
SKIP $skip
LIMIT $limit
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS code, t.number AS number,
       t.title AS title, t.level AS level, t.has_owner AS has_owner, t.open_ended AS open_ended,
       t.span_start AS span_start, t.span_end AS span_end, s.id AS section_id,
       s.code AS section_code, s.title AS section_title
ORDER BY t.plan_id, t.sort_key, t.id
