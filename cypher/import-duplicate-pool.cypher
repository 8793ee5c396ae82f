// The stored persons an import's rows are compared with for likely duplicates
// (server/import/duplicates.ts): every person for a writer of all regions ($all), else those
// located in one of the writer's regions or working where one is located — persons they may
// read — with the fields compared (name, nameKana, email, employers).
MATCH (p:Person)
WHERE $all
   OR EXISTS { MATCH (p)-[:LOCATED_IN]->(r:Region) WHERE r.id IN $regionIds }
   OR EXISTS { MATCH (p)-[:WORKS_AT]->()-[:LOCATED_IN]->(r:Region) WHERE r.id IN $regionIds }
RETURN p.id AS id, p.name AS name, p.nameKana AS nameKana, p.email AS email,
       COLLECT { MATCH (p)-[:WORKS_AT]->(e) RETURN e.id } AS employers
