// The write path's region access (server/write/access.ts): for each id, the regions whose
// analytics projection holds the node — the rule of projection-region.cypher, read from the
// node's side, over every tie the node ever had (ended ties included: a departed person stays in
// their region for correction and erasure; a test checks this agrees with the projections of
// the whole history, loadProjection allHistory, on the pilot seed):
// - a 地域の人事部: the regions it covers; an organisation: the regions covered by the depts it
//   leads or is a member of, and where it is located; an SME: where it is located;
// - a person: where they are located; a person located nowhere also in their employers'
//   regions (the head-office staff of a shared bank); and the regions of the SMEs they are
//   engaged with;
// - an event: the regions of its hosts, of its attendees (by the person rule) and of its
//   participating SMEs.
// Regions, skills and challenges are judged by their kind (access.ts); for an introduction the
// ids of its parties (FROM, TO, VIA) are returned, judged by theirs. Runs inside the write
// transaction, so it sees the write's own changes (checked before and after them).
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH id, n,
     CASE WHEN n:Person THEN [n]
          WHEN n:Event THEN COLLECT { MATCH (p:Person)-[:ATTENDED]->(n) RETURN p }
          ELSE [] END AS persons,
     CASE WHEN n:Organization THEN [n]
          WHEN n:Event THEN COLLECT { MATCH (o:Organization)-[:HOSTED]->(n) RETURN o }
          ELSE [] END AS hosts,
     CASE WHEN n:SME THEN [n]
          WHEN n:Event THEN COLLECT { MATCH (s:SME)-[:PARTICIPATED]->(n) RETURN s }
          ELSE [] END AS participants
WITH id, n, persons,
     hosts + COLLECT {
       UNWIND persons AS p
       MATCH (p)-[:WORKS_AT]->(o:Organization) WHERE NOT (p)-[:LOCATED_IN]->(:Region)
       RETURN o
     } AS orgs,
     participants + COLLECT {
       UNWIND persons AS p
       MATCH (p)-[:WORKS_AT]->(s:SME) WHERE NOT (p)-[:LOCATED_IN]->(:Region)
       RETURN s
       UNION
       UNWIND persons AS p MATCH (p)-[:ENGAGED_WITH]->(s:SME) RETURN s
     } AS smes
RETURN id, labels(n) AS labels,
       COLLECT {
         UNWIND persons + orgs + smes AS x MATCH (x)-[:LOCATED_IN]->(r:Region) RETURN r.id AS r
         UNION
         UNWIND orgs AS o MATCH (o)-[:LEADS|MEMBER_OF]->(:RegionalHRDept)-[:COVERS]->(r:Region)
         RETURN r.id AS r
         UNION
         MATCH (n)-[:COVERS]->(r:Region) WHERE n:RegionalHRDept RETURN r.id AS r
       } AS regions,
       CASE WHEN n:Introduction
            THEN COLLECT { MATCH (n)-[:FROM|TO|VIA]->(x:Entity) RETURN x.id }
            ELSE [] END AS parties
