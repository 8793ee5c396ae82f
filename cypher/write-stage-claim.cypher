// A staged import's claim on its id: created first in the import's final transaction and never
// committed (that transaction deletes it again before it commits). While the import runs, the
// uniqueness constraint on ImportRun.id makes a second CREATE of the same id wait; once the
// import's process or connection is gone, Neo4j rolls its transaction back and the id is free:
// a clean-up that can create it knows the import's batches are abandoned.
CREATE (r:ImportRun {id: $run, startedAt: $now})
