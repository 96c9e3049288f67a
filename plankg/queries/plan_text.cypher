// name: plan_text
// purpose: one plan's clean text, which every evidence offset (ev_start/ev_end) points into
// params: plan_id (a Plan id)
// returns: plan_id, text
MATCH (p:Plan)
WHERE p.id = $plan_id
RETURN p.id AS plan_id, p.text AS text
