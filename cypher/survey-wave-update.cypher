// Edit a wave's name, end date, consent text and state ($set holds only what changes).
MATCH (w:SurveyWave {id: $id})
SET w += $set, w.updatedAt = $now
RETURN w.id AS id
