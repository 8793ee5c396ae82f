// Sign-in rate limits kept in Neo4j (server/auth/rateLimitStore.ts), so that every server
// process counts the same attempts: one more hit for $key in a fixed window of $windowMs that
// starts at its first hit. Returns the hits in the current window and when it ends (ms since
// the epoch). Counters are not domain data (no :Entity).
MERGE (r:RateLimit {key: $key})
WITH r, coalesce(r.resetAt, 0) <= $now AS expired
SET r.hits = CASE WHEN expired THEN 1 ELSE r.hits + 1 END,
    r.resetAt = CASE WHEN expired THEN $now + $windowMs ELSE r.resetAt END
RETURN r.hits AS hits, r.resetAt AS resetAt
