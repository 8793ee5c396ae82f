/**
 * Warm after writes (server/graphql/warm.ts): after a write, the analytics answers people asked
 * for recently are recomputed in the background, so the next identical request is answered from
 * the response cache at the new version (no projection load, no execution) and shows the write.
 * A burst of writes is warmed once for the newest version, not once per write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/driver';
import { createApp, type App } from '../http/app';
import { listenOnLoopback, type Listening } from '../http/listen';
import { importDataset } from '../import';
import { bearer, TEST_ADMIN } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { ids, P, testDataset } from '../../test/testDataset';
import { Warmer, type WarmRequest } from './warm';

let db: Database;
let app: App;
let served: Listening;
let auth: Record<string, string>;

const MAP = `query($r: ID) { networkMap(regionId: $r) { graphVersion nodes { id name } } }`;
const UPDATE = `mutation($id: ID!, $fields: [FieldChange!]!) {
  updateNode(id: $id, fields: $fields) { id graphVersion }
}`;

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${served.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function rename(name: string): Promise<number> {
  const d = await gql(UPDATE, { id: ids.p1, fields: [{ name: 'name', value: name }] });
  return d.updateNode.graphVersion as number;
}

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  expect((await importDataset(db, testDataset())).errors).toEqual([]);
  app = createApp(db);
  await app.graphqlReady;
  auth = await bearer(app, db, TEST_ADMIN);
  served = await listenOnLoopback(app);
});
afterAll(async () => {
  app.warmer?.stop();
  await served?.close();
  await removeByIdPrefix(db, P);
});

describe('warm after writes', () => {
  it('the next networkMap after a write is warm and shows the write', async () => {
    const warmer = app.warmer!;
    await gql(MAP, { r: ids.region }); // asked once: kept for warming
    const version = await rename('ウォーム 一郎');
    await warmer.idle();
    expect(warmer.stats.warmed).toBeGreaterThanOrEqual(1);
    const loads = app.projectionCache.stats.loads;
    const d = await gql(MAP, { r: ids.region });
    // Answered at the new version without loading the projection again: it was warm.
    expect(app.projectionCache.stats.loads).toBe(loads);
    expect(d.networkMap.graphVersion).toBe(version);
    expect(d.networkMap.nodes.find((n: { id: string }) => n.id === ids.p1).name).toBe(
      'ウォーム 一郎',
    );
  });
});

describe('the warmer on its own', () => {
  /** A stand-in Apollo server that records what it was asked to replay, taking `ms` each. */
  function recorder(ms: number) {
    const calls: number[] = [];
    let version = 0;
    const server = {
      executeOperation: async () => {
        calls.push(version);
        await new Promise((r) => setTimeout(r, ms));
        return { body: { kind: 'single', singleResult: { data: {} } } };
      },
    } as unknown as WarmRequest['server'];
    return { calls, server, setVersion: (v: number) => (version = v) };
  }
  const request = (server: WarmRequest['server'], query: string): WarmRequest => ({
    server,
    query,
    operationName: null,
    variables: {},
    context: () => ({}) as never,
    partition: 'admin:*',
  });

  it('coalesces a burst of writes into one replay of each kept request', async () => {
    const r = recorder(5);
    const w = new Warmer({ version: async () => 0, pollMs: 0, debounceMs: 30 });
    w.keep(request(r.server, '{ a }'), 1);
    w.keep(request(r.server, '{ b }'), 1);
    for (let v = 2; v <= 6; v++) w.changed(v);
    await w.idle();
    expect(r.calls.length).toBe(2);
    expect(w.stats.runs).toBe(1);
    w.changed(6); // nothing new
    await w.idle();
    expect(r.calls.length).toBe(2);
    w.stop();
  });

  it('a write while warming stops the stale replays and warms the newest version', async () => {
    const r = recorder(40);
    const w = new Warmer({ version: async () => 0, pollMs: 0, debounceMs: 1 });
    for (const q of ['{ a }', '{ b }', '{ c }']) w.keep(request(r.server, q), 1);
    r.setVersion(2);
    w.changed(2);
    await new Promise((res) => setTimeout(res, 20)); // the first replay is under way
    r.setVersion(3);
    w.changed(3);
    await w.idle();
    // Version 2: one replay begun, the other two skipped; version 3: all three.
    expect(r.calls.filter((v) => v === 2).length).toBe(1);
    expect(r.calls.filter((v) => v === 3).length).toBe(3);
    w.stop();
  });

  it('sees writes by other processes by polling the version', async () => {
    const r = recorder(1);
    let version = 1;
    const w = new Warmer({ version: async () => version, pollMs: 20, debounceMs: 1 });
    w.keep(request(r.server, '{ a }'), 1);
    version = 2;
    for (let i = 0; i < 50 && r.calls.length === 0; i++)
      await new Promise((res) => setTimeout(res, 20));
    expect(r.calls.length).toBe(1);
    w.stop();
  });
});
