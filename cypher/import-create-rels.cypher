// Import: create one batch of relationships between nodes this import creates (so none can
// exist yet). `__TYPE__` is a type from REL_TYPES of server/domain/model.ts, never input.
// Endpoints are found by one seek each on the :Entity id constraint.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r += row.create
RETURN count(*) AS created
