// recordIntroduction with status `made`: the KNOWS tie between the two persons, stored once.
// The undirected MERGE finds a tie in either direction and creates one only when there is
// none; MERGE locks both persons, so two identical calls at once still make one tie.
MATCH (f:Person {id: $fromId}), (t:Person {id: $toId})
MERGE (f)-[k:KNOWS]-(t)
  ON CREATE SET k.strength = 1, k.source = 'introduction', k.since = $today,
                k.context = $context, k.createdAt = $now
RETURN count(k) AS ties
