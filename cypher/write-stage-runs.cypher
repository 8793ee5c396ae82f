// The staged imports that have batches in the store (running, failed or abandoned).
MATCH (b:ImportBatch)
RETURN DISTINCT b.run AS run
