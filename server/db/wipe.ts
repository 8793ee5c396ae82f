/** Empties a database, for the benchmark and evaluation stores (never the app's by accident). */
import { cypher } from './cypher';
import type { Database } from './driver';

/**
 * Deletes every node (cypher/wipe-all.cypher, in batches). Allowed on the local store the
 * caller opened; a server named by NEO4J_URI is emptied only with `allowExternal`.
 */
export async function emptyDatabase(
  db: Database,
  opts: { allowExternal?: boolean; why: string },
): Promise<void> {
  if (!db.local && !opts.allowExternal) {
    throw new Error(`NEO4J_URI is set: ${opts.why} empties the database; refusing to`);
  }
  const session = db.driver.session({ database: db.database });
  try {
    await session.run(cypher('wipe-all'), {}, { timeout: db.timeouts?.longTxMs });
  } finally {
    await session.close();
  }
}
