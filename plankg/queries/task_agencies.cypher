// name: task_agencies
// purpose: the outside departments one task involves, with the relation and the evidence
// params: task_id (a Task id)
// returns: agency_id, agency, agency_en, unnamed, relation, raw, evidence, ev_start, ev_end
MATCH (t:Task)-[r:INVOLVES]->(a:Agency)
WHERE t.id = $task_id
RETURN a.id AS agency_id, a.name AS agency, a.name_en AS agency_en, a.unnamed AS unnamed,
       r.relation AS relation, r.raw AS raw, r.evidence AS evidence, r.ev_start AS ev_start,
       r.ev_end AS ev_end
ORDER BY ev_start
