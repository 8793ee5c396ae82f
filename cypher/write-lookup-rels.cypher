// Write validation: the relationships already in the database between the endpoints of rows
// whose two endpoints are both in the database (the rows the writer would upsert), so that rows
// that would change nothing need not be written (server/write/unchanged.ts). Each pair:
// {i, type, a, b, from, to}: the row's position, its type (from REL_TYPES of
// common/model.ts, checked against that allow-list, never input), its endpoints'
// internal ids from write-lookup-ids and their ids (checked again, as in write-rels).
// Returns, per row, every relationship of its type between them in either direction (`out`:
// from a to b) with its properties; rows whose endpoints are gone are left out.
UNWIND $pairs AS p
MATCH (a) WHERE id(a) = p.a AND a.id = p.from
MATCH (b) WHERE id(b) = p.b AND b.id = p.to
RETURN p.i AS i,
       [(a)-[o]-(b) WHERE type(o) = p.type | {out: startNode(o) = a, properties: properties(o)}] AS found
