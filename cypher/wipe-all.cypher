// Empty the database (benchmark and evaluation stores only), in batches so memory stays flat.
// Runs in an auto-commit transaction (CALL … IN TRANSACTIONS).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
