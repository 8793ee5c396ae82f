// Respondents added to a wave's roster (each once; one already there is kept as it is).
MATCH (w:SurveyWave {id: $waveId})
UNWIND $rows AS row
MERGE (r:SurveyRespondent {key: $waveId + '|' + row.personId})
ON CREATE SET r.waveId = $waveId, r.personId = row.personId, r.status = 'not_started',
              r.addedAt = $now, r.tokenId = row.tokenId, r.tokenIat = row.tokenIat,
              r.tokenExp = row.tokenExp
MERGE (r)-[:IN_WAVE]->(w)
