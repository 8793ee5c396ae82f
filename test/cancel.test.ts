/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * Runaway database work is stopped (issue 11, findings 6 and 7) against the real Neo4j: every
 * transaction has a timeout by default (server/db/timeouts.ts), the entity queries of one
 * GraphQL request share one session with the GraphQL timeout, and closing that session when
 * the client goes away stops the query Neo4j is running (server/graphql/requestSession.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { loadConfig } from '../server/config/env';
import { openDatabase, type Database } from '../server/db/driver';
import { isTransactionTimeout } from '../server/db/timeouts';
import { RequestCancelled, RequestSession } from '../server/graphql/requestSession';
import { createApp } from '../server/http/app';
import { listenOnLoopback } from '../server/http/listen';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer, TEST_ADMIN } from './auth';
import { testDb } from './db';

let db: Database;
let short: Database;

beforeAll(async () => {
  db = await testDb();
  // The same Neo4j, with a default transaction timeout of one second.
  short = await openDatabase({ ...loadConfig(), NEO4J_TX_TIMEOUT: 1 }, 'test');
}, 120_000);
afterAll(async () => {
  await short?.driver.close();
});

async function running(marker: string): Promise<number> {
  const res = await db.driver.executeQuery(
    'SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $m RETURN count(*) AS n',
    { m: marker },
  );
  return Number(res.records[0]!.get('n'));
}

describe('transaction timeouts', () => {
  it('every transaction without its own timeout gets the default (executeQuery, sessions)', async () => {
    const started = Date.now();
    const err = await short.driver
      .executeQuery('CALL apoc.util.sleep(5000) RETURN 1 AS x')
      .catch((e: unknown) => e);
    expect(isTransactionTimeout(err)).toBe(true);
    const session = short.driver.session();
    try {
      const err2 = await session
        .executeRead((tx) => tx.run('CALL apoc.util.sleep(5000) RETURN 1 AS x'))
        .catch((e: unknown) => e);
      expect(isTransactionTimeout(err2)).toBe(true);
    } finally {
      await session.close();
    }
    expect(Date.now() - started).toBeLessThan(7_000);
    // a transaction that names a longer one keeps it
    const s2 = short.driver.session();
    try {
      const ok = await s2.executeRead((tx) => tx.run('CALL apoc.util.sleep(1500) RETURN 1 AS x'), {
        timeout: 10_000,
      });
      expect(ok.records[0]!.get('x')).toBe(1);
    } finally {
      await s2.close();
    }
  });

  it('a GraphQL entity query past GRAPHQL_TX_TIMEOUT answers QUERY_TIMEOUT', async () => {
    await ensurePilotSeed(db);
    // Three steps of KNOWS from every person: a second or more of Neo4j work on the pilot
    // seed. The timeout is enforced by Neo4j's transaction monitor (every 100 ms in the local
    // Neo4j, neo4j/…/LocalNeo4j.java), so the query must outlast a few of its rounds.
    const query = `{ peopleConnection(first: 10, where: { knows: { some: { knows: { some: { knows: { some: { name: { contains: "該当なし" } } } } } } } }) { totalCount } }`;
    const ask = async (graphqlTxMs: number) => {
      const app = createApp({ ...db, timeouts: { txMs: 60_000, longTxMs: 60_000, graphqlTxMs } });
      await app.graphqlReady;
      const admin = await bearer(app, db, TEST_ADMIN);
      const served = await listenOnLoopback(app);
      try {
        const t0 = performance.now();
        const res = await fetch(`${served.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...admin },
          body: JSON.stringify({ query }),
        });
        return { body: (await res.json()) as any, ms: performance.now() - t0 };
      } finally {
        await served.close();
      }
    };
    // Without the limit the query answers, and takes long enough for the limit to bite.
    const free = await ask(60_000);
    expect(free.body.errors).toBeUndefined();
    expect(free.body.data.peopleConnection.totalCount).toBe(0);
    expect(free.ms).toBeGreaterThan(300);
    const limited = await ask(1);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
    expect(limited.body.errors[0].message).toMatch(/longer than the server allows/);
  });
});

describe('one session per request, cancelled with its client', () => {
  it('closing the request session stops the query Neo4j runs, and starts no other', async () => {
    const rs = new RequestSession(db, 60_000);
    const marker = `dos-cancel-${Date.now()}`;
    const work = rs.executionContext.executeRead((tx) =>
      tx.run(`CALL apoc.util.sleep(30000) RETURN '${marker}' AS m`),
    );
    const next = rs.executionContext.executeRead((tx) => tx.run('RETURN 1 AS x'));
    work.catch(() => undefined);
    next.catch(() => undefined);
    for (let i = 0; i < 50 && (await running(marker)) === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await running(marker)).toBe(1);
    const aborted = Date.now();
    await rs.abort();
    await expect(work).rejects.toBeDefined();
    await expect(next).rejects.toBeInstanceOf(RequestCancelled);
    let left = 1;
    for (let i = 0; i < 50 && left > 0; i++) {
      left = await running(marker);
      if (left > 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe(0);
    expect(Date.now() - aborted).toBeLessThan(5_000);
  });

  it('the root fields of one request share one session (not one each)', async () => {
    let sessions = 0;
    const counting = new Proxy(db.driver, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'session') {
          return (...args: unknown[]) => {
            sessions++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    }) as Driver;
    const app = createApp({ ...db, driver: counting });
    await app.graphqlReady;
    const admin = await bearer(app, db, TEST_ADMIN);
    const served = await listenOnLoopback(app);
    try {
      const ask = (k: number) =>
        fetch(`${served.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...admin },
          body: JSON.stringify({
            query: `{ ${Array.from({ length: 20 }, (_, i) => `p${i}: people(limit: 1, offset: ${i + 20 * k}) { id }`).join(' ')} }`,
          }),
        }).then((r) => r.json() as Promise<any>);
      await ask(0); // warm: schema checks, database info (a new request: no cached answer)
      sessions = 0;
      const body = await ask(1);
      expect(body.errors).toBeUndefined();
      expect(Object.keys(body.data)).toHaveLength(20);
      expect(sessions).toBe(1);
    } finally {
      await served.close();
    }
  });
});
