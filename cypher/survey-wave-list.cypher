// Waves of the given depts (null = every dept), newest first, with their response counts.
MATCH (w:SurveyWave)
WHERE $deptIds IS NULL OR w.deptId IN $deptIds
OPTIONAL MATCH (d:RegionalHRDept {id: w.deptId})
RETURN w { .*, deptName: d.name } AS wave,
       COLLECT {
         MATCH (r:SurveyRespondent)-[:IN_WAVE]->(w)
         OPTIONAL MATCH (p:Person {id: r.personId})
         RETURN r { .*, name: p.name, nameKana: p.nameKana, hasEmail: coalesce(trim(p.email), '') <> '',
                    contactShared: p.consentShareContact = true } AS r ORDER BY r.name, r.personId
       } AS respondents
ORDER BY w.createdAt DESC
