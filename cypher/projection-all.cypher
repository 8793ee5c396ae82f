// Analytics projection of all regions (SPEC §4) as of the date $asOf (SPEC §12): every domain
// node except introductions (read separately; they only have outgoing FROM/TO/VIA, so no
// relationship below reaches one) and the Meta node (not an :Entity), and except persons whose
// every tie that places them in the network (WORKS_AT, KNOWS, LOCATED_IN, ENGAGED_WITH) has
// ended or not yet begun on $asOf (they have left, or not yet come; a person with no such tie
// at all is still here; skills and attended events do not keep anyone in). Only ties valid on $asOf: since ≤ $asOf (or no since) and
// $asOf < until (or no until). One row per node with its outgoing relationships (`out`:
// [type, target id, properties]). $asOf null = every tie ever (history included).
MATCH (n:Entity)
WHERE NOT n:Introduction
  AND (NOT n:Person
       OR NOT EXISTS { MATCH (n)-[x:WORKS_AT|KNOWS|LOCATED_IN|ENGAGED_WITH]-() }
       OR EXISTS { MATCH (n)-[x:WORKS_AT|KNOWS|LOCATED_IN|ENGAGED_WITH]-() WHERE ($asOf IS NULL OR (x.since IS NULL OR x.since <= $asOf) AND (x.until IS NULL OR x.until > $asOf)) })
RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
       [(n)-[rel]->(b:Entity) WHERE ($asOf IS NULL OR (rel.since IS NULL OR rel.since <= $asOf) AND (rel.until IS NULL OR rel.until > $asOf)) | [type(rel), b.id, properties(rel)]] AS out
