// The write path: like write-rels, for the symmetric types (SYMMETRIC_REL_TYPES: KNOWS, PARTNERS_WITH),
// stored once: an existing relationship in either direction is the one updated.
UNWIND $rows AS row
MATCH (a) WHERE id(a) = row.a AND a.id = row.from
MATCH (b) WHERE id(b) = row.b AND b.id = row.to
WITH row, a, b, head([(a)-[o]-(b) WHERE type(o) = $type | o]) AS old
WITH row, a, b, old, old IS NULL AS created,
     old IS NOT NULL
       AND any(k IN keys(row.set) WHERE coalesce(old[k] <> row.set[k], (old[k] IS NULL) <> (row.set[k] IS NULL)))
       AS changed
FOREACH (x IN CASE WHEN created THEN [1] ELSE [] END |
  CREATE (a)-[r:$($type)]->(b)
  SET r += row.create
  FOREACH (y IN CASE WHEN $stamp THEN [1] ELSE [] END | SET r.createdAt = $now))
FOREACH (x IN CASE WHEN changed THEN [1] ELSE [] END |
  SET old += row.set
  FOREACH (y IN CASE WHEN $stamp THEN [1] ELSE [] END | SET old.updatedAt = $now))
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated,
       count(*) AS total
