// updateNode: the node to edit, with its labels and properties, and the graph version. The
// write lock (the `_LOCK_` idiom of the Neo4j manual) makes a concurrent edit of the same node
// wait until this transaction ends, so the validated merge is what gets stored; the lock
// property is removed by node-update.cypher, or the transaction is rolled back.
MATCH (n:Entity {id: $id})
SET n._LOCK_ = true
WITH n
OPTIONAL MATCH (m:Meta {key: 'graph'})
RETURN labels(n) AS labels, properties(n) AS props, coalesce(m.version, 0) AS version
