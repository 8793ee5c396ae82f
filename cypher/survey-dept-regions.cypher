// The dept of a wave and the regions it covers (a wave's roster comes from them).
MATCH (d:RegionalHRDept {id: $deptId})
RETURN d.id AS id, d.name AS name, COLLECT { MATCH (d)-[:COVERS]->(g:Region) RETURN g.id } AS regionIds
