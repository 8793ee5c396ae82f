// The introductions log (紹介の記録, SPEC §10; server/graphql/introductionLog.ts): recorded
// introductions with a party (FROM or TO) among $ids — the persons and SMEs of the region's
// analytics projection, the rule of the map — or every introduction when $ids is null; of the
// statuses $statuses (null: all); newest first, $offset/$limit. Columns as introduction-get.
CALL {
  WITH $ids AS ids
  WITH ids WHERE ids IS NULL
  MATCH (i:Introduction)
  RETURN i
  UNION
  WITH $ids AS ids
  WITH ids WHERE ids IS NOT NULL
  UNWIND ids AS pid
  MATCH (:Entity {id: pid})<-[:FROM|TO]-(i:Introduction)
  RETURN i
}
WITH DISTINCT i
WHERE $statuses IS NULL OR i.status IN $statuses
WITH i ORDER BY i.createdAt DESC, i.id SKIP $offset LIMIT $limit
RETURN i.id AS id, i.status AS status, i.reason AS note, i.name AS name,
       i.createdAt AS createdAt, i.updatedAt AS updatedAt, i.decidedAt AS decidedAt,
       i.recordedBy AS recordedBy,
       head(COLLECT { MATCH (u:User {username: i.recordedBy}) RETURN u.displayName }) AS recordedByName,
       [(i)-[:FROM]->(x:Entity) | x {.id, .name, .consentPublicProfile, labels: labels(x)}][0] AS fromParty,
       [(i)-[:TO]->(x:Entity) | x {.id, .name, .consentPublicProfile, labels: labels(x)}][0] AS toParty,
       [(i)-[:VIA]->(x:Entity) | x {.id, .name, .consentPublicProfile, labels: labels(x)}][0] AS viaParty
ORDER BY createdAt DESC, id
