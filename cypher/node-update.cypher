// updateNode: store the validated changes of one node (`__LABEL__`, one of EDITABLE_NODE_LABELS
// of model.ts, nothing else). $set holds the changed properties (null = remove the property);
// $kp / $tal the extra labels :KeyPerson / :Talent of a Person (true = set, false = remove,
// null = leave as is). Runs in the write transaction of node-update-read.cypher, with
// bump-graph-version.cypher after it.
MATCH (n:Entity {id: $id})
WHERE n:__LABEL__
SET n += $set, n.updatedAt = $now
REMOVE n._LOCK_
FOREACH (y IN CASE WHEN $kp = true THEN [1] ELSE [] END | SET n:KeyPerson)
FOREACH (y IN CASE WHEN $kp = false THEN [1] ELSE [] END | REMOVE n:KeyPerson)
FOREACH (y IN CASE WHEN $tal = true THEN [1] ELSE [] END | SET n:Talent)
FOREACH (y IN CASE WHEN $tal = false THEN [1] ELSE [] END | REMOVE n:Talent)
RETURN n.id AS id, n.name AS name, n.updatedAt AS updatedAt
