// updateIntroduction moving a made introduction back (common/introductions.ts): the KNOWS tie
// between the two parties (either direction: KNOWS is stored once) and where it came from, and
// how many OTHER introductions of the pair (either way round) are still made. The tie is
// removed only when the introduction created it (source introduction) and no other holds it.
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
RETURN [(a)-[k:KNOWS]-(b) | k.source][0] AS source,
       COUNT {
         MATCH (o:Introduction {status: 'made'})-[:FROM|TO]->(a)
         WHERE o.id <> $id AND EXISTS { MATCH (o)-[:FROM|TO]->(b) }
       } AS otherMade
