// Closed survey waves as points in time of the network (SPEC §12; docs/metrics.md): each with
// its closing time and the regions its dept covers, oldest first.
MATCH (w:SurveyWave {state: 'closed'})
OPTIONAL MATCH (d:RegionalHRDept {id: w.deptId})
RETURN w.id AS id, w.name AS name, w.closedAt AS closedAt, w.deptId AS deptId,
       COLLECT { MATCH (d)-[:COVERS]->(g:Region) RETURN g.id } AS regionIds
ORDER BY w.closedAt, w.id
