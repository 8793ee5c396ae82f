// Removing a failed or abandoned staged import: the nodes of one batch record with their
// relationships (all between nodes of the same import), and the record. In a transaction of its
// own, so memory stays bounded.
MATCH (b:ImportBatch) WHERE id(b) = $batch AND b.run = $run
CALL (b) {
  UNWIND b.nodeIds AS i
  MATCH (n:ImportStaged) WHERE id(n) = i
  DETACH DELETE n
  RETURN count(*) AS nodes
}
DELETE b
RETURN nodes
