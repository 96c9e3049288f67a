// name: offices_sharing
// purpose: offices whose tasks concern an industry or chain (directly, or through a chain of the
//   industry), with the connecting tasks
// params: ids (list of Industry/Chain ids), plan_id (string or null = all plans)
// returns: office_id, office, office_en, task_id, task_code, task_title, role, via, evidence,
//   ev_start, ev_end
MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task)-[c:CONCERNS]->(i:Industry)
WHERE i.id IN $ids AND (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN o.id AS office_id, o.name AS office, o.name_en AS office_en, t.id AS task_id,
       t.code AS task_code, t.title AS task_title, r.role AS role, i.name AS via,
       c.evidence AS evidence, c.ev_start AS ev_start, c.ev_end AS ev_end
UNION
MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task)-[c:CONCERNS]->(ch:Chain)
WHERE ch.id IN $ids AND (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN o.id AS office_id, o.name AS office, o.name_en AS office_en, t.id AS task_id,
       t.code AS task_code, t.title AS task_title, r.role AS role, ch.name AS via,
       c.evidence AS evidence, c.ev_start AS ev_start, c.ev_end AS ev_end
UNION
MATCH (o:Office)-[r:RESPONSIBLE_FOR]->(t:Task)-[c:CONCERNS]->(ch:Chain)-[:PART_OF]->(i:Industry)
WHERE i.id IN $ids AND (t.plan_id = $plan_id OR $plan_id IS NULL)
RETURN o.id AS office_id, o.name AS office, o.name_en AS office_en, t.id AS task_id,
       t.code AS task_code, t.title AS task_title, r.role AS role, ch.name AS via,
       c.evidence AS evidence, c.ev_start AS ev_start, c.ev_end AS ev_end
