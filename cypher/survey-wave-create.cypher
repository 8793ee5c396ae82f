// A new survey wave (draft) of a dept (server/surveys/store.ts): not part of the domain graph
// (no :Entity), so neither the analytics, the entity API nor imports ever see it.
CREATE (w:SurveyWave {
  id: $id, deptId: $deptId, name: $name, endDate: $endDate, consentText: $consentText,
  state: 'draft', createdAt: $now, updatedAt: $now, createdBy: $actor
})
RETURN w.id AS id
