/**
 * The test workers' connection to the Neo4j that test/globalSetup.ts made available (always a
 * real server, never a fake). Tests create their data under ids with a prefix of their own and
 * remove it afterwards with `removeByIdPrefix`.
 */
import { afterAll } from 'vitest';
import { loadConfig } from '../server/config/env';
import { cypher } from '../server/db/cypher';
import { openDatabase, type Database } from '../server/db/driver';

let shared: Promise<Database> | undefined;

/** The shared connection of this test file (closed after its tests). */
export function testDb(): Promise<Database> {
  if (!shared) {
    shared = openDatabase(loadConfig(), 'test');
    afterAll(async () => {
      const db = await shared!;
      shared = undefined;
      await db.close();
    });
  }
  return shared;
}

/** Deletes every node whose id starts with the prefix, with its relationships. */
export async function removeByIdPrefix(db: Database, prefix: string): Promise<void> {
  await db.driver.executeQuery(
    cypher('delete-by-id-prefix'),
    { prefix },
    { database: db.database },
  );
}

/** Deletes the persons whose name starts with the prefix (test persons made through the API). */
export async function removePersonsNamed(db: Database, prefix: string): Promise<void> {
  await db.driver.executeQuery(
    'MATCH (p:Person) WHERE p.name STARTS WITH $prefix DETACH DELETE p',
    { prefix },
    { database: db.database },
  );
}
