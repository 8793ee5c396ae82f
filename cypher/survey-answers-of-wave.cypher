// The submitted answers of a wave (JSON text), by person.
MATCH (r:SurveyRespondent)-[:IN_WAVE]->(:SurveyWave {id: $waveId})
WHERE r.answers IS NOT NULL
RETURN r.personId AS personId, r.answers AS answers
