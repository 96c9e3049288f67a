// name: ledger_offices
// purpose: the internal offices of each plan with their aliases, to check a reporting office
// params: plan_id (string or null = all plans)
// returns: plan_id, office_id, office, aliases
MATCH (p:Plan)-[:HAS_OFFICE]->(o:Office)
WHERE (p.id = $plan_id OR $plan_id IS NULL)
RETURN p.id AS plan_id, o.id AS office_id, o.name AS office, o.aliases AS aliases
ORDER BY plan_id, office
