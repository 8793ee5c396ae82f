/**
 * `npm run backup -- dump DIR` / `npm run backup -- restore DIR`: backs the local Neo4j's
 * database up to DIR/neo4j.dump, or replaces it with that dump (server/db/backup.ts). The
 * server (and `npm run db`) must be stopped: Neo4j Community backs up a stopped database only.
 * With NEO4J_URI set, use that server's own backup (docs/production.md).
 */
import { loadConfig } from '../config/env';
import { dumpLocalStore, loadLocalStore } from '../db/backup';

const USAGE = `usage: npm run backup -- dump DIR      write DIR/neo4j.dump (the server stopped)
       npm run backup -- restore DIR   replace the database with DIR/neo4j.dump (the server stopped)`;

const [command, dir] = process.argv.slice(2);
const config = loadConfig();
if ((command !== 'dump' && command !== 'restore') || !dir) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
if (config.NEO4J_URI) {
  process.stderr.write(
    'NEO4J_URI is set: back up that server with its own tools (neo4j-admin on the server, Aura snapshots); see docs/production.md.\n',
  );
  process.exit(2);
}
try {
  if (command === 'dump') {
    const file = dumpLocalStore(config.dataDir, dir);
    process.stdout.write(`backed up to ${file}\n`);
  } else {
    loadLocalStore(config.dataDir, dir);
    process.stdout.write(`restored the database from ${dir}; start the server again\n`);
  }
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
