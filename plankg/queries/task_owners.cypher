// name: task_owners
// purpose: every owner of a task (offices and collective owner words) with role and evidence
// params: task_id (a Task id)
// returns: owner_id, owner, owner_en, owner_label, role, raw, open_ended, evidence, ev_start, ev_end
MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.id = $task_id
RETURN o.id AS owner_id, o.name AS owner, o.name_en AS owner_en, 'Office' AS owner_label,
       r.role AS role, r.raw AS raw, r.open_ended AS open_ended, r.evidence AS evidence,
       r.ev_start AS ev_start, r.ev_end AS ev_end
UNION
MATCH (o:Collective)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.id = $task_id
RETURN o.id AS owner_id, o.name AS owner, o.name_en AS owner_en, 'Collective' AS owner_label,
       r.role AS role, r.raw AS raw, r.open_ended AS open_ended, r.evidence AS evidence,
       r.ev_start AS ev_start, r.ev_end AS ev_end
