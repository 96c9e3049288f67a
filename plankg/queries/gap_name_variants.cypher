// name: gap_name_variants
// purpose: gap 7, offices the plan writes in more than one way, with the rule that merged each
//   alias
// params: plan_id (string or null = all plans)
// returns: office_id, office, aliases, alias_rules
MATCH (p:Plan)-[:HAS_OFFICE]->(o:Office)
WHERE (p.id = $plan_id OR $plan_id IS NULL) AND size(o.aliases) > 0
RETURN DISTINCT o.id AS office_id, o.name AS office, o.aliases AS aliases,
       o.alias_rules AS alias_rules
ORDER BY office
