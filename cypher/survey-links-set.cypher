// The current link of respondents ($rows: personId, tokenId, tokenIat, tokenExp; a null
// tokenId revokes it): a link whose id is not the stored one is refused.
UNWIND $rows AS row
MATCH (r:SurveyRespondent {key: $waveId + '|' + row.personId})
SET r.tokenId = row.tokenId, r.tokenIat = row.tokenIat, r.tokenExp = row.tokenExp,
    r.revokedAt = CASE WHEN row.tokenId IS NULL THEN $now ELSE null END
