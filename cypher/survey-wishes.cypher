// "Would like to meet" answers (JSON text) of the given persons, from every wave they submitted in.
MATCH (r:SurveyRespondent)
WHERE r.answers IS NOT NULL AND r.personId IN $ids
RETURN r.personId AS personId, r.answers AS answers
