// Likely duplicates (server/graphql/duplicates.ts): the nodes of the same kind as $id that could
// be the same record — a person, organisation or SME located in one of its regions (for a
// person also: where its employers are), a co-worker of a person, an organisation in the same
// 地域の人事部, a person with the same e-mail (case-insensitive) — with the fields compared
// (name, nameKana, email, employers). The folding and the decision are made in TypeScript
// (common/fold.ts). $kinds is the allow-list of kinds compared.
MATCH (n:Entity {id: $id})
WITH n, [l IN labels(n) WHERE l IN $kinds][0] AS kind
WHERE kind IS NOT NULL
WITH n, kind,
     COLLECT {
       MATCH (n)-[:LOCATED_IN]->(r:Region) RETURN r
       UNION
       MATCH (n)-[:WORKS_AT]->()-[:LOCATED_IN]->(r:Region) RETURN r
     } AS regions
WITH n, kind, COLLECT {
       UNWIND regions AS r MATCH (c)-[:LOCATED_IN]->(r) WHERE kind IN labels(c) RETURN c
       UNION
       MATCH (n)-[:WORKS_AT]->()<-[:WORKS_AT]-(c:Person) RETURN c
       UNION
       MATCH (n)-[:LEADS|MEMBER_OF]->(:RegionalHRDept)<-[:LEADS|MEMBER_OF]-(c:Organization) RETURN c
       UNION
       MATCH (c:Person) WHERE n.email IS NOT NULL AND c.email IS NOT NULL
         AND toLower(trim(c.email)) = toLower(trim(n.email)) RETURN c
     } AS pool
UNWIND [n] + pool AS c
WITH DISTINCT n, kind, c
RETURN c.id AS id, c = n AS self, kind, c.name AS name, c.nameKana AS nameKana, c.email AS email,
       COLLECT { MATCH (c)-[:WORKS_AT]->(e) RETURN e.id } AS employers
