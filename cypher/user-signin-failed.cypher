// One more failed sign-in; the $maxAttempts-th locks the account until $lockUntil (and the
// count starts again).
MATCH (u:User {id: $id})
WITH u, coalesce(u.failedAttempts, 0) + 1 AS failures
WITH u, failures, failures >= $maxAttempts AS lock
SET u.failedAttempts = CASE WHEN lock THEN 0 ELSE failures END,
    u.lockedUntil = CASE WHEN lock THEN $lockUntil ELSE u.lockedUntil END
RETURN lock AS lockedNow, failures
