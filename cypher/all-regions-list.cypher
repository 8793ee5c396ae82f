// Every region with its name and how many domain nodes the store holds in all (count store:
// constant time), for the analytics of all regions composed region by region
// (server/graphql/allRegions.ts): whether the scope is big enough, and which regions to visit.
MATCH (n:Entity)
WITH count(n) AS entities
OPTIONAL MATCH (r:Region)
WITH entities, r ORDER BY r.id
RETURN entities, collect({id: r.id, name: r.name}) AS regions
