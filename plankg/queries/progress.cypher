// name: progress
// purpose: every progress report of the ledger (台账), oldest first, with the task or target it
//   is attached to now (null: orphaned by a plan revision)
// params: plan_id (string or null = all plans)
// returns: progress_id, subject_kind, subject_id, plan_id, task_code, task_text, value, state,
//   as_of, note, office, evidence, recorded_at, source, current_id
MATCH (p:Progress)
WHERE (p.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (s)-[:HAS_PROGRESS]->(p)
RETURN p.id AS progress_id, p.subject_kind AS subject_kind, p.subject_id AS subject_id,
       p.plan_id AS plan_id, p.task_code AS task_code, p.task_text AS task_text,
       p.value AS value, p.state AS state, p.as_of AS as_of, p.note AS note, p.office AS office,
       p.evidence AS evidence, p.recorded_at AS recorded_at, p.source AS source,
       s.id AS current_id
ORDER BY as_of, recorded_at, progress_id
