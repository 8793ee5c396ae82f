// The write path: upsert one batch of relationships of one type, by (type, from, to). $type is a type
// from REL_TYPES of common/model.ts, checked against that allow-list before it is sent,
// never input; a parameter, so one query plan serves every type. Endpoints and their labels were
// validated before. Each row: {a, b, from, to, set, create}: a and b are the endpoints' internal
// ids (from validation's lookup or this write's creates), found by one seek each; the id
// property is checked too, in case a node was deleted and its internal id reused since
// validation (the row then matches nothing and the writer stops the write). With $stamp (every
// write but an import) a created relationship gets createdAt, a changed one updatedAt.
UNWIND $rows AS row
MATCH (a) WHERE id(a) = row.a AND a.id = row.from
MATCH (b) WHERE id(b) = row.b AND b.id = row.to
WITH row, a, b, head([(a)-[o]->(b) WHERE type(o) = $type | o]) AS old
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
