// name: tasks_page_filtered
// purpose: one page of the tasks in outline order (plan, then the stored sort key of the code),
//   filtered in the database (each filter is a subquery over every task, so a list
//   filtered by plan alone reads tasks_page instead); tasks_count_filtered counts the same filter. Every filter left null means
//   no filter
// params: plan_id (string or null = all plans), office_id (an Office or Collective id or null:
//   the task is among its own), role (a role or null: with office_id that owner's role, without
//   it any owner's), industry_id (an Industry or Chain id or null: the task concerns it or a
//   chain of it), chain_id (the same, a second concept, or null), year (a target of the task
//   applies in that year, as in targets, or null), skip (rows to pass over), limit (rows to
//   return)
// returns: task_id, plan_id, code, number, title, level, has_owner, open_ended, span_start,
//   span_end, section_id, section_code, section_title
MATCH (t:Task)
// LadybugDB types a parameter where it first appears: each is compared before it is tested for
// null.
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
  AND (EXISTS {
         MATCH (o)-[r:RESPONSIBLE_FOR]->(t)
         WHERE (o.id = $office_id OR $office_id IS NULL) AND (r.role = $role OR $role IS NULL)
       }
       OR ($office_id IS NULL AND $role IS NULL))
  AND (EXISTS { MATCH (t)-[:CONCERNS]->(x)-[:PART_OF*0..1]->(y) WHERE y.id = $industry_id }
       OR $industry_id IS NULL)
  AND (EXISTS { MATCH (t)-[:CONCERNS]->(x)-[:PART_OF*0..1]->(y) WHERE y.id = $chain_id }
       OR $chain_id IS NULL)
  AND (EXISTS {
         MATCH (t)-[:HAS_TARGET]->(g:Target)
         WHERE g.year = $year
            OR (g.period_start IS NOT NULL AND g.period_end IS NOT NULL
                AND g.period_start <= $year AND $year <= g.period_end)
            OR (g.kind = 'annual' AND g.year IS NULL AND g.period_start IS NULL)
       }
       OR $year IS NULL)
WITH t
ORDER BY t.plan_id, t.sort_key, t.id
SKIP $skip
LIMIT $limit
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS code, t.number AS number,
       t.title AS title, t.level AS level, t.has_owner AS has_owner, t.open_ended AS open_ended,
       t.span_start AS span_start, t.span_end AS span_end, s.id AS section_id,
       s.code AS section_code, s.title AS section_title
ORDER BY t.plan_id, t.sort_key, t.id
