// A new account (server/auth/users.ts). The username constraint rejects a duplicate.
CREATE (u:User {
  id: $id, username: $username, displayName: $displayName, role: $role,
  deptId: $deptId, regionId: $regionId, passwordHash: $passwordHash,
  disabled: false, failedAttempts: 0, lockedUntil: null, tokenVersion: 0,
  createdAt: $now, updatedAt: $now
})
RETURN u.id AS id
