// name: plan_sections
// purpose: the headings of one plan's outline (the tree the web plan page draws), with each
//   heading's parent heading
// params: plan_id (a Plan id)
// returns: section_id, code, number, title, level, intro, span_start, span_end, parent_id
MATCH (s:Section)
WHERE s.plan_id = $plan_id
OPTIONAL MATCH (parent:Section)-[:HAS_SECTION]->(s)
RETURN s.id AS section_id, s.code AS code, s.number AS number, s.title AS title,
       s.level AS level, s.intro AS intro, s.span_start AS span_start, s.span_end AS span_end,
       parent.id AS parent_id
