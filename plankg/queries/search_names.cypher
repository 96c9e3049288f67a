// name: search_names
// purpose: every named node (offices, collective owners, outside departments, industries,
//   chains, enterprises, parks, regions) with its names, for name resolution and search
// params: none
// returns: id, label, name, name_en, aliases, pinyin
MATCH (n:Office)
RETURN n.id AS id, 'Office' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Collective)
RETURN n.id AS id, 'Collective' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Agency)
RETURN n.id AS id, 'Agency' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Industry)
RETURN n.id AS id, 'Industry' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Chain)
RETURN n.id AS id, 'Chain' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Enterprise)
RETURN n.id AS id, 'Enterprise' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Park)
RETURN n.id AS id, 'Park' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
UNION ALL
MATCH (n:Region)
RETURN n.id AS id, 'Region' AS label, n.name AS name, n.name_en AS name_en,
       n.aliases AS aliases, n.pinyin AS pinyin
