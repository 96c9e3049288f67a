// name: office_overlap
// purpose: what two offices share: the tasks they hold together, and the industries and chains
//   both work on (in any task). The two sides are separate MATCH clauses: within one pattern
//   Neo4j never uses a relationship twice, so a task both hold would not count on both sides
//   (nor an office asked about itself share its own tasks, as it does on LadybugDB).
// params: office_a (an Office id), office_b (an Office id), plan_id (string or null = all plans)
// returns: kind, id, name, tasks_a, tasks_b, roles_a, roles_b
// sets: tasks_a, tasks_b, roles_a, roles_b
MATCH (a:Office)-[ra:RESPONSIBLE_FOR]->(ta:Task)-[:CONCERNS]->(x:Industry)
MATCH (x)<-[:CONCERNS]-(tb:Task)<-[rb:RESPONSIBLE_FOR]-(b:Office)
WHERE a.id = $office_a AND b.id = $office_b
  AND (ta.plan_id = $plan_id OR $plan_id IS NULL) AND (tb.plan_id = $plan_id OR $plan_id IS NULL)
RETURN 'industry' AS kind, x.id AS id, x.name AS name, collect(DISTINCT ta.code) AS tasks_a,
       collect(DISTINCT tb.code) AS tasks_b, collect(DISTINCT ra.role) AS roles_a,
       collect(DISTINCT rb.role) AS roles_b
UNION ALL
MATCH (a:Office)-[ra:RESPONSIBLE_FOR]->(ta:Task)-[:CONCERNS]->(x:Chain)
MATCH (x)<-[:CONCERNS]-(tb:Task)<-[rb:RESPONSIBLE_FOR]-(b:Office)
WHERE a.id = $office_a AND b.id = $office_b
  AND (ta.plan_id = $plan_id OR $plan_id IS NULL) AND (tb.plan_id = $plan_id OR $plan_id IS NULL)
RETURN 'chain' AS kind, x.id AS id, x.name AS name, collect(DISTINCT ta.code) AS tasks_a,
       collect(DISTINCT tb.code) AS tasks_b, collect(DISTINCT ra.role) AS roles_a,
       collect(DISTINCT rb.role) AS roles_b
UNION ALL
// The task branch stays last: LadybugDB 0.22 mixes up the columns of later UNION branches
// when an earlier branch returns the same expression twice ([t.code] for both offices).
MATCH (a:Office)-[ra:RESPONSIBLE_FOR]->(t:Task)
MATCH (t)<-[rb:RESPONSIBLE_FOR]-(b:Office)
WHERE a.id = $office_a AND b.id = $office_b AND (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN 'task' AS kind, t.id AS id, t.title AS name, [t.code] AS tasks_a, [t.code] AS tasks_b,
       [ra.role] AS roles_a, [rb.role] AS roles_b
