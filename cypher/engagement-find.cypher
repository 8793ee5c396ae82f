// The write path (recordFollowUp): the ENGAGED_WITH of a talent with an SME, its status and
// last follow-up. Runs inside the write transaction after both were locked.
MATCH (:Person {id: $talentId})-[e:ENGAGED_WITH]->(:SME {id: $smeId})
RETURN e.status AS status, e.lastFollowUpAt AS lastFollowUpAt
LIMIT 1
