/**
 * Backup and restore of the local Neo4j (server/db/backup.ts, README "Backup and restore"), on a
 * local Neo4j of this file's own (DATA_DIR/backup-test): data written, the server stopped, a
 * dump; more written and some deleted; stopped again, the dump loaded: after the restart the
 * store is exactly as at the dump (counts, a node's properties, the graph version). A dump of a
 * running store is refused with a clear message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env';
import { importDataset } from '../import';
import { dumpLocalStore, loadLocalStore } from './backup';
import type { Database } from './driver';
import type { LocalNeo4j } from './localNeo4j';
import { openOwnNeo4j } from '../../test/ownNeo4j';
import { applySchema, graphVersion } from './schema';

const DATA_DIR = path.join(loadConfig().dataDir, 'backup-test');
const NAME = 'neo4j-backup';
const dumps = mkdtempSync(path.join(tmpdir(), 'chiiki-dump-'));
const P = 'test-backup:';

let server: LocalNeo4j | undefined;
let db: Database | undefined;

async function open(): Promise<Database> {
  ({ server, db } = await openOwnNeo4j({ dataDir: DATA_DIR, name: NAME, firstPort: 8187 }));
  return db;
}
async function close(): Promise<void> {
  await db?.close();
  await server?.stop();
  db = undefined;
  server = undefined;
}
async function snapshot(d: Database) {
  const one = async (q: string) =>
    (await d.driver.executeQuery(q, {}, { database: d.database })).records[0]!.get(0) as unknown;
  return {
    nodes: Number(await one('MATCH (n) RETURN count(n)')),
    relationships: Number(await one('MATCH ()-[r]->() RETURN count(r)')),
    person: await one(`MATCH (p:Person {id: '${P}person:a'}) RETURN properties(p)`),
    version: await graphVersion(d),
  };
}
const person = (id: string, name: string) => ({
  id: `${P}${id}`,
  name,
  origin: 'local',
  mind: 3,
  skill: 3,
  network: 3,
});

afterAll(async () => {
  await close();
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(dumps, { recursive: true, force: true });
});

describe('backup and restore of the local Neo4j', () => {
  it('restores exactly what was dumped; refuses to dump a running store', async () => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    let d = await open();
    await applySchema(d);
    const first = await importDataset(d, {
      nodes: { Person: [person('person:a', 'バックアップ 一郎'), person('person:b', '二郎')] },
      relationships: { KNOWS: [{ from: `${P}person:a`, to: `${P}person:b`, strength: 3 }] },
    });
    expect(first.errors).toEqual([]);
    const atDump = await snapshot(d);
    expect(() => dumpLocalStore(DATA_DIR, dumps, NAME)).toThrow(/running: stop the server/);
    await close();
    dumpLocalStore(DATA_DIR, dumps, NAME);

    // Life goes on: a node renamed, another added.
    d = await open();
    await importDataset(d, {
      nodes: { Person: [person('person:a', '変更後'), person('person:c', '三郎')] },
      relationships: {},
    });
    expect(await snapshot(d)).not.toEqual(atDump);
    await close();

    loadLocalStore(DATA_DIR, dumps, NAME);
    d = await open();
    expect(await snapshot(d)).toEqual(atDump);
  }, 900_000); // three starts of a local Neo4j
});
