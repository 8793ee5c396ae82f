/** How validation reads the database: one statement at a time, in or out of a transaction. */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { Database } from '../../db/driver';

/**
 * Runs one read statement: outside the write transaction (a bulk change set is validated
 * before it opens) or inside it (a change built from what the transaction read).
 */
export type Reader = (statement: string, params: Record<string, unknown>) => Promise<Neo4jRecord[]>;

/** A reader in auto-commit transactions of its own. */
export function autoReader(db: Database): Reader {
  return async (statement, params) =>
    (await db.driver.executeQuery(statement, params, { database: db.database })).records;
}
