// name: offices
// purpose: the offices of the plans with how many tasks they hold in each role and how many
//   targets those tasks carry
// params: plan_id (string or null = all plans)
// returns: office_id, office, office_en, aliases, issuer, tasks, sole, each, lead, support,
//   targets
MATCH (p:Plan)-[:HAS_OFFICE]->(o:Office)
WHERE (p.id = $plan_id OR $plan_id IS NULL)
WITH DISTINCT o
OPTIONAL MATCH (o)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
WITH o, count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN r.role = 'sole' THEN t.id END) AS sole,
     count(DISTINCT CASE WHEN r.role = 'each' THEN t.id END) AS each,
     count(DISTINCT CASE WHEN r.role = 'lead' THEN t.id END) AS lead,
     count(DISTINCT CASE WHEN r.role = 'support' THEN t.id END) AS support
OPTIONAL MATCH (o)-[:RESPONSIBLE_FOR]->(tt:Task)-[:HAS_TARGET]->(g:Target)
WHERE (tt.plan_id = $plan_id OR $plan_id IS NULL)
RETURN o.id AS office_id, o.name AS office, o.name_en AS office_en, o.aliases AS aliases,
       o.issuer AS issuer, tasks, sole, each, lead, support, count(DISTINCT g) AS targets
ORDER BY tasks DESC, office
