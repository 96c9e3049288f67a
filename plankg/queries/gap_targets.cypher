// name: gap_targets
// purpose: the targets of tasks and sections with only what the gap catalogue shows of them (its
//   metric, value and phrase, and its holder's code); lighter than targets, which also gathers
//   offices and industries per target
// params: plan_id (string or null = all plans)
// returns: target_id, holder_label, holder_code, metric, value, evidence, ev_start, ev_end
MATCH (h:Task)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL)
RETURN g.id AS target_id, 'Task' AS holder_label, h.code AS holder_code, g.metric AS metric,
       g.value AS value, g.evidence AS evidence, g.ev_start AS ev_start, g.ev_end AS ev_end
UNION ALL
MATCH (h:Section)-[:HAS_TARGET]->(g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL)
RETURN g.id AS target_id, 'Section' AS holder_label, h.code AS holder_code, g.metric AS metric,
       g.value AS value, g.evidence AS evidence, g.ev_start AS ev_start, g.ev_end AS ev_end
