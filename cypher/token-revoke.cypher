// Sign-out: the token with id $jti is refused from now on, by every server process, until it
// would have expired anyway ($expiresAt, epoch seconds).
MERGE (t:RevokedToken {jti: $jti})
SET t.expiresAt = $expiresAt, t.userId = $userId;
// Revocations past their token's expiry are no longer needed (at most 1,000 at a time).
MATCH (old:RevokedToken)
WHERE old.expiresAt < $now
WITH old LIMIT 1000
DELETE old;
