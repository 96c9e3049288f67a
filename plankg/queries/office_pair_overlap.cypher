// name: office_pair_overlap
// purpose: every pair of offices that holds a task together or works on a common industry or
//   chain, with both counts (one row per unordered pair, for heatmaps). A concept pattern is split
//   in two: within one pattern Neo4j never uses a relationship twice, so a task both offices hold
//   would not count as a shared concept.
// params: plan_id (string or null = all plans)
// returns: office_a_id, office_a, office_b_id, office_b, shared_tasks, shared_concepts
MATCH (a:Office)-[:RESPONSIBLE_FOR]->(ta:Task)-[:CONCERNS]->(x)
MATCH (x)<-[:CONCERNS]-(tb:Task)<-[:RESPONSIBLE_FOR]-(b:Office)
WHERE a.id < b.id
  AND (ta.plan_id = $plan_id OR $plan_id IS NULL) AND (tb.plan_id = $plan_id OR $plan_id IS NULL)
WITH a, b, count(DISTINCT x) AS shared_concepts
OPTIONAL MATCH (a)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN a.id AS office_a_id, a.name AS office_a, b.id AS office_b_id, b.name AS office_b,
       count(DISTINCT t) AS shared_tasks, shared_concepts
UNION
MATCH (a:Office)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b:Office)
WHERE a.id < b.id AND (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH a, b, count(DISTINCT t) AS shared_tasks
OPTIONAL MATCH (a)-[:RESPONSIBLE_FOR]->(ta:Task)-[:CONCERNS]->(x)
WHERE (ta.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (x)<-[:CONCERNS]-(tb:Task)<-[:RESPONSIBLE_FOR]-(b)
WHERE (tb.plan_id = $plan_id OR $plan_id IS NULL)
WITH a, b, shared_tasks, CASE WHEN tb IS NULL THEN NULL ELSE x END AS shared
RETURN a.id AS office_a_id, a.name AS office_a, b.id AS office_b_id, b.name AS office_b,
       shared_tasks, count(DISTINCT shared) AS shared_concepts
