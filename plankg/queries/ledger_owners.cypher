// name: ledger_owners
// purpose: who carries each task (offices and collectives), in clause order
// params: plan_id (string or null = all plans)
// returns: task_id, owner, role, ev_start
MATCH (o)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN t.id AS task_id, o.name AS owner, r.role AS role, r.ev_start AS ev_start
ORDER BY task_id, ev_start, owner
