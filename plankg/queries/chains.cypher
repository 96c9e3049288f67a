// name: chains
// purpose: the industrial chains the plans' tasks concern, with their industry and counts of
//   tasks and offices
// params: plan_id (string or null = all plans)
// returns: chain_id, chain, chain_en, aliases, resolved, industry_id, industry, tasks, offices
MATCH (t:Task)-[:CONCERNS]->(ch:Chain)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH ch, count(DISTINCT t) AS tasks
OPTIONAL MATCH (ch)-[:PART_OF]->(i:Industry)
WITH ch, tasks, i
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(t:Task)-[:CONCERNS]->(ch)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN ch.id AS chain_id, ch.name AS chain, ch.name_en AS chain_en, ch.aliases AS aliases,
       ch.resolved AS resolved, i.id AS industry_id, i.name AS industry, tasks,
       count(DISTINCT o) AS offices
ORDER BY tasks DESC, chain_id
