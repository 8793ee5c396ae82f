/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * networkOverview (issue 16) against the real Neo4j on a hand-made network of three regions,
 * every count worked out by hand below: a region's counts are those of its own map, KNOWS ties
 * count inside a region or between two (neither end in both), shared organisations and persons
 * link two regions; ended ties and (optionally) unconfirmed survey ties are left out; a
 * coordinator sees their dept's regions and the links among them only, a municipality its
 * region; no projection is loaded. With the threshold lowered (ALL_REGIONS_WHOLE_MAX=0) the
 * store counts as national: allRegionsMap is false and networkMap(regionId: null) is refused
 * with RESPONSE_TOO_LARGE, pointing at the overview.
 *
 * The network (today; "→" located in, "@" works at, "~" engaged with):
 *   regions A, B, C; dept A covers A and B, dept B covers B, dept C covers C
 *   orgs:   cityA → A, leads dept A (so A, B) · cityB → B, leads dept B (B) · cityC → C, leads
 *           dept C (C) · bank → A, member of dept C (A, C) · old: member of dept C until 2021
 *   SMEs:   smeA → A · smeB → B · smeC1, smeC2 → C
 *   persons a1 → A (key person) · a2 → A · b1 → B · b2 (nowhere) @ cityB (B) · s1 (nowhere)
 *           @ cityA (A, B) · c1 → C · t1 → C, talent ~ smeA (A, C) · k1 (nowhere) @ bank (A, C)
 *   KNOWS   1 a1–a2 · 2 a1–b1 · 3 b1–b2 · 4 a2–s1 · 5 b1–s1 · 6 a1–c1 · 7 c1–t1 · 8 b1–c1
 *           (until 2021) · 9 b2–c1 (survey, unconfirmed) · 10 s1–k1
 *
 *   A: persons a1 a2 s1 t1 k1 = 5, key 1, talent 1, orgs cityA bank = 2, SMEs 1,
 *      ties inside 1 4 10 = 3
 *   B: persons b1 b2 s1 = 3, orgs cityA cityB = 2, SMEs 1, ties inside 3 5 = 2
 *   C: persons c1 t1 k1 = 3, talent 1, orgs cityC bank = 2, SMEs 2, ties inside 7 = 1
 *   A–B: ties 2 = 1, shared orgs cityA = 1, shared persons s1 = 1
 *   A–C: ties 6 = 1 (7 is inside C: t1 is in C too), shared orgs bank = 1, persons t1 k1 = 2
 *   B–C: ties 9 and 10 (s1 is in B not C, k1 in C not B) = 2; confirmed only 1
 *   On 2020-06-01 tie 8 and the old member count too: B–C 3, C's orgs 3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, TEST_ADMIN } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { codeOf, graphqlClient } from '../../test/graphqlClient';
import { personRow, twoRegions } from '../../test/twoRegions';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { createApp, type App } from '../http/app';
import { listenOnLoopback, type Listening } from '../http/listen';
import { importDataset } from '../import';

const P = 'test-overview:';
const frame = twoRegions(P, { a: 'アサ市', b: 'ベツ町' });
const id = {
  ...frame.ids,
  regionC: `${P}region:c`,
  deptC: `${P}dept:c`,
  cityC: `${P}org:city-c`,
  bank: `${P}org:bank`,
  old: `${P}org:old`,
  smeA: `${P}sme:a`,
  smeB: `${P}sme:b`,
  smeC1: `${P}sme:c1`,
  smeC2: `${P}sme:c2`,
  a1: `${P}person:a1`,
  a2: `${P}person:a2`,
  b1: `${P}person:b1`,
  b2: `${P}person:b2`,
  s1: `${P}person:s1`,
  c1: `${P}person:c1`,
  t1: `${P}person:t1`,
  k1: `${P}person:k1`,
};
const A = id.region;
const B = id.otherRegion;
const C = id.regionC;

type Who = 'admin' | 'coord' | 'city' | 'analyst' | 'national';
const auth: Record<Who, Record<string, string>> = {
  admin: {},
  coord: {},
  city: {},
  analyst: {},
  national: {},
};
let db: Database;
let app: App;
let national: App;
const served: Listening[] = [];
const bases: Partial<Record<Who, string>> = {};

const OVERVIEW = `query($asOf: String, $u: Boolean) { networkOverview(asOf: $asOf, includeUnconfirmed: $u) {
  asOf graphVersion includesUnconfirmed allRegionsMap
  regions { id name prefecture persons declaredKeyPersons organizations smes talent knowsTies }
  links { a b knowsTies sharedOrganizations sharedPersons } } }`;

const sme = (smeId: string, name: string) => ({
  id: smeId,
  name,
  industry: 'manufacturing',
  employees: 10,
  hasHrStaff: false,
  hasEvaluationSystem: false,
  stage: 'interested',
});
const tie = (from: string, to: string) => ({ from, to, strength: 2, source: 'seed' });

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  const result = await importDataset(db, {
    nodes: {
      ...frame.nodes,
      Region: [
        ...frame.nodes.Region,
        { id: C, name: 'シー村', prefecture: 'テスト県', kind: 'municipality' },
      ],
      RegionalHRDept: [
        ...frame.nodes.RegionalHRDept,
        { id: id.deptC, name: 'シー村 地域の人事部', phase: 'launching' },
      ],
      Organization: [
        ...frame.nodes.Organization,
        { id: id.cityC, name: 'シー村役場', kind: 'municipality' },
        { id: id.bank, name: 'テスト信用金庫', kind: 'shinkin' },
        { id: id.old, name: '旧構成機関', kind: 'npo' },
      ],
      SME: [
        sme(id.smeA, 'アサ製作所'),
        sme(id.smeB, 'ベツ工業'),
        sme(id.smeC1, 'シー農園'),
        sme(id.smeC2, 'シー商店'),
      ],
      Person: [
        personRow(id.a1, '全体 一郎', { isKeyPerson: true }),
        personRow(id.a2, '全体 二郎'),
        personRow(id.b1, '全体 三郎'),
        personRow(id.b2, '全体 四郎'),
        personRow(id.s1, '全体 五郎'),
        personRow(id.c1, '全体 六郎'),
        personRow(id.t1, '全体 七子', {
          origin: 'outside',
          isTalent: true,
          talentKind: 'side_job',
          hoursPerMonth: 10,
          remoteOk: true,
        }),
        personRow(id.k1, '全体 八郎'),
      ],
    },
    relationships: {
      LEADS: [...frame.relationships.LEADS, { from: id.cityC, to: id.deptC }],
      MEMBER_OF: [
        { from: id.bank, to: id.deptC, engagement: 2 },
        { from: id.old, to: id.deptC, engagement: 1 },
      ],
      COVERS: [...frame.relationships.COVERS, { from: id.dept, to: B }, { from: id.deptC, to: C }],
      LOCATED_IN: [
        ...frame.relationships.LOCATED_IN,
        { from: id.cityC, to: C },
        { from: id.bank, to: A },
        { from: id.smeA, to: A },
        { from: id.smeB, to: B },
        { from: id.smeC1, to: C },
        { from: id.smeC2, to: C },
        { from: id.a1, to: A },
        { from: id.a2, to: A },
        { from: id.b1, to: B },
        { from: id.c1, to: C },
        { from: id.t1, to: C },
      ],
      WORKS_AT: [
        { from: id.a1, to: id.city },
        { from: id.b2, to: id.otherCity },
        { from: id.s1, to: id.city },
        { from: id.k1, to: id.bank },
      ],
      ENGAGED_WITH: [{ from: id.t1, to: id.smeA, status: 'active' }],
      KNOWS: [
        tie(id.a1, id.a2),
        tie(id.a1, id.b1),
        tie(id.b1, id.b2),
        tie(id.a2, id.s1),
        tie(id.b1, id.s1),
        tie(id.a1, id.c1),
        tie(id.c1, id.t1),
        tie(id.b1, id.c1),
        tie(id.b2, id.c1),
        tie(id.s1, id.k1),
      ],
    },
  });
  expect(result.errors).toEqual([]);
  // What the import's columns do not write: an ended tie and membership, an unconfirmed survey
  // tie (as server/surveys/answers.ts leaves it).
  await db.driver.executeQuery(
    `MATCH (:Person {id: $b1})-[k:KNOWS]->(:Person {id: $c1}) SET k.until = '2021-01-01'
     WITH 1 AS one
     MATCH (:Organization {id: $old})-[m:MEMBER_OF]->() SET m.until = '2021-01-01'
     WITH 1 AS one
     MATCH (:Person {id: $b2})-[k:KNOWS]->(:Person {id: $c1}) SET k.source = 'survey', k.confirmed = false`,
    { b1: id.b1, c1: id.c1, old: id.old, b2: id.b2 },
    { database: db.database },
  );
  await db.driver.executeQuery(
    cypher('bump-graph-version'),
    { now: new Date().toISOString() },
    { database: db.database },
  );
  app = createApp(db);
  await app.graphqlReady;
  // The same store as a national one (threshold 0): the overview replaces the map of all regions.
  process.env.ALL_REGIONS_WHOLE_MAX = '0';
  try {
    national = createApp(db);
    await national.graphqlReady;
  } finally {
    delete process.env.ALL_REGIONS_WHOLE_MAX;
  }
  auth.admin = await bearer(app, db, TEST_ADMIN);
  auth.national = await bearer(national, db, TEST_ADMIN);
  auth.coord = await bearer(app, db, {
    username: 'test-overview-coord',
    role: 'coordinator',
    deptId: id.dept,
  });
  auth.city = await bearer(app, db, {
    username: 'test-overview-city',
    role: 'municipality',
    regionId: C,
  });
  auth.analyst = await bearer(app, db, { username: 'test-overview-analyst', role: 'analyst' });
  for (const [who, a] of [
    ['admin', app],
    ['national', national],
  ] as const) {
    const s = await listenOnLoopback(a);
    served.push(s);
    bases[who] = s.url;
  }
  bases.coord = bases.city = bases.analyst = bases.admin;
}, 120_000);

afterAll(async () => {
  for (const s of served) await s.close();
  if (db) await removeByIdPrefix(db, P);
});

/** The overview as one account sees it, restricted to this test's regions. */
async function overview(who: Who, variables: Record<string, unknown> = {}) {
  const { networkOverview: o } = await okAt(who, OVERVIEW, variables);
  const mine = (r: string) => r.startsWith(P);
  return {
    ...o,
    regions: o.regions.filter((r: any) => mine(r.id)),
    links: o.links.filter((l: any) => mine(l.a) || mine(l.b)),
  };
}
const at = (who: Who) => graphqlClient<Who>(() => bases[who]!, auth);
const okAt = (who: Who, q: string, v: Record<string, unknown> = {}) => at(who).ok(who, q, v);

const counts = (
  persons: number,
  key: number,
  orgs: number,
  smes: number,
  talent: number,
  ties: number,
) => ({
  persons,
  declaredKeyPersons: key,
  organizations: orgs,
  smes,
  talent,
  knowsTies: ties,
});
const REGION_A = { id: A, name: 'アサ市', prefecture: 'テスト県', ...counts(5, 1, 2, 1, 1, 3) };
const REGION_B = { id: B, name: 'ベツ町', prefecture: 'テスト県', ...counts(3, 0, 2, 1, 0, 2) };
const REGION_C = { id: C, name: 'シー村', prefecture: 'テスト県', ...counts(3, 0, 2, 2, 1, 1) };
const link = (
  a: string,
  b: string,
  knowsTies: number,
  sharedOrganizations: number,
  sharedPersons: number,
) => ({
  a,
  b,
  knowsTies,
  sharedOrganizations,
  sharedPersons,
});
const AB = link(A, B, 1, 1, 1);
const AC = link(A, C, 1, 1, 2);
const BC = link(B, C, 2, 0, 0);

describe('networkOverview', () => {
  it('counts every region as its own map and links them by ties across and shared members', async () => {
    const loads = app.projectionCache.stats.loads;
    const o = await overview('admin');
    expect(o.regions).toEqual([REGION_A, REGION_B, REGION_C]);
    expect(o.links).toEqual([AB, AC, BC]);
    expect(o.allRegionsMap).toBe(true);
    expect(o.includesUnconfirmed).toBe(true);
    expect(o.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Counted in Neo4j: no projection was loaded for it.
    expect(app.projectionCache.stats.loads).toBe(loads);
    // A region's counts are those of its own map.
    const { networkMap } = await okAt(
      'admin',
      `{ networkMap(regionId: "${A}") { nodes { id kind } edges { type } } }`,
    );
    expect(networkMap.nodes.filter((n: any) => n.kind === 'Person')).toHaveLength(5);
    expect(networkMap.nodes.filter((n: any) => n.kind === 'Organization')).toHaveLength(2);
    expect(networkMap.edges.filter((e: any) => e.type === 'KNOWS')).toHaveLength(3);
  });

  it('leaves out the unconfirmed survey tie when asked, and counts ended ties on an earlier date', async () => {
    const confirmed = await overview('admin', { u: false });
    expect(confirmed.includesUnconfirmed).toBe(false);
    expect(confirmed.regions).toEqual([REGION_A, REGION_B, REGION_C]);
    expect(confirmed.links).toEqual([AB, AC, { ...BC, knowsTies: 1 }]);
    const earlier = await overview('admin', { asOf: '2020-06-01' });
    expect(earlier.asOf).toBe('2020-06-01');
    expect(earlier.regions).toEqual([REGION_A, REGION_B, { ...REGION_C, organizations: 3 }]);
    expect(earlier.links).toEqual([AB, AC, { ...BC, knowsTies: 3 }]);
  });

  it("a coordinator sees their dept's regions and only the link between them; a municipality its region", async () => {
    const coord = await okAt('coord', OVERVIEW);
    // Nothing of any region beyond theirs, not even its id in a link.
    expect(coord.networkOverview.regions).toEqual([REGION_A, REGION_B]);
    expect(coord.networkOverview.links).toEqual([AB]);
    expect(coord.networkOverview.allRegionsMap).toBe(false);
    const city = await okAt('city', OVERVIEW);
    expect(city.networkOverview.regions).toEqual([REGION_C]);
    expect(city.networkOverview.links).toEqual([]);
    // An analyst: the admin's answer (counts only, no person in it).
    const analyst = await overview('analyst');
    expect(analyst.regions).toEqual([REGION_A, REGION_B, REGION_C]);
    expect(analyst.links).toEqual([AB, AC, BC]);
  });

  it('answers anew after a write (cached per graph version), and the same before', async () => {
    const before = await overview('admin');
    expect((await overview('admin')).graphVersion).toBe(before.graphVersion);
    const created = await okAt(
      'admin',
      `mutation { createNode(kind: Person, fields: [{ name: "name", value: "全体 九郎" }, { name: "origin", value: "local" }],
         ties: [{ type: LOCATED_IN, otherId: "${C}" }, { type: KNOWS, otherId: "${id.a1}" }]) { id graphVersion } }`,
    );
    try {
      const after = await overview('admin');
      expect(after.graphVersion).toBe(created.createNode.graphVersion);
      expect(after.regions).toEqual([REGION_A, REGION_B, { ...REGION_C, persons: 4 }]);
      expect(after.links).toEqual([AB, { ...AC, knowsTies: 2 }, BC]);
    } finally {
      await okAt('admin', `mutation { deleteNode(id: "${created.createNode.id}") { id } }`);
    }
    expect((await overview('admin')).regions).toEqual([REGION_A, REGION_B, REGION_C]);
  });

  it('refuses a future date with a clear error', async () => {
    const body = await at('admin').gql('admin', OVERVIEW, { asOf: '2999-01-01' });
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0].message).toMatch(/future/);
  });

  it('on a national store (threshold lowered) it replaces the map of all regions', async () => {
    const o = await overview('national');
    expect(o.allRegionsMap).toBe(false);
    expect(o.regions).toEqual([REGION_A, REGION_B, REGION_C]);
    const body = await at('national').gql('national', `{ networkMap { graphVersion } }`);
    expect(codeOf(body)).toBe('RESPONSE_TOO_LARGE');
    expect(body.errors![0].message).toMatch(/networkOverview/);
  });
});
