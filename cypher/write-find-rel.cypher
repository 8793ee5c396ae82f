// The write path (setRelationship): whether a relationship of one type joins two nodes, in
// either direction for a symmetric type. $type is from REL_TYPES of common/model.ts (checked
// against that allow-list before it is sent, never input). Runs inside the write transaction
// after both ends were locked.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
RETURN count { (a)-[r]-(b) WHERE type(r) = $type AND ($symmetric OR startNode(r) = a) } AS found
