// A staged import (server/write/staged.ts): create one batch of new nodes in a transaction of its
// own, invisible to every reader: their only label is :ImportStaged (every reader matches a
// domain label or :Entity). The batch is recorded by an :ImportBatch in the same transaction,
// with the import's id ($run), the labels the nodes get when the import commits ($labels, from
// the allow-lists of common/model.ts, checked before they are sent) and their internal ids, so
// that the final transaction relabels exactly these nodes and a clean-up finds them.
// Compact rows, so that the batch packs quickly over Bolt: each row is the list of the values of
// $keys in that order (null: not given), the node's id first. Returns what write-create-nodes
// returns.
UNWIND $rows AS row
CREATE (n:ImportStaged)
SET n += apoc.map.fromLists($keys, row)
WITH collect(row[0]) AS keys, collect(id(n)) AS nodeIds
CREATE (b:ImportBatch {run: $run, labels: $labels, nodeIds: nodeIds, at: $now})
RETURN size(keys) AS created, keys, nodeIds
