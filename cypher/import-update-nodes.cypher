// Import: update one batch of existing nodes of one label (`__LABEL__`, from NODE_LABELS only).
// Each row: {id, set}: the properties the input gives (null = remove). Only nodes where a value
// really differs are written, and only they get a new updatedAt.
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
WITH row, n
WHERE any(k IN keys(row.set) WHERE coalesce(n[k] <> row.set[k], (n[k] IS NULL) <> (row.set[k] IS NULL)))
SET n += row.set, n.updatedAt = $now
RETURN count(*) AS updated
