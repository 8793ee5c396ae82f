// A staged import's final transaction, just before it commits: its claim (write-stage-claim)
// and its batch records go (the nodes they recorded are relabelled by now).
MATCH (r:ImportRun {id: $run})
DELETE r
WITH count(*) AS claims
OPTIONAL MATCH (b:ImportBatch {run: $run})
DELETE b
RETURN claims, count(b) AS batches
