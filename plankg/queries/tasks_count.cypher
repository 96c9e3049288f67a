// name: tasks_count
// purpose: how many tasks tasks_page pages through
// params: plan_id (string or null = all plans)
// returns: total
MATCH (t:Task)
WHERE t.plan_id = $plan_id OR $plan_id IS NULL
RETURN count(t) AS total
