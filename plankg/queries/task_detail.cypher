// name: task_detail
// purpose: one task with its section, the industries and chains it concerns, its outside
//   departments and how many targets it holds
// params: task_id (a Task id)
// returns: task_id, plan_id, code, number, title, text, level, span_start, span_end, has_owner,
//   open_ended, warnings, section_id, section_code, section_title, industries, chains, agencies,
//   target_count
// sets: industries, chains, agencies
MATCH (t:Task)
WHERE t.id = $task_id
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
WITH t, s
OPTIONAL MATCH (t)-[:CONCERNS]->(i:Industry)
WITH t, s, collect(DISTINCT i.name) AS industries
OPTIONAL MATCH (t)-[:CONCERNS]->(ch:Chain)
WITH t, s, industries, collect(DISTINCT ch.name) AS chains
OPTIONAL MATCH (t)-[:INVOLVES]->(a:Agency)
WITH t, s, industries, chains, collect(DISTINCT a.name) AS agencies
OPTIONAL MATCH (t)-[:HAS_TARGET]->(g:Target)
WITH t, s, industries, chains, agencies, count(DISTINCT g) AS target_count
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS code, t.number AS number,
       t.title AS title, t.text AS text, t.level AS level, t.span_start AS span_start,
       t.span_end AS span_end, t.has_owner AS has_owner, t.open_ended AS open_ended,
       t.warnings AS warnings, s.id AS section_id, s.code AS section_code,
       s.title AS section_title, industries, chains, agencies, target_count
