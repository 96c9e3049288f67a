// name: gap_collective_owner
// purpose: gap 3, tasks and sections owned by a group word (各产业科室, 综合科室) so nobody in
//   particular is accountable, with the named offices sharing them
// params: plan_id (string or null = all plans)
// returns: holder_id, holder_label, holder_code, holder_title, collective, role, named_owners,
//   evidence, ev_start, ev_end
MATCH (c:Collective)-[r:RESPONSIBLE_FOR]->(h:Task)
WHERE (h.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(h)
WITH c, r, h, collect(DISTINCT o.name) AS named_owners
RETURN h.id AS holder_id, 'Task' AS holder_label, h.code AS holder_code,
       h.title AS holder_title, c.name AS collective, r.role AS role, named_owners,
       r.evidence AS evidence, r.ev_start AS ev_start, r.ev_end AS ev_end
UNION ALL
MATCH (c:Collective)-[r:RESPONSIBLE_FOR]->(h:Section)
WHERE (h.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (o:Office)-[:RESPONSIBLE_FOR]->(h)
WITH c, r, h, collect(DISTINCT o.name) AS named_owners
RETURN h.id AS holder_id, 'Section' AS holder_label, h.code AS holder_code,
       h.title AS holder_title, c.name AS collective, r.role AS role, named_owners,
       r.evidence AS evidence, r.ev_start AS ev_start, r.ev_end AS ev_end
