// A sign-in rate-limit counter: one hit less ($reset false; a request that should not count),
// or removed ($reset true).
MATCH (r:RateLimit {key: $key})
FOREACH (x IN CASE WHEN $reset THEN [1] ELSE [] END | DELETE r)
FOREACH (x IN CASE WHEN $reset THEN [] ELSE [1] END |
  SET r.hits = CASE WHEN r.hits > 0 THEN r.hits - 1 ELSE 0 END)
