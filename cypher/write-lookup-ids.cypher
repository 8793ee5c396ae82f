// Write validation: which of the given ids exist in the database, with which labels (endpoints
// not in the write, and node ids that must not change label), and their internal ids (for the
// writer's endpoint seeks). One index seek per id. With $withProperties (the input's own nodes),
// also their properties, so that rows that would change nothing need not be written
// (server/write/unchanged.ts).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, labels(n) AS labels, id(n) AS nodeId,
       CASE WHEN $withProperties THEN properties(n) END AS properties
