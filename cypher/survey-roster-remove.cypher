// Respondents taken off a draft wave's roster.
MATCH (r:SurveyRespondent)-[:IN_WAVE]->(:SurveyWave {id: $waveId})
WHERE r.personId IN $personIds
DETACH DELETE r
