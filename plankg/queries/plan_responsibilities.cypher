// name: plan_responsibilities
// purpose: the task ledger of a plan: every task code with each owner (office or collective
//   word) and role; a task with no owner appears once with a null owner (the loader diffs two
//   versions of a plan with it)
// params: plan_id (a Plan id)
// returns: task_code, owner, role
MATCH (t:Task)
WHERE t.plan_id = $plan_id
OPTIONAL MATCH (o)-[r:RESPONSIBLE_FOR]->(t)
RETURN t.code AS task_code, o.name AS owner, r.role AS role
ORDER BY task_code, owner
