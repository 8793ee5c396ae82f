// Analytics projection of one region (SPEC §4) as of the date $asOf (SPEC §12): the region; the
// 地域の人事部 covering it with their lead and member organisations; organisations located in
// it; the staff of those organisations (those located in the region, or nowhere); the SMEs
// located in it and their staff; persons located in it; talent engaged with those SMEs; events
// hosted, attended or participated in by any of them; skills of the persons, challenges of the
// SMEs and the challenges those skills address; and the regions the included nodes are located
// in or the depts cover (so regionIds are complete).
// Only ties valid on $asOf count, for the membership as for the relationships returned: a tie
// is valid when since ≤ $asOf (or no since) and $asOf < until (or no until); dates are
// YYYY-MM-DD strings, so they compare as text. $asOf null = every tie ever (history included). A person whose every tie has ended is not here.
// One row per node with its outgoing relationships to other projected nodes (`out`:
// [type, target id, properties]); no row when the region does not exist.
MATCH (r:Region {id: $regionId})
WITH r, COLLECT { MATCH (d:RegionalHRDept)-[c:COVERS]->(r) WHERE ($asOf IS NULL OR (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf)) RETURN d } AS depts
WITH r, depts,
     COLLECT {
       MATCH (o:Organization)-[m:LEADS|MEMBER_OF]->(d:RegionalHRDept)-[c:COVERS]->(r)
       WHERE ($asOf IS NULL OR (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)) AND ($asOf IS NULL OR (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf))
       RETURN o
       UNION
       MATCH (o:Organization)-[l:LOCATED_IN]->(r) WHERE ($asOf IS NULL OR (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)) RETURN o
     } AS orgs,
     COLLECT { MATCH (s:SME)-[l:LOCATED_IN]->(r) WHERE ($asOf IS NULL OR (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)) RETURN s } AS smes
WITH r, depts, orgs, smes,
     COLLECT {
       // Staff of an organisation shared by several regions (a bank, a university) count
       // here only when they are located in this region or nowhere: the branch staff, not the
       // head office's, so another region's people do not appear as a silo of this one.
       UNWIND orgs + smes AS x MATCH (p:Person)-[w:WORKS_AT]->(x)
       WHERE ($asOf IS NULL OR (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf))
         AND (EXISTS { MATCH (p)-[l:LOCATED_IN]->(r) WHERE ($asOf IS NULL OR (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)) }
              OR NOT EXISTS { MATCH (p)-[l:LOCATED_IN]->(:Region) WHERE ($asOf IS NULL OR (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)) })
       RETURN p
       UNION
       MATCH (p:Person)-[l:LOCATED_IN]->(r) WHERE ($asOf IS NULL OR (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)) RETURN p
       UNION
       UNWIND smes AS s MATCH (p:Person)-[e:ENGAGED_WITH]->(s) WHERE ($asOf IS NULL OR (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)) RETURN p
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
       UNWIND orgs + smes + persons AS x MATCH (x)-[l:LOCATED_IN]->(g:Region) WHERE ($asOf IS NULL OR (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf))
       RETURN g
       UNION
       UNWIND depts AS d MATCH (d)-[c:COVERS]->(g:Region) WHERE ($asOf IS NULL OR (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf)) RETURN g
     } AS regions
UNWIND [r] + depts + orgs + smes + persons + events + skills + challenges + regions AS n
WITH collect(DISTINCT n) AS ns
UNWIND ns AS n
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       [(n)-[rel]->(b:Entity) WHERE b IN ns AND ($asOf IS NULL OR (rel.since IS NULL OR rel.since <= $asOf) AND (rel.until IS NULL OR rel.until > $asOf))
        | [type(rel), b.id, properties(rel)]] AS out
