// Import: upsert one batch of relationships of one type, by (type, from, to). `__TYPE__` is
// replaced by a type from REL_TYPES of server/domain/model.ts (never by input). Endpoints and
// their labels were validated before; each is found by one seek on the :Entity id constraint.
// Each row: {from, to, set, create} as in import-nodes.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
WITH row, a, b, head([(a)-[o:__TYPE__]->(b) | o]) AS old
WITH row, a, b, old, old IS NULL AS created,
     old IS NOT NULL
       AND any(k IN keys(row.set) WHERE coalesce(old[k] <> row.set[k], (old[k] IS NULL) <> (row.set[k] IS NULL)))
       AS changed
FOREACH (x IN CASE WHEN created THEN [1] ELSE [] END |
  CREATE (a)-[r:__TYPE__]->(b)
  SET r += row.create)
FOREACH (x IN CASE WHEN changed THEN [1] ELSE [] END |
  SET old += row.set)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated,
       count(*) AS total
