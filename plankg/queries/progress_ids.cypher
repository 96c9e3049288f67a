// name: progress_ids
// purpose: which of the given progress ids the store already holds (a second import adds nothing)
// params: ids (list of Progress ids)
// returns: progress_id
MATCH (p:Progress)
WHERE p.id IN $ids
RETURN p.id AS progress_id
