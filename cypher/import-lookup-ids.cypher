// Import validation: which of the given ids exist in the database, and with which labels
// (endpoints not in the import, and node ids that must not change label). One index seek per id.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, labels(n) AS labels
