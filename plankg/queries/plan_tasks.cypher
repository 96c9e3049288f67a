// name: plan_tasks
// purpose: the tasks of one plan with their full text and deadline (the web plan page)
// params: plan_id (a Plan id)
// returns: task_id, code, number, title, text, level, deadline, section_id, span_start, span_end
MATCH (t:Task)
WHERE t.plan_id = $plan_id
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.code AS code, t.number AS number, t.title AS title, t.text AS text,
       t.level AS level, t.deadline AS deadline, s.id AS section_id, t.span_start AS span_start,
       t.span_end AS span_end
