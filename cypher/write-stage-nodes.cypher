// A staged import (server/write/staged.ts): create one batch of new nodes in a transaction of its
// own, invisible to every reader: their only label is :ImportStaged (every reader matches a
// domain label or :Entity). The batch is recorded by an :ImportBatch in the same transaction,
// with the import's id ($run), the labels the nodes get when the import commits ($labels, from
// the allow-lists of common/model.ts, checked before they are sent) and their internal ids, so
// that the final transaction relabels exactly these nodes and a clean-up finds them.
// Each row: the node's properties. Returns what write-create-nodes returns.
UNWIND $rows AS row
CREATE (n:ImportStaged)
SET n += row
WITH collect(row.id) AS keys, collect(id(n)) AS nodeIds
CREATE (b:ImportBatch {run: $run, labels: $labels, nodeIds: nodeIds, at: $now})
RETURN size(keys) AS created, keys, nodeIds
