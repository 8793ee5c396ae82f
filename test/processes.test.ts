/**
 * Two server processes against one Neo4j (SPEC §13, issue 16): real OS processes
 * (server/cli/serve.ts, spawned by server/http/processes.ts) with one AUTH_SECRET, as behind a
 * load balancer. No state that they could disagree on:
 * - a write through one is seen by the other at once (caches keyed by the graph version);
 * - a lockout after wrong passwords on one holds on the other (kept on the account in Neo4j);
 * - the sign-in rate limit counts attempts on both (counters in Neo4j);
 * - a token revoked by signing out on one is refused by both.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../server/auth/audit';
import { changeUser, ensureUser } from '../server/auth/users';
import { cypher } from '../server/db/cypher';
import type { Database } from '../server/db/driver';
import { startServerProcess, type ServerProcess } from '../server/http/processes';
import { importDataset } from '../server/import';
import { removeByIdPrefix, testDb } from './db';
import { ids, P, testDataset } from './testDataset';

const ADMIN = { username: 'test-procs-admin', role: 'admin' as const };
const LOCKED = { username: 'test-procs-locked', role: 'analyst' as const };
const PASSWORD = 'two-processes-horse-1';

let db: Database;
let a: ServerProcess;
let b: ServerProcess;

async function post(base: string, route: string, body: unknown, headers = {}) {
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function token(base: string, username: string, password = PASSWORD) {
  return post(base, '/auth/token', { username, password });
}

async function gql(base: string, auth: string, query: string, variables = {}) {
  return post(base, '/graphql', { query, variables }, { authorization: `Bearer ${auth}` });
}

async function resetLimits(): Promise<void> {
  await db.driver.executeQuery('MATCH (r:RateLimit) DELETE r', {}, { database: db.database });
}

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  expect((await importDataset(db, testDataset())).errors).toEqual([]);
  for (const u of [ADMIN, LOCKED]) {
    await ensureUser(db, u, cliActor());
    await changeUser(db, u.username, { kind: 'reset-password', password: PASSWORD }, cliActor());
  }
  await resetLimits();
  const env = { AUTH_SECRET: randomBytes(32).toString('base64url') };
  [a, b] = await Promise.all([startServerProcess(db, env), startServerProcess(db, env)]);
}, 240_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await resetLimits();
  await removeByIdPrefix(db, P);
});

describe('two server processes, one Neo4j', () => {
  it('a write through one is seen by the other at once', async () => {
    const t = (await token(a.url, ADMIN.username)).body.token as string;
    expect(t).toBeTruthy();
    const MAP = `query($r: ID) { networkMap(regionId: $r) { graphVersion nodes { id name } } }`;
    const PERSON = `query($id: ID!) { people(where: { id: { eq: $id } }) { name } }`;
    // Both have answered (and cached) the map and the entity query before the write.
    for (const p of [a, b]) {
      expect((await gql(p.url, t, MAP, { r: ids.region })).body.errors).toBeUndefined();
      expect((await gql(p.url, t, PERSON, { id: ids.p2 })).body.errors).toBeUndefined();
    }
    const write = await gql(
      a.url,
      t,
      `mutation($id: ID!, $fields: [FieldChange!]!) { updateNode(id: $id, fields: $fields) { graphVersion } }`,
      { id: ids.p2, fields: [{ name: 'name', value: '二つ目 二郎' }] },
    );
    expect(write.body.errors).toBeUndefined();
    const version = write.body.data.updateNode.graphVersion as number;
    // The token a issued is valid on b; b answers the new version at once.
    const map = await gql(b.url, t, MAP, { r: ids.region });
    expect(map.body.data.networkMap.graphVersion).toBe(version);
    expect(map.body.data.networkMap.nodes.find((n: { id: string }) => n.id === ids.p2).name).toBe(
      '二つ目 二郎',
    );
    const person = await gql(b.url, t, PERSON, { id: ids.p2 });
    expect(person.body.data.people[0].name).toBe('二つ目 二郎');
  });

  it('a lockout after wrong passwords on one holds on the other', async () => {
    await resetLimits();
    for (let i = 0; i < 5; i++)
      expect((await token(a.url, LOCKED.username, 'wrong-password-0')).status).toBe(401);
    // The right password now fails on either process: the account is locked in Neo4j.
    expect((await token(b.url, LOCKED.username)).status).toBe(401);
    expect((await token(a.url, LOCKED.username)).status).toBe(401);
    await changeUser(
      db,
      LOCKED.username,
      { kind: 'reset-password', password: PASSWORD },
      cliActor(),
    );
  });

  it('the sign-in rate limit counts the attempts on both processes', async () => {
    await resetLimits();
    // 10 a minute per address: 5 on each process, then the 11th is refused on either.
    for (let i = 0; i < 10; i++) {
      const res = await token(i % 2 ? b.url : a.url, ADMIN.username, 'wrong-password-1');
      expect(res.status).toBe(401);
    }
    expect((await token(b.url, ADMIN.username)).status).toBe(429);
    expect((await token(a.url, ADMIN.username)).status).toBe(429);
    await resetLimits();
    // The wrong passwords above locked the admin account too: unlock it for the next test.
    await changeUser(
      db,
      ADMIN.username,
      { kind: 'reset-password', password: PASSWORD },
      cliActor(),
    );
  });

  it('a token revoked on one is refused by both', async () => {
    await resetLimits();
    const t = (await token(b.url, ADMIN.username)).body.token as string;
    expect(t).toBeTruthy();
    const ME = '{ me { username } }';
    for (const p of [a, b])
      expect((await gql(p.url, t, ME)).body.data.me.username).toBe(ADMIN.username);
    const out = await post(a.url, '/auth/signout', {}, { authorization: `Bearer ${t}` });
    expect(out.body).toMatchObject({ signedOut: true, revoked: true });
    for (const p of [a, b]) expect((await gql(p.url, t, ME)).status).toBe(401);
  });

  it('keeps the counters out of the domain graph', async () => {
    const res = await db.driver.executeQuery(
      cypher('counts-by-label'),
      {},
      { database: db.database },
    );
    expect(res.records.map((r) => r.get('label'))).not.toContain('RateLimit');
  });
});
