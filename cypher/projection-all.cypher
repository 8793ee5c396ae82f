// Analytics projection of all regions (SPEC §4): every domain node except introductions (read
// separately; they only have outgoing FROM/TO/VIA, so no relationship below reaches one) and
// the Meta node (not an :Entity). One row per node with its outgoing relationships (`out`:
// [type, target id, properties]).
MATCH (n:Entity)
WHERE NOT n:Introduction
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       [(n)-[rel]->(b:Entity) | [type(rel), b.id, properties(rel)]] AS out
