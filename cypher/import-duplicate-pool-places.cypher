// The stored organisations and SMEs an import's rows are compared with for likely duplicates
// (server/import/placeDuplicates.ts): every one for a writer of all regions ($all), else those
// located in one of the writer's regions — those they may read — with their kind, name and
// regions.
MATCH (n)
WHERE (n:Organization OR n:SME)
  AND ($all OR EXISTS { MATCH (n)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $regionIds })
RETURN n.id AS id, CASE WHEN n:SME THEN 'SME' ELSE 'Organization' END AS kind, n.name AS name,
       COLLECT { MATCH (n)-[:LOCATED_IN]->(r:Region) RETURN r.id } AS regions
