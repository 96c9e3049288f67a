// name: plan_detail
// purpose: one plan's header and the size of its graph, and the clauses the parser did not
//   understand (unparsed, as JSON text)
// params: plan_id (a Plan id)
// returns: plan_id, title, issuer, doc_no, issued, period_start, period_end, source_name,
//   loaded_at, sections, tasks, tasks_without_owner, targets, offices, responsibilities,
//   agencies, industries, chains, unparsed
MATCH (p:Plan)
WHERE p.id = $plan_id
OPTIONAL MATCH (s:Section)
WHERE s.plan_id = p.id
WITH p, count(DISTINCT s) AS sections
OPTIONAL MATCH (t:Task)
WHERE t.plan_id = p.id
WITH p, sections, count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN t.has_owner = false THEN t.id END) AS tasks_without_owner
OPTIONAL MATCH (g:Target)
WHERE g.plan_id = p.id
WITH p, sections, tasks, tasks_without_owner, count(DISTINCT g) AS targets
OPTIONAL MATCH (p)-[:HAS_OFFICE]->(o:Office)
WITH p, sections, tasks, tasks_without_owner, targets, count(DISTINCT o) AS offices
OPTIONAL MATCH (ow)-[r:RESPONSIBLE_FOR]->(rt:Task)
WHERE rt.plan_id = p.id
WITH p, sections, tasks, tasks_without_owner, targets, offices, count(r) AS responsibilities
OPTIONAL MATCH (at:Task)-[:INVOLVES]->(a:Agency)
WHERE at.plan_id = p.id
WITH p, sections, tasks, tasks_without_owner, targets, offices, responsibilities,
     count(DISTINCT a) AS agencies
OPTIONAL MATCH (it:Task)-[:CONCERNS]->(i:Industry)
WHERE it.plan_id = p.id
WITH p, sections, tasks, tasks_without_owner, targets, offices, responsibilities, agencies,
     count(DISTINCT i) AS industries
OPTIONAL MATCH (ct:Task)-[:CONCERNS]->(ch:Chain)
WHERE ct.plan_id = p.id
RETURN p.id AS plan_id, p.title AS title, p.issuer AS issuer, p.doc_no AS doc_no,
       p.issued AS issued, p.period_start AS period_start, p.period_end AS period_end,
       p.source_name AS source_name, p.loaded_at AS loaded_at, sections, tasks,
       tasks_without_owner, targets, offices, responsibilities, agencies, industries,
       count(DISTINCT ch) AS chains, p.unparsed AS unparsed
