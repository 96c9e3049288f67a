// name: tasks_count_filtered
// purpose: how many tasks tasks_page_filtered pages through, with the same filter
// params: plan_id (string or null), office_id (an Office or Collective id or null), role (a
//   role or null), industry_id (an Industry or Chain id or null), chain_id (an Industry or Chain
//   id or null), year (int or null)
// returns: total
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
RETURN count(t) AS total
