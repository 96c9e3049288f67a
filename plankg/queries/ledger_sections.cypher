// name: ledger_sections
// purpose: every section's code and heading, for the ledger's roll-up by section
// params: plan_id (string or null = all plans)
// returns: section_id, plan_id, code, number, title
MATCH (s:Section)
WHERE (s.plan_id = $plan_id OR $plan_id IS NULL)
RETURN s.id AS section_id, s.plan_id AS plan_id, s.code AS code, s.number AS number,
       s.title AS title
