/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * Availability under attack (issue 11, findings 4, 6 and 7), against the real server and Neo4j
 * with the pilot seed, bounded in time: while one account sends alias bombs of networkMap,
 * thousands of root fields and relationship filters nested 6 deep, from two connections at once, another user's ordinary queries keep a
 * p95 latency ≤ 1 s (or, on a machine already slower at rest, at most twice its p95 at rest),
 * every attack is refused with its code, and the server stays up (/healthz, memory). The
 * figures are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/driver';
import { createApp } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer, TEST_ADMIN } from './auth';
import { testDb } from './db';
import { postGraphql } from './gql';

/** How long the attack lasts. */
const ATTACK_MS = 8_000;
/** Parallel connections of the attacker. */
const ATTACKERS = 2;

let db: Database;
let served: Listening;
let attacker: Record<string, string> = {};
let victim: Record<string, string> = {};

const post = (who: Record<string, string>, query: string, variables = {}) =>
  postGraphql(served.url, who, query, variables);

const MAP = `networkMap(regionId: "region:shiojiri") { nodes { id kind name subKind score x y } edges { source target type weight } }`;
const aliases = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
let deep = '{ name: { startsWith: "y" } }';
for (let i = 0; i < 6; i++) deep = `{ knows: { some: ${deep} } }`;

/** Each attack and the code it must be refused with. */
const ATTACKS: { name: string; query: string; code: string | null }[] = [
  {
    name: 'alias bomb: 1,000 × networkMap (~97 KB)',
    query: aliases(1000, MAP),
    code: 'QUERY_TOO_COMPLEX',
  },
  { name: '300 × networkMap', query: aliases(300, MAP), code: 'QUERY_TOO_COMPLEX' },
  {
    name: '2,000 × people(limit: 1)',
    query: aliases(2000, 'people(limit: 1) { id }'),
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'relationship filters 6 deep',
    query: `{ peopleConnection(where: ${deep}) { totalCount } }`,
    code: 'QUERY_TOO_COMPLEX',
  },
];

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  const app = createApp(db);
  await app.graphqlReady;
  attacker = await bearer(app, db, TEST_ADMIN);
  victim = await bearer(app, db, {
    username: 'test-dos-victim',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
  });
  served = await listenOnLoopback(app);
  // Warm: the projection and the map of the region are loaded and computed once.
  expect((await post(attacker, `{ ${MAP} }`)).body.errors).toBeUndefined();
}, 300_000);

afterAll(async () => {
  await served?.close();
});

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

describe('denial of service', () => {
  it("another user's p95 stays ≤ 1 s during alias bombs and deep filters, each refused with its code; the server stays up", async () => {
    const ordinary = `query($o: Int) { people(limit: 5, offset: $o, sort: [{ id: ASC }]) { id name title } }`;
    // Before: the victim's latency at rest.
    await post(victim, ordinary, { o: 99 }); // the query's plan compiled once
    const rest: number[] = [];
    for (let i = 0; i < 10; i++) rest.push((await post(victim, ordinary, { o: i })).ms);

    const outcomes = new Map<string, { count: number; codes: Set<string>; ms: number[] }>();
    const deadline = Date.now() + ATTACK_MS;
    const attack = async (k: number) => {
      for (let i = k; Date.now() < deadline; i++) {
        const a = ATTACKS[i % ATTACKS.length]!;
        const r = await post(attacker, a.query);
        const o = outcomes.get(a.name) ?? { count: 0, codes: new Set<string>(), ms: [] };
        o.count++;
        o.ms.push(r.ms);
        const codes: string[] = (r.body.errors ?? []).map((e: any) => e.extensions?.code);
        for (const c of codes.length ? codes : ['ok']) o.codes.add(c);
        outcomes.set(a.name, o);
      }
    };
    const during: number[] = [];
    const errors: unknown[] = [];
    const victimLoop = async () => {
      for (let i = 10; Date.now() < deadline; i++) {
        const r = await post(victim, ordinary, { o: i % 100 });
        if (r.body.errors) errors.push(r.body.errors);
        during.push(r.ms);
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    const heapBefore = process.memoryUsage().heapUsed;
    await Promise.all([victimLoop(), ...Array.from({ length: ATTACKERS }, (_, k) => attack(k))]);
    const heapAfter = process.memoryUsage().heapUsed;

    const report = [...outcomes].map(
      ([name, o]) =>
        `${name}: ${o.count}×, ${[...o.codes].join('/')}, p95 ${Math.round(p95(o.ms))} ms`,
    );
    console.log(
      [
        `victim at rest: p95 ${Math.round(p95(rest))} ms`,
        `victim under attack: ${during.length} queries, p95 ${Math.round(p95(during))} ms, max ${Math.round(Math.max(...during))} ms`,
        ...report,
        `heap ${Math.round(heapBefore / 2 ** 20)} → ${Math.round(heapAfter / 2 ** 20)} MiB`,
      ].join('\n'),
    );

    for (const a of ATTACKS) {
      const o = outcomes.get(a.name);
      expect(o?.count, a.name).toBeGreaterThan(0);
      expect([...o!.codes], a.name).toEqual([a.code ?? 'ok']);
    }
    expect(errors).toEqual([]);
    expect(during.length).toBeGreaterThanOrEqual(3);
    // ≤ 1 s; on a machine already slower than that at rest (a shared CI box under load), at
    // most twice its own p95 at rest: the attack must not be what makes it slow.
    expect(p95(during)).toBeLessThanOrEqual(Math.max(1_000, 2 * p95(rest)));
    const health = await fetch(`${served.url}/healthz`);
    expect(health.status).toBe(200);
    expect(heapAfter).toBeLessThan(heapBefore + 1024 * 2 ** 20);
  }, 120_000);
});
