// name: plans
// purpose: every plan in the store
// params: none
// returns: plan_id, title, issuer, doc_no, issued, period_start, period_end, source_name,
//   source_format, sha256, loaded_at
MATCH (p:Plan)
RETURN p.id AS plan_id, p.title AS title, p.issuer AS issuer, p.doc_no AS doc_no,
       p.issued AS issued, p.period_start AS period_start, p.period_end AS period_end,
       p.source_name AS source_name, p.source_format AS source_format, p.sha256 AS sha256,
       p.loaded_at AS loaded_at
ORDER BY issued DESC, plan_id
