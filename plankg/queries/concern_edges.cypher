// name: concern_edges
// purpose: every CONCERNS edge from a task to an industry or chain, with the industry a chain
//   belongs to and the evidence (gaps, task filters, task detail)
// params: plan_id (string or null = all plans), task_id (a Task id or null = all tasks)
// returns: task_id, plan_id, task_code, concept_id, concept_label, concept, concept_en,
//   industry_id, evidence, ev_start, ev_end
// The industry branch stays last: LadybugDB 0.22 mixes up the columns of later UNION branches
// when an earlier branch returns the same expression twice (i.id as concept and industry).
MATCH (t:Task)-[c:CONCERNS]->(ch:Chain)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL) AND (t.id = $task_id OR $task_id IS NULL)
OPTIONAL MATCH (ch)-[:PART_OF]->(i:Industry)
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, ch.id AS concept_id,
       'Chain' AS concept_label, ch.name AS concept, ch.name_en AS concept_en,
       i.id AS industry_id, c.evidence AS evidence, c.ev_start AS ev_start, c.ev_end AS ev_end
UNION ALL
MATCH (t:Task)-[c:CONCERNS]->(i:Industry)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL) AND (t.id = $task_id OR $task_id IS NULL)
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, i.id AS concept_id,
       'Industry' AS concept_label, i.name AS concept, i.name_en AS concept_en,
       i.id AS industry_id, c.evidence AS evidence, c.ev_start AS ev_start, c.ev_end AS ev_end
