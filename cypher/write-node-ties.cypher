// The write path (merge, erase): every relationship of one node, as stored — its type, whether
// it starts at the node, the other end's id and labels, and its properties. Runs inside the
// write transaction after the node was locked.
MATCH (n:Entity {id: $id})-[r]-(o:Entity)
RETURN type(r) AS type, startNode(r) = n AS out, o.id AS otherId, labels(o) AS otherLabels,
       properties(r) AS props
ORDER BY type, otherId
