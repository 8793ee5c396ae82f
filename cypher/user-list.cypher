// Every account, without password hashes.
MATCH (u:User)
RETURN u {.id, .username, .displayName, .role, .deptId, .regionId, .disabled,
          .failedAttempts, .lockedUntil, .createdAt, .updatedAt} AS user
ORDER BY u.username
