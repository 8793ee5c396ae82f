// updateIntroduction (server/write/commands/updateIntroduction.ts): one introduction by id with
// its parties, in the columns of introduction-log.cypher (one row mapper reads both). Runs in
// the write transaction; no row when there is no introduction with that id.
MATCH (i:Introduction {id: $id})
RETURN i.id AS id, i.status AS status, i.reason AS note, i.name AS name,
       i.createdAt AS createdAt, i.updatedAt AS updatedAt, i.decidedAt AS decidedAt,
       i.recordedBy AS recordedBy,
       head(COLLECT { MATCH (u:User {username: i.recordedBy}) RETURN u.displayName }) AS recordedByName,
       [(i)-[:FROM]->(x:Entity) | x {.id, .name, .consentPublicProfile, labels: labels(x)}][0] AS fromParty,
       [(i)-[:TO]->(x:Entity) | x {.id, .name, .consentPublicProfile, labels: labels(x)}][0] AS toParty,
       [(i)-[:VIA]->(x:Entity) | x {.id, .name, .consentPublicProfile, labels: labels(x)}][0] AS viaParty
