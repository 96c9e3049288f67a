// name: gap_overload
// purpose: gap 9, how many tasks and targets each office carries (the caller compares an office
//   with its peers: the threshold is applied in Python)
// params: plan_id (string or null = all plans)
// returns: office_id, office, tasks, targets
MATCH (o:Office)-[:RESPONSIBLE_FOR]->(t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH o, count(DISTINCT t) AS tasks
OPTIONAL MATCH (o)-[:RESPONSIBLE_FOR]->(tt:Task)-[:HAS_TARGET]->(g:Target)
WHERE (tt.plan_id = $plan_id OR $plan_id IS NULL)
RETURN o.id AS office_id, o.name AS office, tasks, count(DISTINCT g) AS targets
ORDER BY tasks DESC, office
