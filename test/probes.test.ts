/**
 * The schema-derived probe test (issue 11): for each role, every probe test/probes.ts generates
 * from the role's own schema — every filterable field through every relationship (one and two
 * steps, `some|none|single|all`, `…Connection`), every selection of a relationship, every
 * count, every sort — gives the same answer as its control that cannot match; a role with
 * anything hidden has no aggregation. The probes are checked against the admin too: there
 * every filter probe differs from its control, so they do find what they look for.
 *
 * The probe data (ids under `probe:`): two regions A and B, each with its 地域の人事部; B's
 * bank is a member of A's dept (a shared organisation with staff of B); persons of B know,
 * meet and are introduced to persons of A; persons of A who did not consent to share contact
 * or to a public profile; ratings, titles, dates. The coordinator and the municipality account
 * are of A.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/driver';
import { createApp, type App } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { importDataset } from '../server/import';
import type { Dataset } from '../server/import/dataset';
import { bearer } from './auth';
import { removeByIdPrefix, testDb } from './db';
import {
  generateProbes,
  probeBase,
  runProbes,
  vacuousProbes,
  type Ask,
  type ProbeBase,
  type ProbeSet,
} from './probes';

const X = 'probe:';
const id = {
  a: `${X}region:a`,
  b: `${X}region:b`,
  deptA: `${X}dept:a`,
  deptB: `${X}dept:b`,
  orgA: `${X}org:a`,
  orgB: `${X}org:b`,
  bankB: `${X}org:bank-b`,
  smeA: `${X}sme:a`,
  smeB: `${X}sme:b`,
  pA1: `${X}person:a1`,
  pA2: `${X}person:a2`,
  pA3: `${X}person:a3`,
  pB1: `${X}person:b1`,
  pB2: `${X}person:b2`,
  tB: `${X}person:talent-b`,
  skill: `${X}skill:dx`,
  challenge: `${X}challenge:dx`,
  eventA: `${X}event:a`,
  eventB: `${X}event:b`,
};

function probeDataset(): Dataset {
  const person = (pid: string, name: string, extra: Record<string, unknown>) => ({
    id: pid,
    name,
    origin: 'local',
    consentShareContact: false,
    consentPublicProfile: false,
    ...extra,
  });
  return {
    nodes: {
      Region: [
        { id: id.a, name: '探査市', kind: 'municipality', prefecture: '探査県' },
        { id: id.b, name: '秘密町', kind: 'municipality', prefecture: '探査県' },
      ],
      RegionalHRDept: [
        { id: id.deptA, name: '探査市 地域の人事部', phase: 'operating' },
        { id: id.deptB, name: '秘密町 地域の人事部', phase: 'launching' },
      ],
      Organization: [
        { id: id.orgA, name: '探査市役所', kind: 'municipality', functions: ['change_agent'] },
        { id: id.orgB, name: '秘密町役場', kind: 'municipality', functions: ['change_agent'] },
        { id: id.bankB, name: '秘密信用金庫', kind: 'shinkin', functions: ['strategic_partner'] },
      ],
      SME: [
        {
          id: id.smeA,
          name: '探査精機',
          industry: 'manufacturing',
          employees: 30,
          hasHrStaff: false,
          hasEvaluationSystem: false,
          stage: 'engaged',
        },
        {
          id: id.smeB,
          name: '秘密酒造',
          industry: 'food',
          employees: 7,
          hasHrStaff: true,
          hasEvaluationSystem: false,
          stage: 'interested',
        },
      ],
      Person: [
        person(id.pA1, '探査 一郎', {
          title: '課長',
          consentShareContact: true,
          consentPublicProfile: true,
          email: 'a1@probe.example',
          phone: '0263-00-0001',
          mind: 4,
          skill: 4,
          network: 4,
        }),
        person(id.pA2, '探査 二子', {
          title: '塩尻支店 法人営業課長',
          email: 'a2@probe.example',
          phone: '0263-00-0002',
          mind: 5,
          skill: 3,
          network: 2,
        }),
        person(id.pA3, '探査 三郎', {
          title: '融資課 係長',
          email: 'a3@probe.example',
          phone: '0263-00-0003',
          mind: 1,
          skill: 2,
          network: 3,
        }),
        person(id.pB1, '秘密 花子', {
          title: '秘書',
          consentShareContact: true,
          email: 'b1@probe.example',
          phone: '0256-00-0001',
          mind: 2,
        }),
        person(id.pB2, '秘密 次郎', {
          title: '支店長',
          consentPublicProfile: true,
          email: 'b2@probe.example',
        }),
        person(id.tB, '秘密 副業', {
          origin: 'outside',
          isTalent: true,
          talentKind: 'side_job',
          hoursPerMonth: 12,
          email: 'tb@probe.example',
        }),
      ],
      Skill: [{ id: id.skill, name: '探査DX' }],
      Challenge: [{ id: id.challenge, name: '探査デジタル化', code: 'probe-dx' }],
      Event: [
        { id: id.eventA, name: '探査市 情報共有会', kind: 'info_sharing', date: '2026-10-01' },
        { id: id.eventB, name: '秘密町 協議会', kind: 'council', date: '2026-09-15' },
      ],
    },
    relationships: {
      LEADS: [
        { from: id.orgA, to: id.deptA },
        { from: id.orgB, to: id.deptB },
      ],
      MEMBER_OF: [{ from: id.bankB, to: id.deptA, engagement: 2, since: '2025-04-01' }],
      COVERS: [
        { from: id.deptA, to: id.a },
        { from: id.deptB, to: id.b },
      ],
      LOCATED_IN: [
        { from: id.orgA, to: id.a },
        { from: id.orgB, to: id.b },
        { from: id.bankB, to: id.b },
        { from: id.smeA, to: id.a },
        { from: id.smeB, to: id.b },
        { from: id.pA1, to: id.a },
        { from: id.pA2, to: id.a },
        { from: id.pA3, to: id.a },
        { from: id.pB1, to: id.b },
        { from: id.pB2, to: id.b },
        { from: id.tB, to: id.b },
      ],
      WORKS_AT: [
        { from: id.pA1, to: id.orgA, title: '課長', since: '2020-04-01' },
        { from: id.pA2, to: id.bankB, title: '塩尻支店 法人営業課長', since: '2019-10-01' },
        { from: id.pA3, to: id.orgA, title: '融資課 係長', since: '2021-07-01' },
        { from: id.pB1, to: id.orgB, title: '秘書', since: '2018-01-01' },
        { from: id.pB2, to: id.bankB, title: '支店長', since: '2017-04-01' },
      ],
      KNOWS: [
        { from: id.pA1, to: id.pB1, strength: 2, since: '2024-01-02', source: 'seed' },
        { from: id.pA1, to: id.pA2, strength: 3, since: '2023-05-06', source: 'seed' },
        { from: id.pA2, to: id.pA3, strength: 1, since: '2022-02-03', source: 'seed' },
        { from: id.pB1, to: id.pB2, strength: 2, source: 'seed' },
      ],
      SUPPORTS: [
        { from: id.orgA, to: id.smeA, kind: 'program' },
        { from: id.orgA, to: id.smeB, kind: 'advisory' },
      ],
      HAS_CHALLENGE: [
        { from: id.smeA, to: id.challenge, priority: 2 },
        { from: id.smeB, to: id.challenge, priority: 3 },
      ],
      HAS_SKILL: [
        { from: id.pA2, to: id.skill, level: 2 },
        { from: id.tB, to: id.skill, level: 3 },
      ],
      ADDRESSES: [{ from: id.skill, to: id.challenge }],
      ENGAGED_WITH: [
        {
          from: id.tB,
          to: id.smeA,
          status: 'active',
          startedAt: '2026-03-01',
          lastFollowUpAt: '2026-06-01',
        },
      ],
      HOSTED: [
        { from: id.orgA, to: id.eventA },
        { from: id.orgB, to: id.eventB },
      ],
      ATTENDED: [
        { from: id.pA1, to: id.eventA },
        { from: id.pA2, to: id.eventA },
        { from: id.pB1, to: id.eventA },
        { from: id.pB1, to: id.eventB },
        { from: id.pB2, to: id.eventB },
      ],
      PARTICIPATED: [
        { from: id.smeA, to: id.eventA },
        { from: id.smeB, to: id.eventA },
      ],
    },
  };
}

const ROLES = {
  admin: { username: 'probe-admin', role: 'admin' },
  coordinator: { username: 'probe-coordinator', role: 'coordinator', deptId: id.deptA },
  municipality: { username: 'probe-city', role: 'municipality', regionId: id.a },
  analyst: { username: 'probe-analyst', role: 'analyst' },
} as const;
type ProbeRole = keyof typeof ROLES;

let db: Database;
let app: App;
let served: Listening | undefined;
const asks = {} as Record<ProbeRole, Ask>;
let base: ProbeBase;

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, X);
  const result = await importDataset(db, probeDataset());
  expect(result.errors ?? []).toEqual([]);
  app = createApp(db, { signInPerMinute: 1000 });
  await app.graphqlReady;
  served = await listenOnLoopback(app);
  for (const [role, account] of Object.entries(ROLES)) {
    const headers = await bearer(app, db, account);
    asks[role as ProbeRole] = async (query) => {
      const res = await fetch(`${served!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as Awaited<ReturnType<Ask>>;
    };
  }
  // introductions across the two regions, through the one write path
  for (const [from, to] of [
    [id.pA1, id.pB1],
    [id.pB1, id.pA2],
  ]) {
    const body = await asks.admin(
      `mutation { recordIntroduction(fromId: "${from}", toId: "${to}", status: suggested, note: "probe") { id } }`,
    );
    expect(body.errors).toBeUndefined();
  }
  base = await probeBase(asks.admin, X);
}, 300_000);

afterAll(async () => {
  await served?.close();
  if (db) {
    await db.driver.executeQuery(
      'MATCH (i:Introduction)-[:FROM|TO]->(p:Entity) WHERE p.id STARTS WITH $prefix DETACH DELETE i',
      { prefix: X },
      { database: db.database },
    );
    await removeByIdPrefix(db, X);
  }
});

function countByKind(set: ProbeSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of set.probes) out[p.kind] = (out[p.kind] ?? 0) + 1;
  return out;
}

describe('schema-derived probes: nothing a role may not read can be observed', () => {
  const sets = {} as Record<Exclude<ProbeRole, 'admin'>, ProbeSet>;

  for (const role of ['coordinator', 'municipality', 'analyst'] as const) {
    it(`${role}: every probe from its schema answers as its control`, async () => {
      const set = await generateProbes(asks[role], base, X);
      sets[role] = set;
      const hiddenCount = set.hidden.nodes.size + set.hidden.fields.size;
      expect(hiddenCount, 'the probe data hides something from this role').toBeGreaterThan(0);
      expect(set.aggregates, 'aggregations of a role with hidden data').toEqual([]);
      expect(set.probes.length).toBeGreaterThan(10);
      console.info(`${role}: ${set.probes.length} probes`, countByKind(set));
      const failures = await runProbes(asks[role], set.probes);
      expect(failures).toEqual([]);
    }, 600_000);
  }

  it('the same probes, asked by the admin, do find what they look for (not vacuous)', async () => {
    for (const role of ['coordinator', 'analyst'] as const) {
      const set = sets[role] ?? (await generateProbes(asks[role], base, X));
      expect(await vacuousProbes(asks.admin, set.probes), role).toEqual([]);
    }
  }, 600_000);

  it('what each role may not read, as the probes derived it from the data', async () => {
    const set = sets.coordinator ?? (await generateProbes(asks.coordinator, base, X));
    expect([...set.hidden.nodes]).toEqual(expect.arrayContaining([id.pB1, id.pB2, id.smeB, id.b]));
    expect([...(set.hidden.fields.get(id.pA2)?.keys() ?? [])]).toEqual(
      expect.arrayContaining(['email', 'phone']),
    );
    expect(set.hidden.fields.get(id.pA1)).toBeUndefined(); // consented: contact as stored
    const analyst = sets.analyst ?? (await generateProbes(asks.analyst, base, X));
    expect(analyst.hidden.nodes.size).toBe(0);
    expect([...(analyst.hidden.fields.get(id.pA2)?.keys() ?? [])]).toEqual(
      expect.arrayContaining(['name', 'title', 'email', 'createdAt']),
    );
  }, 300_000);
});
