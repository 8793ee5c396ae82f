// Introductions declined since $since (ISO date): the pairs introductionSuggestions must not
// suggest again (SPEC §4.3, 180 days).
MATCH (i:Introduction {status: 'declined'})-[:FROM]->(f:Entity), (i)-[:TO]->(t:Entity)
WITH f, t, coalesce(i.decidedAt, i.createdAt) AS decidedAt
WHERE toString(decidedAt) >= $since
RETURN f.id AS fromId, t.id AS toId, toString(decidedAt) AS decidedAt
