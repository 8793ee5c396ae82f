// Import validation: which of the given ids exist in the database, with which labels (endpoints
// not in the import, and node ids that must not change label), and their internal ids (for the
// writer's endpoint seeks). One index seek per id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, labels(n) AS labels, id(n) AS nodeId
