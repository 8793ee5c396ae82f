// Removes the sign-in rate-limit counters whose window has ended.
MATCH (r:RateLimit) WHERE r.resetAt <= $now
DELETE r
