// name: gap_chain_without_joint_task
// purpose: gap 6, pairs of offices that work on the same industry or chain in different tasks of
//   one plan but hold no task on it together, so nothing formally makes them coordinate (offices
//   of different plans are not paired: their bureaus never share a task)
// params: plan_id (string or null = all plans)
// returns: office_a_id, office_a, office_b_id, office_b, concept_id, concept, tasks_a, tasks_b
MATCH (a:Office)-[:RESPONSIBLE_FOR]->(ta:Task)-[:CONCERNS]->(x)<-[:CONCERNS]-(tb:Task)<-[:RESPONSIBLE_FOR]-(b:Office)
WHERE a.id < b.id AND ta.id <> tb.id AND ta.plan_id = tb.plan_id
  AND (ta.plan_id = $plan_id OR $plan_id IS NULL) AND (tb.plan_id = $plan_id OR $plan_id IS NULL)
WITH a, b, x, collect(DISTINCT ta.code) AS tasks_a, collect(DISTINCT tb.code) AS tasks_b
OPTIONAL MATCH (a)-[:RESPONSIBLE_FOR]->(j:Task)<-[:RESPONSIBLE_FOR]-(b)
WHERE (j)-[:CONCERNS]->(x)
WITH a, b, x, tasks_a, tasks_b, count(j) AS joint_tasks
WHERE joint_tasks = 0
RETURN a.id AS office_a_id, a.name AS office_a, b.id AS office_b_id, b.name AS office_b,
       x.id AS concept_id, x.name AS concept, tasks_a, tasks_b
ORDER BY office_a, office_b, concept_id
