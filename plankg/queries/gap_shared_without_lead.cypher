// name: gap_shared_without_lead
// purpose: gap 1, tasks held by two or more owners with nobody in the lead role
// params: plan_id (string or null = all plans)
// returns: task_id, plan_id, task_code, task_title, owners, roles, owner_count, evidence,
//   ev_start, ev_end
MATCH (o)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH t, collect(DISTINCT o.name) AS owners, collect(DISTINCT r.role) AS roles,
     min(r.evidence) AS evidence, min(r.ev_start) AS ev_start, max(r.ev_end) AS ev_end
WHERE size(owners) >= 2 AND NOT 'lead' IN roles
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       owners, roles, size(owners) AS owner_count, evidence, ev_start, ev_end
ORDER BY plan_id, task_code
