// name: gap_chain_without_leader
// purpose: gap 10, chains the plans work on that no known enterprise leads (链主)
// params: plan_id (string or null = all plans)
// returns: chain_id, chain, chain_en, industry, tasks
MATCH (t:Task)-[:CONCERNS]->(ch:Chain)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL) AND NOT (ch)<-[:LEADS]-(:Enterprise)
RETURN ch.id AS chain_id, ch.name AS chain, ch.name_en AS chain_en, ch.industry AS industry,
       collect(DISTINCT t.code) AS tasks
ORDER BY chain_id
