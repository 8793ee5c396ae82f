// What every authenticated request reads (server/auth/requestState.ts), for a batch of requests
// in one query: the graph version, and per ask {i, id, jti} the account with id `id` (as
// user-find: with the regions of its 地域の人事部) and whether the token `jti` (null: none) was
// revoked by a sign-out. One row per ask, with `user` null for an unknown id.
OPTIONAL MATCH (m:Meta {key: 'graph'})
WITH coalesce(m.version, 0) AS version
UNWIND $asks AS ask
OPTIONAL MATCH (u:User {id: ask.id})
RETURN ask.i AS i,
       version,
       u {.*} AS user,
       COLLECT { MATCH (d:RegionalHRDept {id: u.deptId})-[:COVERS]->(r:Region) RETURN r.id ORDER BY r.id } AS deptRegionIds,
       ask.jti IS NOT NULL AND EXISTS { MATCH (:RevokedToken {jti: ask.jti}) } AS revoked
