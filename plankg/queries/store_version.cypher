// name: store_version
// purpose: a fingerprint of what the store holds (each plan's id, load time and source hash, and
//   the size of every shared node table and of the chain-leader links), so an answer kept for
//   one state of the store is not reused after a write
// params: none
// returns: part, key, loaded_at, sha256, n
MATCH (p:Plan)
RETURN 'Plan' AS part, p.id AS key, p.loaded_at AS loaded_at, p.sha256 AS sha256, 0 AS n
UNION ALL
MATCH (n:Office)
RETURN 'Office' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Collective)
RETURN 'Collective' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Agency)
RETURN 'Agency' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Industry)
RETURN 'Industry' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Chain)
RETURN 'Chain' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Enterprise)
RETURN 'Enterprise' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Park)
RETURN 'Park' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (n:Region)
RETURN 'Region' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(n) AS n
UNION ALL
MATCH (:Enterprise)-[l:LEADS]->()
RETURN 'LEADS' AS part, '' AS key, '' AS loaded_at, '' AS sha256, count(l) AS n
