/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions */
/**
 * What a survey wave's answers mean for the analytics (issue 14; docs/surveys.md): the option
 * `includeUnconfirmed` (default true) leaves the ties only one person named out of the map and
 * the metrics, and the answers count those ties separately (`unconfirmedTies`); a closed wave
 * is a point in time of its dept's regions (networkMetrics(waveId), compareNetworks,
 * networkTrend, surveyWaves), and no other region's, while an open wave is none.
 * Against the real server and Neo4j with the pilot seed; the wave, its ties and the persons'
 * fields are restored afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso, today } from '../common/dates';
import { cypher } from '../server/db/cypher';
import type { Database } from '../server/db/driver';
import { createApp } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer, TEST_ADMIN } from './auth';
import { testDb } from './db';

let db: Database;
let served: Listening | undefined;
let coord: Record<string, string> = {};
let admin: Record<string, string> = {};
let waveId = '';
/** Three roster persons with no KNOWS tie among them: A names B and C, B names A. */
let A = '';
let B = '';
let C = '';
let saved: Array<{ id: string; props: Record<string, unknown> }> = [];
const REGION = 'region:shiojiri';

async function gql(query: string, variables: Record<string, unknown> = {}, h = coord) {
  const res = await fetch(`${served!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...h },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

async function submit(token: string, knows: Array<{ personId: string; strength: number }>) {
  const res = await fetch(`${served!.url}/survey-api/submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ knows }),
  });
  expect(res.status).toBe(200);
}

const run = async (q: string, params: Record<string, unknown> = {}) =>
  (await db.driver.executeQuery(q, params, { database: db.database })).records;

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  const app = createApp(db);
  await app.graphqlReady;
  coord = await bearer(app, db, {
    username: 'analytics-shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
  });
  admin = await bearer(app, db, TEST_ADMIN);
  served = await listenOnLoopback(app);
  const cands = (await gql('{ waveRosterCandidates { personId isKeyPerson } }')).data
    .waveRosterCandidates;
  const picked: string[] = [];
  for (const c of cands) {
    if (c.isKeyPerson) continue;
    const tied = await run(
      `MATCH (a:Person {id: $a})-[:KNOWS]-(b:Person) WHERE b.id IN $picked RETURN b.id`,
      { a: c.personId, picked },
    );
    if (tied.length === 0) picked.push(c.personId);
    if (picked.length === 3) break;
  }
  [A, B, C] = picked as [string, string, string];
  saved = (
    await run('MATCH (p:Person) WHERE p.id IN $ids RETURN p.id AS id, properties(p) AS props', {
      ids: picked,
    })
  ).map((r) => ({ id: r.get('id'), props: r.get('props') }));
  const created = await gql(
    `mutation($ids: [ID!]) { createWave(name: "分析オプション試験", endDate: "${addDaysIso(today(), 7)}", personIds: $ids) { id } }`,
    { ids: picked },
  );
  waveId = created.data.createWave.id;
  const opened = await gql(
    `mutation { openWave(id: "${waveId}") { respondents { personId linkPath } } }`,
  );
  const link = new Map<string, string>(
    opened.data.openWave.respondents.map((r: any) => [r.personId, r.linkPath.split('#t=')[1]]),
  );
  await submit(link.get(A)!, [
    { personId: B, strength: 3 },
    { personId: C, strength: 2 },
  ]);
  await submit(link.get(B)!, [{ personId: A, strength: 1 }]);
}, 300_000);

afterAll(async () => {
  if (waveId) {
    await run(cypher('survey-ties-delete'), { waveId });
    await run(cypher('survey-wave-delete'), { id: waveId });
  }
  for (const p of saved) await run('MATCH (p:Person {id: $id}) SET p = $props', p);
  await run(cypher('bump-graph-version'), { now: new Date().toISOString() });
  await served?.close();
});

const edgeBetween = (edges: any[], x: string, y: string) =>
  edges.find((e) => (e.source === x && e.target === y) || (e.source === y && e.target === x));

describe('the analytics option includeUnconfirmed', () => {
  const MAP = `query($r: ID, $u: Boolean) { networkMap(regionId: $r, includeUnconfirmed: $u) {
    unconfirmedTies includesUnconfirmed edges { source target type unconfirmed } } }`;

  it('counts the unconfirmed ties by default and says how many there are', async () => {
    const map = (await gql(MAP, { r: REGION })).data.networkMap;
    expect(map.includesUnconfirmed).toBe(true);
    expect(edgeBetween(map.edges, A, C)).toMatchObject({ type: 'KNOWS', unconfirmed: true });
    expect(edgeBetween(map.edges, A, B).unconfirmed ?? false).toBe(false);
    const drawn = map.edges.filter((e: any) => e.unconfirmed).length;
    expect(map.unconfirmedTies).toBe(drawn);
    expect(map.unconfirmedTies).toBeGreaterThanOrEqual(1);
  });

  it('leaves them out when asked, and still counts them', async () => {
    const all = (await gql(MAP, { r: REGION })).data.networkMap;
    const map = (await gql(MAP, { r: REGION, u: false })).data.networkMap;
    expect(map.includesUnconfirmed).toBe(false);
    expect(edgeBetween(map.edges, A, C)).toBeUndefined();
    expect(edgeBetween(map.edges, A, B)).toBeDefined();
    expect(map.edges.some((e: any) => e.unconfirmed)).toBe(false);
    expect(map.unconfirmedTies).toBe(all.unconfirmedTies);
    expect(map.edges.length).toBe(all.edges.length - all.unconfirmedTies);
  });

  it('changes the metrics by exactly those ties', async () => {
    const Q = `query($r: ID, $u: Boolean) { networkMetrics(regionId: $r, includeUnconfirmed: $u) {
      includesUnconfirmed unconfirmedTies metrics { key value } } }`;
    const ties = (m: any) => m.metrics.find((x: any) => x.key === 'ties').value;
    const withThem = (await gql(Q, { r: REGION })).data.networkMetrics;
    const without = (await gql(Q, { r: REGION, u: false })).data.networkMetrics;
    expect(withThem.includesUnconfirmed).toBe(true);
    expect(without.includesUnconfirmed).toBe(false);
    expect(without.unconfirmedTies).toBe(withThem.unconfirmedTies);
    expect(ties(withThem) - ties(without)).toBe(withThem.unconfirmedTies);
  });

  it('is taken by the gaps, the key persons, the suggestions and what-if', async () => {
    const body = await gql(
      `query($r: ID, $p: ID!) {
        networkGaps(regionId: $r, includeUnconfirmed: false) { id }
        keyPersonGroup(regionId: $r, includeUnconfirmed: false, limit: 3) { personId }
        introductionSuggestions(regionId: $r, includeUnconfirmed: false, limit: 3) { id }
        whatIfRemoved(regionId: $r, personId: $p, includeUnconfirmed: false) { lostTies }
      }`,
      { r: REGION, p: A },
    );
    expect(body.errors).toBeUndefined();
    // A's ties without the unconfirmed one: B only.
    expect(body.data.whatIfRemoved.lostTies).toBeLessThan(
      (
        await gql(
          `query($r: ID, $p: ID!) { whatIfRemoved(regionId: $r, personId: $p) { lostTies } }`,
          {
            r: REGION,
            p: A,
          },
        )
      ).data.whatIfRemoved.lostTies,
    );
  });
});

describe('a closed wave as a point in time', () => {
  const METRICS = `query($r: ID, $w: ID) { networkMetrics(regionId: $r, waveId: $w) {
    asOf wave { id nameJa date } } }`;

  it('an open wave is not a point yet', async () => {
    const body = await gql(METRICS, { r: REGION, w: waveId });
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/not a known wave of this region/);
  });

  it('once closed, its closing date is a point of its dept’s regions', async () => {
    const closed = await gql(`mutation { closeWave(id: "${waveId}") { closedAt } }`);
    const date = closed.data.closeWave.closedAt.slice(0, 10);
    const m = (await gql(METRICS, { r: REGION, w: waveId })).data.networkMetrics;
    expect(m).toMatchObject({
      asOf: date,
      wave: { id: waveId, nameJa: '分析オプション試験', date },
    });
    const waves = (await gql(`{ surveyWaves(regionId: "${REGION}") { id date } }`)).data
      .surveyWaves;
    expect(waves.map((w: any) => w.id)).toEqual(['wave:r4', 'wave:r5', waveId]);
    const trend = (await gql(`{ networkTrend(regionId: "${REGION}") { asOf wave { id } } }`)).data
      .networkTrend;
    expect(trend.find((p: any) => p.wave?.id === waveId)?.asOf).toBe(date);
    const cmp = await gql(
      `{ compareNetworks(regionId: "${REGION}", from: "wave:r5", to: "${waveId}") {
        to { asOf wave { id } } difference { newTieCount } } }`,
    );
    expect(cmp.data.compareNetworks.to).toMatchObject({ asOf: date, wave: { id: waveId } });
    expect(cmp.data.compareNetworks.difference.newTieCount).toBeGreaterThanOrEqual(2);
  });

  it('is no point of another region, and another dept does not learn of it', async () => {
    const other = await gql(METRICS, { r: 'region:tsubame', w: waveId }, admin);
    expect(other.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(other.errors[0].message).toMatch(/not a known wave of this region/);
    const unknown = await gql(
      METRICS,
      { r: 'region:tsubame', w: 'wave:00000000-0000-0000-0000-000000000000' },
      admin,
    );
    expect(unknown.errors[0].message.replace(/wave:\S+/g, '')).toBe(
      other.errors[0].message.replace(/wave:\S+/g, ''),
    );
    const tsubameWaves = (
      await gql('{ surveyWaves(regionId: "region:tsubame") { id } }', {}, admin)
    ).data.surveyWaves;
    expect(tsubameWaves.map((w: any) => w.id)).not.toContain(waveId);
  });
});
