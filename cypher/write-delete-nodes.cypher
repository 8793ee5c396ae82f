// The write path: delete one batch of nodes with every relationship they have. Each row:
// {n, id}: the internal id the write transaction locked the node by (write-lock-nodes), its id
// checked again. Returns how many were deleted and the types of the relationships that went
// with them (so the write can say what a deletion cut).
UNWIND $rows AS row
MATCH (n) WHERE id(n) = row.n AND n.id = row.id
WITH n, [(n)-[r]-() | type(r)] AS types
DETACH DELETE n
RETURN count(*) AS total, count(*) AS deleted, collect(types) AS relTypes
