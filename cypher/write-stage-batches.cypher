// The batch records of one staged import: internal id, the labels its nodes get, how many nodes.
MATCH (b:ImportBatch {run: $run})
RETURN id(b) AS batch, b.labels AS labels, size(b.nodeIds) AS size
ORDER BY batch
