// Locks a wave for the rest of the write transaction (two edits of one wave wait for each other).
MATCH (w:SurveyWave {id: $id})
SET w._lock = true
REMOVE w._lock
RETURN w.state AS state, w.deptId AS deptId
