// name: gap_open_ended
// purpose: gap 4, tasks whose owner list ends in 等 (more owners than the plan names)
// params: plan_id (string or null = all plans)
// returns: task_id, plan_id, task_code, task_title, owners, evidence, ev_start, ev_end
// The open-ended tasks are picked first and only their owners gathered: aggregating every
// responsibility edge of the store before filtering doubled the time at a thousand plans.
MATCH (o)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL) AND (r.open_ended = true OR t.open_ended = true)
WITH DISTINCT t
MATCH (o)-[r:RESPONSIBLE_FOR]->(t)
WITH t, collect(DISTINCT o.name) AS owners,
     min(r.evidence) AS evidence, min(r.ev_start) AS ev_start, max(r.ev_end) AS ev_end
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       owners, evidence, ev_start, ev_end
ORDER BY plan_id, task_code
