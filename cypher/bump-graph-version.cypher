// Bump the graph version inside the writing transaction, so readers see data and version change together.
MERGE (m:Meta {key: 'graph'})
SET m.version = coalesce(m.version, 0) + 1, m.updatedAt = $now
RETURN m.version AS version
