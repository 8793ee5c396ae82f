// The overview of regions (networkOverview, issue 16): the organisations, SMEs and persons of
// every region the viewer reads ($regionIds; null = all), and the KNOWS ties between those
// persons, grouped by the exact set of those regions each one belongs to — a few hundred rows
// even for the national network, summed up per region and per pair of regions in
// server/overview/regionSets.ts. Nothing is loaded into the server: one pass over the store.
//
// Membership follows cypher/projection-region.cypher, so a region's counts are those of its
// own map: an organisation is in the regions it is located in and those its dept covers (as
// lead or member); an SME in the regions it is located in; a person in the regions they are
// located in, plus — only when located nowhere — those of their workplaces, plus those of the
// SMEs they are engaged with (talent). Only ties valid on $asOf count (since ≤ $asOf < until);
// $confirmedOnly leaves out the survey's unconfirmed KNOWS ties (docs/surveys.md).
//
// Rows: kind (Organization | SME | Person | KNOWS), regions (sorted ids; a tie's: its first
// end's), other (a tie's second end's regions; [] otherwise), n, talent, keyPersons (declared).
CALL () {
  MATCH (o:Organization)
  WITH [(o)-[l:LOCATED_IN]->(g:Region) WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) | g.id]
     + [(o)-[m:LEADS|MEMBER_OF]->(:RegionalHRDept)-[c:COVERS]->(g:Region)
        WHERE (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
          AND (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf) | g.id] AS ids
  WITH COLLECT { UNWIND ids AS id WITH DISTINCT id WHERE $regionIds IS NULL OR id IN $regionIds RETURN id ORDER BY id } AS regions
  WHERE size(regions) > 0
  RETURN 'Organization' AS kind, regions, [] AS other, count(*) AS n, 0 AS talent, 0 AS keyPersons
  UNION ALL
  MATCH (s:SME)
  WITH COLLECT {
         MATCH (s)-[l:LOCATED_IN]->(g:Region) WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf)
         WITH DISTINCT g.id AS id WHERE $regionIds IS NULL OR id IN $regionIds RETURN id ORDER BY id
       } AS regions
  WHERE size(regions) > 0
  RETURN 'SME' AS kind, regions, [] AS other, count(*) AS n, 0 AS talent, 0 AS keyPersons
  UNION ALL
  MATCH (p:Person)
  WITH p, [(p)-[l:LOCATED_IN]->(g:Region) WHERE (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) | g.id] AS located
  WITH p, located
     + CASE WHEN size(located) > 0 THEN [] ELSE
         [(p)-[w:WORKS_AT]->(x)-[l:LOCATED_IN]->(g:Region)
          WHERE (x:Organization OR x:SME) AND (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
            AND (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) | g.id]
       + [(p)-[w:WORKS_AT]->(:Organization)-[m:LEADS|MEMBER_OF]->(:RegionalHRDept)-[c:COVERS]->(g:Region)
          WHERE (w.since IS NULL OR w.since <= $asOf) AND (w.until IS NULL OR w.until > $asOf)
            AND (m.since IS NULL OR m.since <= $asOf) AND (m.until IS NULL OR m.until > $asOf)
            AND (c.since IS NULL OR c.since <= $asOf) AND (c.until IS NULL OR c.until > $asOf) | g.id] END
     + [(p)-[e:ENGAGED_WITH]->(:SME)-[l:LOCATED_IN]->(g:Region)
        WHERE (e.since IS NULL OR e.since <= $asOf) AND (e.until IS NULL OR e.until > $asOf)
          AND (l.since IS NULL OR l.since <= $asOf) AND (l.until IS NULL OR l.until > $asOf) | g.id] AS ids
  WITH p, COLLECT { UNWIND ids AS id WITH DISTINCT id WHERE $regionIds IS NULL OR id IN $regionIds RETURN id ORDER BY id } AS regions
  WHERE size(regions) > 0
  // Each person's regions once (a national network: a few hundred thousand short lists), then
  // the persons by region set, and each KNOWS tie with the regions of both its ends looked up.
  WITH collect([elementId(p), regions, CASE WHEN p:Talent THEN 1 ELSE 0 END, CASE WHEN p:KeyPerson THEN 1 ELSE 0 END]) AS people
  CALL (people) {
    UNWIND people AS x
    RETURN 'Person' AS kind, x[1] AS regions, [] AS other, count(*) AS n, sum(x[2]) AS talent, sum(x[3]) AS keyPersons
    UNION ALL
    WITH apoc.map.fromPairs([x IN people | [x[0], x[1]]]) AS regionOf
    MATCH (p)-[k:KNOWS]->(q)
    WHERE (k.since IS NULL OR k.since <= $asOf) AND (k.until IS NULL OR k.until > $asOf)
      AND NOT ($confirmedOnly AND k.source = 'survey' AND k.confirmed = false)
    WITH regionOf[elementId(p)] AS regions, regionOf[elementId(q)] AS other
    WHERE regions IS NOT NULL AND other IS NOT NULL
    RETURN 'KNOWS' AS kind, regions, other, count(*) AS n, 0 AS talent, 0 AS keyPersons
  }
  RETURN kind, regions, other, n, talent, keyPersons
}
RETURN kind, regions, other, n, talent, keyPersons
