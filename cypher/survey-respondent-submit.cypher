// A respondent's submitted answer: it replaces their earlier one of the wave; the draft is done.
MATCH (r:SurveyRespondent {key: $waveId + '|' + $personId})
SET r.answers = $answers, r.draft = null, r.status = 'submitted', r.submittedAt = $now,
    r.savedAt = $now, r.startedAt = coalesce(r.startedAt, $now)
