/**
 * `npm run db`: starts the local Neo4j (fetching it with Maven on first use), applies the
 * schema, prints how to connect, and keeps it running until Ctrl-C. With NEO4J_URI set it only
 * checks that server.
 */
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/driver';
import { applySchema, missingApoc } from '../db/schema';

const config = loadConfig();
try {
  const db = await openDatabase(config, 'app');
  await applySchema(db);
  const missing = await missingApoc(db);
  console.log(`Neo4j: ${db.connection.uri} (user ${db.connection.user})`);
  console.log(missing.length ? `APOC missing: ${missing.join(', ')}` : 'APOC Core: present');
  if (!db.local?.startedHere) {
    await db.close();
  } else {
    console.log(`Connection file: ${config.dataDir}/neo4j.json — Ctrl-C stops the database.`);
    const stop = async () => {
      await db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  }
} catch (err) {
  console.error(`Could not start Neo4j: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
