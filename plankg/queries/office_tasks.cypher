// name: office_tasks
// purpose: the tasks an office carries, with its role and the other owners of each task
// params: office_id (an Office id), plan_id (string or null = all plans)
// returns: task_id, plan_id, task_code, task_title, role, open_ended, evidence, ev_start, ev_end,
//   co_owners, co_owner_roles
MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE o.id = $office_id AND (t.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (other)-[r2:RESPONSIBLE_FOR]->(t)
WHERE other.id <> o.id
WITH o, r, t, collect(other.name) AS co_owners, collect(r2.role) AS co_owner_roles
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       r.role AS role, r.open_ended AS open_ended, r.evidence AS evidence,
       r.ev_start AS ev_start, r.ev_end AS ev_end, co_owners, co_owner_roles
ORDER BY plan_id, task_code
