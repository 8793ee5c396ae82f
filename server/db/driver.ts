/**
 * One Neo4j driver per process, connected either to the server named by NEO4J_URI or to the
 * local Neo4j (started here or reused). Everything that talks to the database goes through it.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { AppConfig } from '../config/env';
import { log } from '../log';
import { startLocalNeo4j, type LocalNeo4j, type Neo4jConnection } from './localNeo4j';
import { withTransactionTimeout, type Timeouts } from './timeouts';

export interface Database {
  driver: Driver;
  connection: Neo4jConnection;
  /** The Neo4j database name (undefined = the server's default). */
  database: string | undefined;
  local: LocalNeo4j | null;
  /** Transaction timeouts (server/db/timeouts.ts); the driver applies `txMs` by default. */
  timeouts?: Timeouts;
  close(): Promise<void>;
}

export type DatabasePurpose = 'app' | 'test' | 'bench';

/** Each purpose has its own local store and first port, so they never touch each other's data. */
const LOCAL_INSTANCES: Record<DatabasePurpose, { name: string; firstPort: number }> = {
  app: { name: 'neo4j', firstPort: 7687 },
  test: { name: 'neo4j-test', firstPort: 7787 },
  bench: { name: 'neo4j-bench', firstPort: 7887 },
};

export async function openDatabase(
  config: AppConfig,
  purpose: DatabasePurpose = 'app',
): Promise<Database> {
  let local: LocalNeo4j | null = null;
  let connection: Neo4jConnection;
  if (config.NEO4J_URI) {
    connection = {
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER!,
      password: config.NEO4J_PASSWORD!,
    };
    log.info({ uri: connection.uri }, 'Using the Neo4j server named by NEO4J_URI');
  } else {
    local = await startLocalNeo4j({
      dataDir: config.dataDir,
      ...LOCAL_INSTANCES[purpose],
      heap: config.NEO4J_HEAP,
    });
    connection = local;
  }
  const timeouts: Timeouts = {
    txMs: config.NEO4J_TX_TIMEOUT * 1000,
    longTxMs: config.NEO4J_LONG_TX_TIMEOUT * 1000,
    graphqlTxMs: config.GRAPHQL_TX_TIMEOUT * 1000,
  };
  const plainDriver = neo4j.driver(
    connection.uri,
    neo4j.auth.basic(connection.user, connection.password),
    {
      // Fail fast when the database is away (SPEC §8) instead of queueing requests for a
      // minute: a refused connection is retried once after ~1 s and once after ~2 s more, so a
      // query fails with ServiceUnavailable (DATABASE_UNAVAILABLE) after about 3 s, while a blip
      // or a deadlock of that length is still ridden out. The pool reconnects by itself when the
      // database is back; nothing else holds on to a broken connection.
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 3_000,
      maxTransactionRetryTime: 2_000,
      disableLosslessIntegers: true,
    },
  );
  // Every transaction without a timeout of its own gets NEO4J_TX_TIMEOUT.
  const driver = withTransactionTimeout(plainDriver, timeouts.txMs);
  await driver.verifyConnectivity();
  return {
    driver,
    connection,
    database: config.NEO4J_DATABASE,
    local,
    timeouts,
    async close() {
      await driver.close();
      await local?.stop();
    },
  };
}
