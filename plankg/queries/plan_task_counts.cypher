// name: plan_task_counts
// purpose: how many tasks each plan in the store holds (plans list)
// params: none
// returns: plan_id, tasks
MATCH (t:Task)
RETURN t.plan_id AS plan_id, count(t) AS tasks
ORDER BY plan_id
