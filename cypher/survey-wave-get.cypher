// One wave with its respondents and their names (roster order: name, then id).
MATCH (w:SurveyWave {id: $id})
OPTIONAL MATCH (d:RegionalHRDept {id: w.deptId})
RETURN w { .*, deptName: d.name } AS wave,
       COLLECT {
         MATCH (r:SurveyRespondent)-[:IN_WAVE]->(w)
         OPTIONAL MATCH (p:Person {id: r.personId})
         RETURN r { .*, name: p.name, nameKana: p.nameKana, hasEmail: coalesce(trim(p.email), '') <> '',
                    contactShared: p.consentShareContact = true } AS r ORDER BY r.name, r.personId
       } AS respondents
