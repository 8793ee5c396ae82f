// A staged import (server/write/staged.ts): create one batch of relationships between two of its
// staged nodes, in a transaction of its own (nothing visible reaches them). $type as in
// write-create-rels. Compact rows, so that the batch packs quickly over Bolt: each row is a list
// [a, b, v1, v2, …]: a and b the internal ids write-stage-nodes returned (committed staged nodes,
// which no other write sees, so their ids cannot be reused meanwhile; sent as numbers, hence
// toInteger), then the values of $keys in that order (null: not given).
UNWIND $rows AS row
MATCH (a) WHERE id(a) = toInteger(row[0])
MATCH (b) WHERE id(b) = toInteger(row[1])
CREATE (a)-[r:$($type)]->(b)
SET r += apoc.map.fromLists($keys, row[2..])
RETURN count(*) AS created
