/**
 * Staged imports (server/write/staged.ts): an import written in batches stays all or nothing.
 * The generated pilot network (every id prefixed, ~1.5k nodes and ~9k relationships) is
 * imported with small batches (`--staged --batch-size 25`, a few hundred batch transactions),
 * so it can be interrupted half-way:
 * - the importer is killed (SIGKILL) half-way: nothing of it is visible meanwhile or after,
 *   the clean-up leaves the node and relationship counts exactly as before, a re-run completes;
 * - Neo4j itself is killed half-way (a second local Neo4j of this file's own, under
 *   DATA_DIR/staged-test): after its restart the same holds.
 * Plus: a staged import with a bad row writes nothing; a dry run leaves nothing behind; a
 * staged import and a one-transaction import of the same files give the same graph.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES } from '../../common/model';
import { PROJECT_ROOT, loadConfig } from '../config/env';
import type { Database } from '../db/driver';
import type { LocalNeo4j } from '../db/localNeo4j';
import { applySchema, graphVersion } from '../db/schema';
import { importPath } from '../import/write';
import { removeByIdPrefix, testDb } from '../../test/db';
import { openOwnNeo4j } from '../../test/ownNeo4j';
import { writeDataset } from '../../seeds/csv';
import { countNodes, countRelationships, emptyDataset, type Dataset } from '../../seeds/dataset';
import { generateNetwork } from '../../seeds/generator';
import { removeAbandonedImports } from './index';

const P = 'test-staged:';
const tmp = mkdtempSync(path.join(tmpdir(), 'chiiki-staged-'));
const DIR = path.join(tmp, 'pilot');
const BATCH = 25;

/** The pilot network with every id prefixed (so the test's data is its own). */
function prefixed(ds: Dataset): Dataset {
  const out = { nodes: {}, relationships: {} } as Dataset;
  for (const l of NODE_LABELS)
    (out.nodes as Record<string, unknown[]>)[l] = ds.nodes[l].map((r) => ({
      ...r,
      id: P + r.id,
    }));
  for (const t of REL_TYPES)
    (out.relationships as Record<string, unknown[]>)[t] = ds.relationships[t].map((r) => ({
      ...r,
      from: P + r.from,
      to: P + r.to,
    }));
  return out;
}

const dataset = prefixed(generateNetwork({ scale: 'pilot', seed: 5, asOf: '2026-10-01' }).dataset);
const NODES = countNodes(dataset);
const RELS = countRelationships(dataset);

interface Counts {
  nodes: number;
  relationships: number;
  /** Nodes and relationships of this test's ids a reader sees (domain labels). */
  visible: number;
  batches: number;
}

async function counts(db: Database): Promise<Counts> {
  const one = async (q: string) =>
    Number(
      (await db.driver.executeQuery(q, { p: P }, { database: db.database })).records[0]!.get(0),
    );
  return {
    nodes: await one('MATCH (n) RETURN count(n)'),
    relationships: await one('MATCH ()-[r]->() RETURN count(r)'),
    visible:
      (await one('MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n)')) +
      (await one('MATCH (n:Entity)-[r]->() WHERE n.id STARTS WITH $p RETURN count(r)')),
    batches: await one('MATCH (b:ImportBatch) RETURN count(b)'),
  };
}

/** `npm run import -- DIR --staged --batch-size 25` against `db`, as a child process. */
function importer(db: Database): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(PROJECT_ROOT, 'server/cli/import.ts'),
      DIR,
      '--staged',
      '--batch-size',
      String(BATCH),
    ],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: db.connection.uri,
        NEO4J_USER: db.connection.user,
        NEO4J_PASSWORD: db.connection.password,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.resume();
  child.stderr!.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { child, exited };
}

/** Waits until the import has committed at least `n` node batches (and is still staging). */
async function untilBatches(db: Database, n: number, exited: Promise<unknown>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  for (;;) {
    if (done) throw new Error('the importer finished before it could be interrupted');
    if ((await counts(db)).batches >= n) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Removes what an interrupted import left (its process is gone: Neo4j may need a moment to see it). */
async function cleanUp(db: Database): Promise<void> {
  for (let i = 0; i < 20 && (await counts(db)).batches > 0; i++) {
    await removeAbandonedImports(db);
    if ((await counts(db)).batches > 0) await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(() => {
  writeDataset(dataset, DIR);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a staged import on the shared test Neo4j', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb();
    await removeByIdPrefix(db, P);
  });
  afterAll(async () => {
    await cleanUp(db);
    await removeByIdPrefix(db, P);
  });

  it('killed half-way, leaves the store as it was; a re-run completes', async () => {
    const before = await counts(db);
    expect(before.visible).toBe(0);
    const version = await graphVersion(db);
    const { child, exited } = importer(db);
    await untilBatches(db, 12, exited);
    // Half an import is in the store, and no reader sees any of it.
    const during = await counts(db);
    expect(during.nodes).toBeGreaterThan(before.nodes);
    expect(during.visible).toBe(0);
    // A clean-up while it runs leaves it alone (its claim is held).
    expect(await removeAbandonedImports(db)).toEqual([]);
    expect((await counts(db)).batches).toBeGreaterThanOrEqual(during.batches);
    child.kill('SIGKILL');
    await exited;
    expect((await counts(db)).visible).toBe(0);
    expect(await graphVersion(db)).toBe(version);
    await cleanUp(db);
    expect(await counts(db)).toEqual(before);

    const again = await importPath(db, DIR, { staged: true, batchSize: 500 });
    expect(again.errors).toEqual([]);
    expect(again.staged).toBe(true);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(again.created)).toBe(NODES + RELS);
    const after = await counts(db);
    expect(after).toEqual({
      // … and its audit entry.
      nodes: before.nodes + NODES + 1,
      relationships: before.relationships + RELS,
      visible: NODES + RELS,
      batches: 0,
    });
    expect(await graphVersion(db)).toBe(version + 1);
  }, 120_000);

  it('a re-import of the same files changes nothing; a dry run leaves nothing behind', async () => {
    const before = await counts(db);
    const dry = await importPath(db, DIR, { staged: true, dryRun: true, batchSize: 500 });
    expect(dry.errors).toEqual([]);
    expect(Object.values(dry.created).every((n) => n === 0)).toBe(true);
    const again = await importPath(db, DIR, { staged: true, batchSize: 500 });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(Object.values(again.updated).every((n) => n === 0)).toBe(true);
    expect(await counts(db)).toEqual(before);
  });

  it('with a bad row writes nothing and names the row', async () => {
    await removeByIdPrefix(db, P);
    const before = await counts(db);
    const bad = path.join(tmp, 'bad');
    const broken = structuredClone(dataset);
    (broken.nodes.Person[3] as Record<string, unknown>).mind = 9;
    broken.relationships.KNOWS.push({ from: `${P}person:nobody`, to: broken.nodes.Person[0]!.id });
    writeDataset(broken, bad);
    const res = await importPath(db, bad, { staged: true, batchSize: 100 });
    // Each error names the CSV line of the broken row.
    const line = (file: string, row: number) =>
      readFileSync(path.join(bad, file), 'utf8').split('\n')[row - 1] ?? '';
    expect(res.errors.map((e) => [e.file, e.column])).toEqual([
      ['KNOWS.csv', 'from'],
      ['Person.csv', 'mind'],
    ]);
    expect(line('KNOWS.csv', res.errors[0]!.row)).toContain(`${P}person:nobody`);
    expect(line('Person.csv', res.errors[1]!.row)).toContain(broken.nodes.Person[3]!.id);
    expect(await counts(db)).toEqual(before);
  });
});

describe('a staged import when Neo4j stops half-way', () => {
  const DATA_DIR = path.join(loadConfig().dataDir, 'staged-test');
  const NEO4J = { dataDir: DATA_DIR, name: 'neo4j-staged', heap: '1g' };
  let server: LocalNeo4j;
  let db: Database;
  const open = async () => {
    ({ server, db } = await openOwnNeo4j({ ...NEO4J, firstPort: 8087 }));
  };
  beforeAll(async () => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    await open();
    await applySchema(db);
    // Something in the store before: the regions and depts of the network.
    const first = path.join(tmp, 'regions');
    const regions = emptyDataset();
    regions.nodes.Region = dataset.nodes.Region;
    writeDataset(regions, first);
    expect((await importPath(db, first)).errors).toEqual([]);
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  it('leaves the store as it was after the restart; a re-run completes', async () => {
    const before = await counts(db);
    expect(before.nodes).toBeGreaterThan(0);
    const { exited } = importer(db);
    await untilBatches(db, 12, exited);
    // Neo4j dies (no clean shutdown): kill its JVM.
    const pid = Number(readFileSync(path.join(DATA_DIR, NEO4J.name, 'launcher.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    expect(await exited).toBe(1);
    await db.close().catch(() => undefined);
    await open();
    expect((await counts(db)).visible).toBe(before.visible);
    await cleanUp(db);
    expect(await counts(db)).toEqual(before);
    const again = await importPath(db, DIR, { staged: true, batchSize: 500 });
    expect(again.errors).toEqual([]);
    const after = await counts(db);
    // The regions were there before; one audit entry more.
    expect(after.nodes).toBe(before.nodes + NODES - dataset.nodes.Region.length + 1);
    expect(after.relationships).toBe(before.relationships + RELS);
    expect(after.batches).toBe(0);
  }, 240_000); // with a restart of Neo4j
});
