// The audit log, newest first, optionally filtered by actor and action (prefix).
MATCH (a:AuditEntry)
WHERE ($actor IS NULL OR a.actor = $actor) AND ($action IS NULL OR a.action STARTS WITH $action)
RETURN a {.*} AS entry
ORDER BY a.at DESC, a.id
SKIP $offset LIMIT $limit
