// The graph version: a counter bumped by every write, read by the analytics cache.
OPTIONAL MATCH (m:Meta {key: 'graph'})
RETURN coalesce(m.version, 0) AS version
