// Analytics projection of one region (SPEC §4): the region; the 地域の人事部 covering it
// with their lead and member organisations; organisations located in it; the staff of those
// organisations (those located in the region, or nowhere); the SMEs located in it and their staff; persons located in it; talent engaged
// with those SMEs; events hosted, attended or participated in by any of them; skills of the
// persons, challenges of the SMEs and the challenges those skills address; and the regions the
// included nodes are located in or the depts cover (so regionIds are complete).
// One row per node with its outgoing relationships to other projected nodes (`out`:
// [type, target id, properties]); no row when the region does not exist.
MATCH (r:Region {id: $regionId})
WITH r, COLLECT { MATCH (d:RegionalHRDept)-[:COVERS]->(r) RETURN d } AS depts
WITH r, depts,
     COLLECT {
       MATCH (o:Organization)-[:LEADS|MEMBER_OF]->(d:RegionalHRDept)-[:COVERS]->(r) RETURN o
       UNION
       MATCH (o:Organization)-[:LOCATED_IN]->(r) RETURN o
     } AS orgs,
     COLLECT { MATCH (s:SME)-[:LOCATED_IN]->(r) RETURN s } AS smes
WITH r, depts, orgs, smes,
     COLLECT {
       // Staff of an organisation shared by several regions (a bank, a university) count
       // here only when they are located in this region or nowhere: the branch staff, not the
       // head office's, so another region's people do not appear as a silo of this one.
       UNWIND orgs + smes AS x MATCH (p:Person)-[:WORKS_AT]->(x)
       WHERE (p)-[:LOCATED_IN]->(r) OR NOT (p)-[:LOCATED_IN]->(:Region)
       RETURN p
       UNION
       MATCH (p:Person)-[:LOCATED_IN]->(r) RETURN p
       UNION
       UNWIND smes AS s MATCH (p:Person)-[:ENGAGED_WITH]->(s) RETURN p
     } AS persons
WITH r, depts, orgs, smes, persons,
     COLLECT {
       UNWIND orgs AS o MATCH (o)-[:HOSTED]->(e:Event) RETURN e
       UNION
       UNWIND persons AS p MATCH (p)-[:ATTENDED]->(e:Event) RETURN e
       UNION
       UNWIND smes AS s MATCH (s)-[:PARTICIPATED]->(e:Event) RETURN e
     } AS events,
     COLLECT { UNWIND persons AS p MATCH (p)-[:HAS_SKILL]->(k:Skill) RETURN DISTINCT k } AS skills
WITH r, depts, orgs, smes, persons, events, skills,
     COLLECT {
       UNWIND smes AS s MATCH (s)-[:HAS_CHALLENGE]->(c:Challenge) RETURN c
       UNION
       UNWIND skills AS k MATCH (k)-[:ADDRESSES]->(c:Challenge) RETURN c
     } AS challenges,
     COLLECT {
       UNWIND orgs + smes + persons AS x MATCH (x)-[:LOCATED_IN]->(g:Region) RETURN g
       UNION
       UNWIND depts AS d MATCH (d)-[:COVERS]->(g:Region) RETURN g
     } AS regions
UNWIND [r] + depts + orgs + smes + persons + events + skills + challenges + regions AS n
WITH collect(DISTINCT n) AS ns
UNWIND ns AS n
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       [(n)-[rel]->(b:Entity) WHERE b IN ns | [type(rel), b.id, properties(rel)]] AS out
