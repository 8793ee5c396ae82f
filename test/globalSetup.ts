/**
 * vitest global setup: makes sure a real Neo4j is there for the tests. Without NEO4J_URI it
 * starts the local Neo4j with its own test store (.data/neo4j-test, port 7787+) and hands the
 * connection to the test workers through the environment; with NEO4J_URI it uses that server.
 */
import { loadConfig } from '../server/config/env';
import { openDatabase, type Database } from '../server/db/driver';
import { applySchema, missingApoc } from '../server/db/schema';

let db: Database | undefined;

export async function setup(): Promise<void> {
  db = await openDatabase(loadConfig(), 'test');
  await applySchema(db);
  const missing = await missingApoc(db);
  if (missing.length > 0) throw new Error(`the test Neo4j lacks APOC: ${missing.join(', ')}`);
  process.env.NEO4J_URI = db.connection.uri;
  process.env.NEO4J_USER = db.connection.user;
  process.env.NEO4J_PASSWORD = db.connection.password;
}

export async function teardown(): Promise<void> {
  await db?.close();
}
