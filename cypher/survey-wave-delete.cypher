// A draft wave deleted with its roster (a wave that was ever open is kept).
MATCH (w:SurveyWave {id: $id})
OPTIONAL MATCH (r:SurveyRespondent)-[:IN_WAVE]->(w)
DETACH DELETE r, w
