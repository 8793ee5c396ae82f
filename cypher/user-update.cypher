// Changes fields of one account ($changes: a map of allowed fields, see server/auth/users.ts);
// `$revoke` bumps the token version, which invalidates every token issued before.
MATCH (u:User {username: $username})
SET u += $changes,
    u.tokenVersion = u.tokenVersion + CASE WHEN $revoke THEN 1 ELSE 0 END,
    u.updatedAt = $now
RETURN u.id AS id
