// Introductions recorded as made on or before $asOf (decidedAt is an ISO date-time, its first
// ten characters the date) with a party (FROM or TO) among $ids; $ids null = every party.
MATCH (i:Introduction {status: 'made'})
WHERE i.decidedAt IS NOT NULL AND substring(i.decidedAt, 0, 10) <= $asOf
  AND ($ids IS NULL OR EXISTS { MATCH (i)-[:FROM|TO]->(x:Entity) WHERE x.id IN $ids })
RETURN count(i) AS made
