// The write path: create one batch of relationships between a node this write creates and one that was
// in the database: none can exist yet (and the input has no duplicates). $type as in
// write-create-rels. Each row: {a, b, from, to, create}: a and b are internal ids, from this
// transaction's creates or from validation's lookup; the id property is checked as well, in case
// a node was deleted and its internal id reused since validation (the row then matches nothing
// and the writer stops the write).
UNWIND $rows AS row
MATCH (a) WHERE id(a) = row.a AND a.id = row.from
MATCH (b) WHERE id(b) = row.b AND b.id = row.to
CREATE (a)-[r:$($type)]->(b)
SET r += row.create
FOREACH (y IN CASE WHEN $stamp THEN [1] ELSE [] END | SET r.createdAt = $now)
RETURN count(*) AS created
