// A respondent's draft saved (the form resumes from it); a first save marks them started.
MATCH (r:SurveyRespondent {key: $waveId + '|' + $personId})
SET r.draft = $draft, r.savedAt = $now, r.startedAt = coalesce(r.startedAt, $now),
    r.status = CASE WHEN r.status = 'submitted' THEN 'submitted' ELSE 'started' END
