// name: gap_open_ended
// purpose: gap 4, tasks whose owner list ends in 等 (more owners than the plan names)
// params: plan_id (string or null = all plans)
// returns: task_id, plan_id, task_code, task_title, owners, evidence, ev_start, ev_end
MATCH (o)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH t, collect(DISTINCT o.name) AS owners,
     count(CASE WHEN r.open_ended = true THEN 1 END) AS open_clauses,
     min(r.evidence) AS evidence, min(r.ev_start) AS ev_start, max(r.ev_end) AS ev_end
WHERE open_clauses > 0 OR t.open_ended = true
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       owners, evidence, ev_start, ev_end
ORDER BY plan_id, task_code
