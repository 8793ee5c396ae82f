// Import: create one batch of nodes that validation found not to exist yet. `__LABELS__` is
// replaced by labels from server/domain/model.ts only (NODE_LABELS, `Entity`,
// PERSON_EXTRA_LABELS), never by input. Each row: {id, create} (create = all properties).
UNWIND $rows AS row
CREATE (n:__LABELS__ {id: row.id})
SET n += row.create, n.createdAt = $now, n.updatedAt = $now
RETURN count(*) AS created
