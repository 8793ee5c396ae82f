// One account by id or by username, with the regions it may read: a coordinator's are those
// its 地域の人事部 covers, a municipality's its own region.
MATCH (u:User)
WHERE ($id IS NOT NULL AND u.id = $id) OR ($username IS NOT NULL AND u.username = $username)
RETURN u {.*} AS user,
       COLLECT { MATCH (d:RegionalHRDept {id: u.deptId})-[:COVERS]->(r:Region) RETURN r.id ORDER BY r.id } AS deptRegionIds
LIMIT 1
