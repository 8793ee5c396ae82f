// The e-mail address of each respondent of a wave, with whether they consented to share their
// contact data (to send them their link; the address is never shown).
MATCH (r:SurveyRespondent)-[:IN_WAVE]->(:SurveyWave {id: $waveId})
OPTIONAL MATCH (p:Person {id: r.personId})
RETURN r.personId AS personId, p.email AS email, p.consentShareContact = true AS contactShared
