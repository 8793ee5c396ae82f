// A successful sign-in clears the failure count and any expired lock.
MATCH (u:User {id: $id})
SET u.failedAttempts = 0, u.lockedUntil = null
