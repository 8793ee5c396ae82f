// The write path: lock the nodes a write edits or deletes, and read them (labels, properties,
// internal id), inside its transaction. Setting a property takes the node's write lock (the
// `_LOCK_` idiom of the Neo4j manual) and removing it again leaves nothing behind: a concurrent
// write of the same node waits until this transaction ends, so what it validated against is
// what it writes over. The caller sends the ids sorted, so two writes lock in the same order.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n._LOCK_ = true
REMOVE n._LOCK_
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, id(n) AS nodeId
