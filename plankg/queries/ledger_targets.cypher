// name: ledger_targets
// purpose: every target with what the ledger's status rules read
// params: plan_id (string or null = all plans)
// returns: target_id, plan_id, holder_id, ordinal, metric, value, unit, kind, year, period_start,
//   period_end, vague, evidence
MATCH (g:Target)
WHERE (g.plan_id = $plan_id OR $plan_id IS NULL)
RETURN g.id AS target_id, g.plan_id AS plan_id, g.holder_id AS holder_id, g.ordinal AS ordinal,
       g.metric AS metric, g.value AS value, g.unit AS unit, g.kind AS kind, g.year AS year,
       g.period_start AS period_start, g.period_end AS period_end, g.vague AS vague,
       g.evidence AS evidence
ORDER BY holder_id, ordinal
