/**
 * One more server process for a running deployment (tests and benchmarks of several processes
 * behind one Neo4j, SPEC §13): connects to NEO4J_URI (or the local Neo4j), serves the API on a
 * free loopback port (or PORT) without seeding, demo accounts or building the web app, and
 * prints `LISTENING <url>` on stdout. Stops on SIGTERM/SIGINT. `npm start` is the command for
 * people; this is what server/http/processes.ts spawns.
 */
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/driver';
import { createApp } from '../http/app';
import { listenOnLoopback } from '../http/listen';

const config = loadConfig();
const db = await openDatabase(config, 'app');
const app = createApp(db);
await app.graphqlReady;
const served = await listenOnLoopback(app, process.env.PORT ? config.PORT : 0);
process.stdout.write(`LISTENING ${served.url}\n`);
const stop = async () => {
  app.warmer?.stop();
  await served.close();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
