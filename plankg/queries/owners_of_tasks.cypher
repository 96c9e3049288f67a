// name: owners_of_tasks
// purpose: the RESPONSIBLE_FOR edges into the tasks of one page (offices and collective owner
//   words), as responsibility_edges gives them
// params: task_ids (list of Task ids)
// returns: task_id, plan_id, task_code, task_title, owner_id, owner_label, owner, owner_en, role,
//   raw, open_ended, evidence, ev_start, ev_end
MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.id IN $task_ids
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       o.id AS owner_id, 'Office' AS owner_label, o.name AS owner, o.name_en AS owner_en,
       r.role AS role, r.raw AS raw, r.open_ended AS open_ended, r.evidence AS evidence,
       r.ev_start AS ev_start, r.ev_end AS ev_end
UNION ALL
MATCH (o:Collective)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE t.id IN $task_ids
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS task_code, t.title AS task_title,
       o.id AS owner_id, 'Collective' AS owner_label, o.name AS owner, o.name_en AS owner_en,
       r.role AS role, r.raw AS raw, r.open_ended AS open_ended, r.evidence AS evidence,
       r.ev_start AS ev_start, r.ev_end AS ev_end
