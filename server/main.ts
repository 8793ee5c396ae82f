/**
 * `npm start`: starts Neo4j (the local one unless NEO4J_URI is set), applies the schema, loads
 * the pilot-region demo into an empty database, and serves http://localhost:4000.
 */
import { createServer, type Server } from 'node:http';
import { loadConfig } from './config/env';
import { openDatabase, type Database } from './db/driver';
import { LocalNeo4jError } from './db/localNeo4j';
import { applySchema, missingApoc } from './db/schema';
import { removeAbandonedImports } from './write';
import { seedIfEmpty } from './demoSeed';
import {
  createDemoAccountsIfNone,
  demoAccountsFile,
  formatDemoAccounts,
  readDemoAccounts,
} from './auth/demoAccounts';
import { closeGracefully, createApp, type App } from './http/app';
import { ensureWebBuilt } from './http/web';
import { log } from './log';

/** How long a shutdown waits for requests under way before cutting them off. */
const SHUTDOWN_DRAIN_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config, 'app');
  // Signals are handled from the start, so Ctrl-C during seeding also stops Neo4j cleanly.
  // Shutdown drains: no new connections, requests under way finish (for up to 10 s), and only
  // then the driver closes and the local Neo4j stops. A second Ctrl-C stops at once.
  const running: { server?: Server } = {};
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'Shutting down: finishing the requests under way');
    if (running.server) await closeGracefully(running.server, SHUTDOWN_DRAIN_MS);
    try {
      await db.close();
    } catch (err) {
      log.warn({ err }, 'closing the database connection failed');
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await Promise.all([prepare(db), ensureWebBuilt()]);
  const demo =
    config.DEMO_ACCOUNTS === 'true'
      ? ((await createDemoAccountsIfNone(db, config.dataDir)) ?? readDemoAccounts(config.dataDir))
      : null;
  const app = createApp(db);
  // A schema that cannot be built should stop start-up, not surface on the first request.
  await app.graphqlReady;
  running.server = await listen(app, config.PORT, config.HOST);
  const url = `http://localhost:${config.PORT}`;
  log.info({ url }, 'Serving');
  console.log(`\n  地域の人事部 ナレッジグラフ: ${url}\n  Neo4j: ${db.connection.uri}\n`);
  if (demo) {
    console.log(
      `  デモ用アカウント / demo accounts (username  password  role):\n${formatDemoAccounts(demo)}\n` +
        `  (kept in ${demoAccountsFile(config.dataDir)}; manage accounts with npm run user)\n`,
    );
  }
}

function listen(app: App, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${port} is in use by another program; set PORT to use another one`)
          : err,
      ),
    );
    server.listen(port, host, () => resolve(server));
  });
}

async function prepare(db: Database): Promise<void> {
  const migrated = await applySchema(db);
  if (Object.values(migrated).some((n) => n > 0)) log.info({ migrated }, 'data migrated');
  const missing = await missingApoc(db);
  if (missing.length > 0) {
    throw new Error(
      `The Neo4j server lacks APOC Core, which the GraphQL API needs (missing: ${missing.join(', ')}).\n` +
        '  Install the APOC Core plugin of your Neo4j version, or unset NEO4J_URI to use the local Neo4j.',
    );
  }
  await seedIfEmpty(db);
  // What an interrupted staged import left (invisible to readers) goes, in the background.
  void removeAbandonedImports(db).catch((err: unknown) =>
    log.warn({ err }, 'could not remove the batches of an interrupted import'),
  );
}

main().catch((err: unknown) => {
  // A person reads this: the message, not a stack trace (the log has the details).
  log.error({ err }, 'start-up failed');
  console.error(
    `\nCould not start: ${err instanceof LocalNeo4jError || err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
