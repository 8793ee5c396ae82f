/**
 * The real server for the e2e tests (and `npx tsx web/e2e/server.ts` by hand): the express app of
 * server/http/app.ts with the web app mounted in front, against the test Neo4j, with the pilot
 * seed loaded through the generator and the importer when the database has no regions yet.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { cypher } from '../../server/db/cypher';
import type { Database } from '../../server/db/driver';
import { countsByLabel } from '../../server/db/schema';
import { createApp } from '../../server/http/app';
import { ensureWebBuilt, mountWeb } from '../../server/http/web';

export const SEED_AS_OF = '2026-04-01';

/** Loads the pilot network (seed 1) unless the database already holds regions. */
export async function ensurePilotSeed(db: Database): Promise<void> {
  const counts = await countsByLabel(db);
  if ((counts.Region ?? 0) > 0) return;
  const { generateNetwork } = await import('../../seeds/generator');
  const { importDataset } = await import('../../server/import/index');
  const { dataset } = generateNetwork({ scale: 'pilot', seed: 1, asOf: SEED_AS_OF });
  const result = await importDataset(db, dataset);
  if (result.errors.length > 0) {
    throw new Error(`pilot seed did not import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
}

/**
 * Removes the introductions (and the KNOWS ties they made) recorded since `sinceIso`, so the
 * shared test database is as the seed left it for the test files after this one.
 */
export async function undoIntroductionsSince(db: Database, sinceIso: string): Promise<void> {
  await db.driver.executeQuery(
    `MATCH ()-[k:KNOWS {source: 'introduction'}]-() WHERE k.createdAt >= $since DELETE k`,
    { since: sinceIso },
    { database: db.database },
  );
  await db.driver.executeQuery(
    'MATCH (i:Introduction) WHERE i.createdAt >= $since DETACH DELETE i',
    { since: sinceIso },
    { database: db.database },
  );
  await db.driver.executeQuery(
    cypher('bump-graph-version'),
    { now: new Date().toISOString() },
    { database: db.database },
  );
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Builds the web app if needed and serves it with the API on a free port. */
export async function startWebServer(db: Database, port = 0): Promise<RunningServer> {
  await ensureWebBuilt();
  const api = createApp(db);
  const ready = (api.locals as { graphqlReady?: Promise<unknown> }).graphqlReady;
  if (ready) await ready;
  // The web app in front of the API app, as server/http/app.ts will mount it.
  const outer = express();
  outer.disable('x-powered-by');
  outer.use(helmet());
  mountWeb(outer);
  outer.use(api);
  const server: Server = outer.listen(port, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// By hand: DATA_DIR=.data-web npx tsx web/e2e/server.ts [port]
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/web\//, '/web/'))) {
  void (async () => {
    const { loadConfig } = await import('../../server/config/env');
    const { openDatabase } = await import('../../server/db/driver');
    const { applySchema } = await import('../../server/db/schema');
    const db = await openDatabase(loadConfig(), 'test');
    await applySchema(db);
    await ensurePilotSeed(db);
    const s = await startWebServer(db, Number(process.argv[2] ?? 4100));
    console.log(`web e2e server: ${s.url}`);
  })();
}
