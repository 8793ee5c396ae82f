/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * The limits of one GraphQL request (issue 11, findings 4, 6 and 7; server/graphql/limits.ts,
 * costLimit.ts) against the real server and Neo4j with the pilot seed: an alias bomb of
 * networkMap, thousands of root fields and deeply nested relationship filters are refused
 * before they run, with their own codes; a map counts by its scope's nodes and edges, however
 * it is asked for; a scope one may not read never shows its size; the heavy fields of one user
 * run a few at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/driver';
import { createApp } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { HeavyFieldLimiter, MAX_ALIASES, MAX_ROOT_FIELDS } from '../server/graphql/limits';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer, TEST_ADMIN } from './auth';
import { testDb } from './db';
import { postGraphql } from './gql';

let db: Database;
let served: Listening;
let strict: Listening;
let admin: Record<string, string> = {};
let tsubame: Record<string, string> = {};

const MAP = `networkMap(regionId: "region:shiojiri") { nodes { id kind name x y } edges { source target type } }`;

const gql = postGraphql;
const codeOf = (r: { body: any }) => r.body.errors?.[0]?.extensions?.code ?? null;

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  const app = createApp(db);
  // The same server with a small response cap, to see the estimate work on real sizes.
  const small = createApp(db, { graphqlLimits: { maxResponseValues: 50_000, maxMapItems: 3_000 } });
  await Promise.all([app.graphqlReady, small.graphqlReady]);
  admin = await bearer(app, db, TEST_ADMIN);
  tsubame = await bearer(app, db, {
    username: 'test-limits-tsubame',
    role: 'coordinator',
    deptId: 'dept:tsubame',
  });
  served = await listenOnLoopback(app);
  strict = await listenOnLoopback(small);
}, 300_000);

afterAll(async () => {
  await served?.close();
  await strict?.close();
});

describe('aliases and root fields (findings 4 and 7)', () => {
  it('refuses 1,000 aliases of networkMap before running any (QUERY_TOO_COMPLEX, 400)', async () => {
    const q = `{ ${Array.from({ length: 1000 }, (_, i) => `m${i}: ${MAP}`).join(' ')} }`;
    const r = await gql(served.url, admin, q);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors[0].message).toMatch(/too long/);
    expect(r.body.data).toBeUndefined();
  });

  it('refuses more root fields than allowed, even in a short query', async () => {
    const q = `{ ${Array.from({ length: MAX_ROOT_FIELDS + 1 }, (_, i) => `p${i}: me { username }`).join(' ')} }`;
    const r = await gql(served.url, admin, q);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors[0].message).toMatch(/root fields/);
  });

  it('refuses 2,000 root aliases of people(limit: 1)', async () => {
    const q = `{ ${Array.from({ length: 2000 }, (_, i) => `p${i}: people(limit: 1) { id }`).join(' ')} }`;
    const r = await gql(served.url, admin, q);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
  });

  it('counts aliases anywhere, also inside fragments', async () => {
    const inner = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `n${i}: nodes { id }`).join(
      ' ',
    );
    const r = await gql(
      served.url,
      admin,
      `query { ...F } fragment F on Query { networkMap(regionId: "region:shiojiri") { ${inner} } }`,
    );
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors[0].message).toMatch(/aliases/);
  });

  it('allows what the web app asks (a few root fields, no aliases) and the caps themselves', async () => {
    const roots = Array.from(
      { length: MAX_ROOT_FIELDS },
      (_, i) => `p${i}: people(limit: 1) { id }`,
    );
    const r = await gql(served.url, admin, `{ ${roots.join(' ')} }`);
    expect(r.body.errors).toBeUndefined();
    expect(Object.keys(r.body.data)).toHaveLength(MAX_ROOT_FIELDS);
  });
});

describe('response size (finding 4)', () => {
  it('counts a map by its scope: nodes and edges times the fields asked, every alias', async () => {
    const one = await gql(strict.url, admin, `{ ${MAP} }`);
    expect(one.body.errors).toBeUndefined();
    const n = one.body.data.networkMap.nodes.length;
    const e = one.body.data.networkMap.edges.length;
    expect(n).toBeGreaterThan(100);
    // values ≈ 5·n + 3·e per map (at least: the scope may hold more): enough aliases pass the
    // 50,000 cap
    const times = Math.ceil(50_000 / (5 * n + 3 * e)) + 1;
    expect(times).toBeLessThan(20);
    const many = `{ ${Array.from({ length: times }, (_, i) => `m${i}: ${MAP}`).join(' ')} }`;
    const r = await gql(strict.url, admin, many);
    expect(r.status).toBe(413);
    expect(codeOf(r)).toBe('RESPONSE_TOO_LARGE');
    expect(r.body.errors[0].message).toMatch(/values/);
  });

  it('a scope one may not read counts as empty: FORBIDDEN, never its size', async () => {
    const many = `{ ${Array.from({ length: 15 }, (_, i) => `m${i}: ${MAP}`).join(' ')} }`;
    const r = await gql(strict.url, tsubame, many);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(JSON.stringify(r.body)).not.toMatch(/values|TOO_LARGE/);
  });

  it('refuses while running when the maps of one request hold too many items', async () => {
    // Within the value estimate (ids only), beyond the 3,000 map items of this server.
    const slim = (i: number) => `m${i}: networkMap(regionId: "region:shiojiri") { graphVersion }`;
    const r = await gql(
      strict.url,
      admin,
      `{ ${Array.from({ length: 12 }, (_, i) => slim(i)).join(' ')} }`,
    );
    expect(r.body.errors.map((x: any) => x.extensions.code)).toContain('RESPONSE_TOO_LARGE');
  });
});

describe('relationship filters (finding 6)', () => {
  const nested = (depth: number) => {
    let w = '{ id: { eq: "person:none" } }';
    for (let i = 0; i < depth; i++) w = `{ knows: { some: ${w} } }`;
    return w;
  };

  it('refuses filters nested 6 deep at once, whether in the query or in variables', async () => {
    const r = await gql(
      served.url,
      admin,
      `{ peopleConnection(where: ${nested(6)}) { totalCount } }`,
    );
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('QUERY_TOO_COMPLEX');
    expect(r.body.errors[0].message).toMatch(/nested 6 levels/);
    expect(r.ms).toBeLessThan(5_000);
    let where: Record<string, unknown> = { id: { eq: 'person:none' } };
    for (let i = 0; i < 6; i++) where = { knows: { some: where } };
    const v = await gql(
      served.url,
      admin,
      `query($w: PersonWhere) { people(limit: 1, where: $w) { id } }`,
      { w: where },
    );
    expect(codeOf(v)).toBe('QUERY_TOO_COMPLEX');
  });

  it('counts each level in the cost: two levels on 100 people pass, three are too costly', async () => {
    const two = await gql(served.url, admin, `{ people(limit: 100, where: ${nested(2)}) { id } }`);
    expect(two.body.errors).toBeUndefined();
    const three = await gql(
      served.url,
      admin,
      `{ people(limit: 100, where: ${nested(3)}) { id knows(limit: 10) { id } } }`,
    );
    expect(codeOf(three)).toBe('BAD_USER_INPUT');
    expect(three.body.errors[0].message).toMatch(/too costly/);
  });
});

describe('heavy fields of one user', () => {
  it('run at most N at once, M more wait, the rest are refused with TOO_MANY_REQUESTS', async () => {
    const limiter = new HeavyFieldLimiter(2, 1);
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const work = () =>
      new Promise<string>((resolve) => {
        running++;
        most = Math.max(most, running);
        release.push(() => {
          running--;
          resolve('done');
        });
      });
    const a = limiter.run('u', work);
    const b = limiter.run('u', work);
    const c = limiter.run('u', work);
    await expect(limiter.run('u', work)).rejects.toMatchObject({
      extensions: { code: 'TOO_MANY_REQUESTS' },
    });
    // another user is not affected
    const other = limiter.run('v', async () => 'other');
    expect(await other).toBe('other');
    await new Promise((r) => setTimeout(r, 10));
    expect(running).toBe(2);
    release.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    expect(running).toBe(2); // c took the slot
    while (release.length) release.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    while (release.length) release.shift()!();
    expect(await Promise.all([a, b, c])).toEqual(['done', 'done', 'done']);
    expect(most).toBe(2);
  });
});
