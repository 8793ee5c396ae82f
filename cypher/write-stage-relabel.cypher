// A staged import's final transaction: the nodes of one batch record become visible: their
// labels ($labels: the record's, checked against the allow-lists of common/model.ts before they
// are sent) are set and :ImportStaged removed. The uniqueness constraints are checked here: a
// node another write created with the same id meanwhile fails the statement (and the import).
// `total` must equal the record's size (write-stage-batches).
MATCH (b:ImportBatch) WHERE id(b) = $batch AND b.run = $run
UNWIND b.nodeIds AS i
MATCH (n:ImportStaged) WHERE id(n) = i
SET n:$($labels)
REMOVE n:ImportStaged
RETURN count(*) AS total
