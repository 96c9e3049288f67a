// name: industries
// purpose: the industries the plans' tasks concern (directly or through one of their chains),
//   with counts of those tasks, of the industry's chains they concern, and of their offices
// params: plan_id (string or null = all plans)
// returns: industry_id, industry, industry_en, aliases, resolved, tasks, chains, offices
MATCH (t:Task)-[:CONCERNS]->(x)-[:PART_OF*0..1]->(i:Industry)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH i, count(DISTINCT t) AS tasks
OPTIONAL MATCH (ct:Task)-[:CONCERNS]->(ch:Chain)-[:PART_OF]->(i)
WHERE (ct.plan_id = $plan_id OR $plan_id IS NULL)
WITH i, tasks, count(DISTINCT ch) AS chains
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(t:Task)-[:CONCERNS]->(x)-[:PART_OF*0..1]->(i)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN i.id AS industry_id, i.name AS industry, i.name_en AS industry_en, i.aliases AS aliases,
       i.resolved AS resolved, tasks, chains, count(DISTINCT o) AS offices
ORDER BY tasks DESC, industry_id
