// name: gap_no_owner
// purpose: gap 2, tasks with no responsible owner, and targets whose holder (a task or a
//   section) has none
// params: plan_id (string or null = all plans)
// returns: kind, holder_id, holder_label, holder_code, holder_title, plan_id, target_ids, metrics,
//   span_start, span_end, text
MATCH (t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL) AND NOT (t)<-[:RESPONSIBLE_FOR]-()
OPTIONAL MATCH (t)-[:HAS_TARGET]->(g:Target)
RETURN 'task' AS kind, t.id AS holder_id, 'Task' AS holder_label, t.code AS holder_code,
       t.title AS holder_title, t.plan_id AS plan_id, collect(g.id) AS target_ids,
       collect(g.metric) AS metrics, t.span_start AS span_start, t.span_end AS span_end,
       t.text AS text
UNION ALL
MATCH (s:Section)-[:HAS_TARGET]->(g:Target)
WHERE (s.plan_id = $plan_id OR $plan_id IS NULL) AND NOT (s)<-[:RESPONSIBLE_FOR]-()
RETURN 'target' AS kind, s.id AS holder_id, 'Section' AS holder_label, s.code AS holder_code,
       s.title AS holder_title, s.plan_id AS plan_id, collect(g.id) AS target_ids,
       collect(g.metric) AS metrics, s.span_start AS span_start, s.span_end AS span_end,
       s.intro AS text
