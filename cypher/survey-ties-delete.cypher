// The KNOWS ties a wave's answers made, removed (the tests clean up with it).
MATCH (:Person)-[k:KNOWS]->(:Person)
WHERE k.source = 'survey' AND k.waveId = $waveId
DELETE k
