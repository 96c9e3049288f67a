// name: ledger_tasks
// purpose: every task with what the ledger's status rules read (text, deadline)
// params: plan_id (string or null = all plans)
// returns: task_id, plan_id, code, title, text, deadline, section_code
MATCH (t:Task)
WHERE (t.plan_id = $plan_id OR $plan_id IS NULL)
OPTIONAL MATCH (s:Section)-[:HAS_TASK]->(t)
RETURN t.id AS task_id, t.plan_id AS plan_id, t.code AS code, t.title AS title, t.text AS text,
       t.deadline AS deadline, s.code AS section_code
