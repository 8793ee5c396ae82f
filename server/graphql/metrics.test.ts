/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are read as loose JSON here */
/**
 * networkMetrics, compareNetworks, regionsOverview and networkTrend (SPEC §12) against the real
 * Neo4j, on the small test region with a history: the KNOWS tie p1–p2 ended on 2020-06-01, a
 * KNOWS tie p3–p6 began that day, and an introduction was made on 2020-03-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, TEST_ADMIN } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { ids, P, testDataset } from '../../test/testDataset';
import type { Database } from '../db/driver';
import { createApp } from '../http/app';
import { listenOnLoopback, type Listening } from '../http/listen';
import { importDataset } from '../import';

let db: Database;
let served: Listening | undefined;
let auth: Record<string, string> = {};

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${served!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  expect((await importDataset(db, testDataset())).errors).toEqual([]);
  await db.driver.executeQuery(
    `MATCH (:Person {id: $p1})-[k:KNOWS]-(:Person {id: $p2}) SET k.until = '2020-06-01'
     WITH 1 AS one
     MATCH (a:Person {id: $p3}), (b:Person {id: $p6})
     CREATE (a)-[:KNOWS {strength: 1, since: '2020-06-01', source: 'manual'}]->(b)
     WITH a
     MATCH (p1:Person {id: $p1})
     CREATE (i:Introduction:Entity {id: $intro, name: 'x', status: 'made',
                                    decidedAt: '2020-03-01T10:00:00.000Z'})
     CREATE (i)-[:FROM]->(p1), (i)-[:TO]->(a)
     WITH 1 AS one MATCH (m:Meta {key: 'graph'}) SET m.version = m.version + 1`,
    { p1: ids.p1, p2: ids.p2, p3: ids.p3, p6: ids.p6, intro: `${P}intro:made` },
    { database: db.database },
  );
  const app = createApp(db);
  await app.graphqlReady;
  auth = await bearer(app, db, TEST_ADMIN);
  served = await listenOnLoopback(app);
});

afterAll(async () => {
  await served?.close();
  if (db) await removeByIdPrefix(db, P);
});

const COMPARE = `query($r: ID, $from: String!, $to: String!) {
  compareNetworks(regionId: $r, from: $from, to: $to) {
    from { asOf metrics { key value } } to { asOf stage metrics { key value } }
    changes { key from to change direction }
    difference { newTieCount endedTieCount newPersonCount departedPersonCount
      newTies { type fromId toId since until } endedTies { type fromId toId since until }
      newPersons { id } departedPersons { id } }
  }
}`;

describe('compareNetworks', () => {
  it('shows the tie that ended and the one that began, and nothing else', async () => {
    const body = await gql(COMPARE, { r: ids.region, from: '2020-01-01', to: '2021-01-01' });
    expect(body.errors).toBeUndefined();
    const c = body.data.compareNetworks;
    expect(c.difference).toEqual({
      newTieCount: 1,
      endedTieCount: 1,
      newPersonCount: 0,
      departedPersonCount: 0,
      newTies: [{ type: 'KNOWS', fromId: ids.p3, toId: ids.p6, since: '2020-06-01', until: null }],
      endedTies: [
        { type: 'KNOWS', fromId: ids.p1, toId: ids.p2, since: null, until: '2020-06-01' },
      ],
      newPersons: [],
      departedPersons: [],
    });
    const by = new Map(c.changes.map((x: any) => [x.key, x]));
    // one tie ended, one began: as many ties as before
    expect(by.get('ties')).toMatchObject({ change: 0, direction: 'same' });
    expect(by.get('introductionsMade')).toMatchObject({ from: 0, to: 1, direction: 'better' });
    // p6 (the staff of the unsupported SME s2) now knows p3 of the chamber: s2 is reached
    expect(by.get('smeSupportedShare')).toMatchObject({ from: 0.5, to: 1, direction: 'better' });
    expect(c.changes).toHaveLength(16);
  });

  it('counts an introduction from the day it was made', async () => {
    const body = await gql(COMPARE, { r: ids.region, from: '2020-02-01', to: '2020-03-01' });
    const by = new Map(body.data.compareNetworks.changes.map((x: any) => [x.key, x]));
    expect(by.get('introductionsMade')).toMatchObject({ from: 0, to: 1, direction: 'better' });
    expect(body.data.compareNetworks.difference.newTieCount).toBe(0);
  });

  it('refuses dates in the wrong order, in the future, and unknown waves, clearly', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ from: '2021-01-01', to: '2020-01-01' }, /must be before/],
      [{ from: '2020-01-01', to: '2999-01-01' }, /future/],
      [{ from: 'wave:r9', to: '2020-01-01' }, /known wave/],
      [{ from: '2020-02-30', to: '2021-01-01' }, /YYYY-MM-DD/],
    ];
    for (const [args, message] of cases) {
      const body = await gql(COMPARE, { r: ids.region, ...args });
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors[0].message).toMatch(message);
    }
  });
});

describe('networkMetrics', () => {
  const METRICS = `query($r: ID, $asOf: String, $w: ID) {
    networkMetrics(regionId: $r, asOf: $asOf, waveId: $w) {
      regionId regionName asOf wave { id date } stage stageJa
      stageMeasures { persons connectedShare hubs }
      metrics { key value better labelJa explanationJa }
    }
  }`;

  it('answers every metric with its meaning, today and at a wave', async () => {
    const today = (await gql(METRICS, { r: ids.region })).data.networkMetrics;
    expect(today.regionName).toBeTruthy();
    expect(today.metrics.map((m: any) => m.key)).toContain('stageLevel');
    const smes = today.metrics.find((m: any) => m.key === 'smes');
    expect(smes).toMatchObject({ value: 2, better: 'neutral' });
    expect(smes.explanationJa.length).toBeGreaterThan(5);
    const wave = (await gql(METRICS, { r: ids.region, w: 'wave:r4' })).data.networkMetrics;
    expect(wave).toMatchObject({ asOf: '2023-02-15', wave: { id: 'wave:r4', date: '2023-02-15' } });
  });

  it('refuses asOf together with waveId, and an unknown region', async () => {
    const both = await gql(METRICS, { r: ids.region, asOf: '2023-01-01', w: 'wave:r4' });
    expect(both.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(both.errors[0].message).toMatch(/either asOf or waveId/);
    const none = await gql(METRICS, { r: `${P}region:none` });
    expect(none.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('networkTrend gives one point per date of the history, oldest first', async () => {
    const body = await gql(`query($r: ID) { networkTrend(regionId: $r) { asOf wave { id } } }`, {
      r: ids.region,
    });
    const dates = body.data.networkTrend.map((p: any) => p.asOf);
    expect(dates[0]).toBe('2022-04-01');
    expect(dates).toEqual([...dates].sort());
    expect(body.data.networkTrend.filter((p: any) => p.wave).map((p: any) => p.wave.id)).toEqual([
      'wave:r4',
      'wave:r5',
    ]);
  });
});
