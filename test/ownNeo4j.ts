/**
 * A local Neo4j of a test file's own (a store under DATA_DIR that the file may stop, kill and
 * restart, unlike the shared test Neo4j), with a driver connected to it.
 */
import { loadConfig } from '../server/config/env';
import { openDatabase, type Database } from '../server/db/driver';
import { startLocalNeo4j, type LocalNeo4j } from '../server/db/localNeo4j';

export async function openOwnNeo4j(opts: {
  dataDir: string;
  name: string;
  firstPort: number;
  heap?: string;
}): Promise<{ server: LocalNeo4j; db: Database }> {
  const server = await startLocalNeo4j({ heap: '1g', ...opts });
  const db = await openDatabase(
    loadConfig({
      ...process.env,
      NEO4J_URI: server.uri,
      NEO4J_USER: server.user,
      NEO4J_PASSWORD: server.password,
    }),
  );
  return { server, db };
}
