// The write path: delete one batch of relationships of one type between two nodes. $type is a
// type from REL_TYPES of common/model.ts, checked against that allow-list before it is sent,
// never input; $symmetric (KNOWS, PARTNERS_WITH) deletes the relationship in either direction.
// Each row: {a, b, from, to}: the endpoints' internal ids from validation's lookup, their ids
// checked again (as in write-rels). `total` counts the rows whose endpoints were found;
// `deleted` the relationships deleted (a row whose relationship is already gone deletes none).
UNWIND $rows AS row
MATCH (a) WHERE id(a) = row.a AND a.id = row.from
MATCH (b) WHERE id(b) = row.b AND b.id = row.to
WITH a, b, [(a)-[r]-(b) WHERE type(r) = $type AND ($symmetric OR startNode(r) = a) | r] AS found
FOREACH (r IN found | DELETE r)
RETURN count(*) AS total, sum(size(found)) AS deleted
