// recordIntroduction: the introduction an earlier call with the same request key recorded (a
// retry, server/write/commands/recordIntroduction.ts): the newest, recorded since $since (null:
// any time) and, when $status is given, still in that status. Runs in the write transaction
// after the parties were locked, so two identical calls at once cannot both miss it.
MATCH (i:Introduction {requestKey: $key})
WHERE ($since IS NULL OR i.createdAt >= $since) AND ($status IS NULL OR i.status = $status)
WITH i ORDER BY i.createdAt DESC LIMIT 1
RETURN i.id AS id, i.name AS name, i.status AS status, i.reason AS reason, i.score AS score,
       i.createdAt AS createdAt, i.updatedAt AS updatedAt, i.decidedAt AS decidedAt,
       [(i)-[:FROM]->(x:Entity) | x.id][0] AS fromId,
       [(i)-[:TO]->(x:Entity) | x.id][0] AS toId,
       [(i)-[:VIA]->(x:Entity) | x.id][0] AS viaId
