// recordIntroduction: store an Introduction with FROM, TO and (optionally) VIA. Runs in the
// same write transaction as introduction-knows.cypher (for `made`) and bump-graph-version.cypher.
MATCH (f:Person {id: $fromId})
MATCH (t:Entity {id: $toId}) WHERE t:Person OR t:SME
OPTIONAL MATCH (v:Person {id: $viaId})
CREATE (i:Introduction:Entity {id: $id, name: f.name + ' → ' + t.name, status: $status,
                               createdAt: $now, updatedAt: $now})
SET i.reason = $note,
    i.decidedAt = CASE WHEN $status IN ['accepted', 'made', 'declined'] THEN $now END
CREATE (i)-[:FROM]->(f)
CREATE (i)-[:TO]->(t)
FOREACH (x IN CASE WHEN v IS NULL THEN [] ELSE [v] END | CREATE (i)-[:VIA]->(x))
RETURN properties(i) AS introduction,
       properties(f) AS from, labels(f) AS fromLabels,
       properties(t) AS to, labels(t) AS toLabels,
       CASE WHEN v IS NULL THEN null ELSE properties(v) END AS via,
       CASE WHEN v IS NULL THEN [] ELSE labels(v) END AS viaLabels
