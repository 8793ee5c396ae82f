// One respondent of a wave with the wave's state (a personal link is checked against it).
MATCH (r:SurveyRespondent {key: $waveId + '|' + $personId})-[:IN_WAVE]->(w:SurveyWave)
OPTIONAL MATCH (p:Person {id: r.personId})
RETURN r { .*, name: p.name, nameKana: p.nameKana } AS respondent, w { .* } AS wave
