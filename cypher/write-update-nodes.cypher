// The write path: update one batch of existing nodes (of any label). Each row: {n, id, set}: n is the
// node's internal id from validation's lookup or the write's lock (the id property is checked
// too, as in write-rels), set the properties the input gives (null = remove). Only nodes where a value
// really differs are written, and only they get a new updatedAt. `total` counts the nodes found.
UNWIND $rows AS row
MATCH (n) WHERE id(n) = row.n AND n.id = row.id
WITH row, n,
     any(k IN keys(row.set) WHERE coalesce(n[k] <> row.set[k], (n[k] IS NULL) <> (row.set[k] IS NULL)))
       AS changed
FOREACH (x IN CASE WHEN changed THEN [1] ELSE [] END |
  SET n += row.set, n.updatedAt = $now)
RETURN sum(CASE WHEN changed THEN 1 ELSE 0 END) AS updated, count(*) AS total
