// The write path: create one batch of relationships between two nodes this write creates (so none can
// exist yet). $type is a type from REL_TYPES of common/model.ts, checked against that
// allow-list before it is sent, never input; a parameter, so one query plan serves every type.
// Each row: {a, b, create}: a and b are the internal ids write-create-nodes returned in this
// same transaction (a node created here cannot be deleted and its id reused before the commit).
// A seek by internal id is cheaper than one on the id index, which must also look through this
// transaction's changes.
UNWIND $rows AS row
MATCH (a) WHERE id(a) = row.a
MATCH (b) WHERE id(b) = row.b
CREATE (a)-[r:$($type)]->(b)
SET r += row.create
FOREACH (y IN CASE WHEN $stamp THEN [1] ELSE [] END | SET r.createdAt = $now)
RETURN count(*) AS created
