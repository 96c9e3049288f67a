// name: progress_links
// purpose: which progress reports hang on the tasks and targets of one plan (to carry them over
//   to a revised version of the plan)
// params: plan_id (string)
// returns: progress_id, holder_id
MATCH (s)-[:HAS_PROGRESS]->(p:Progress)
WHERE s.plan_id = $plan_id
RETURN p.id AS progress_id, s.id AS holder_id
