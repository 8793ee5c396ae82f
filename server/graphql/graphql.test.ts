/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * The GraphQL API end to end against the real Neo4j, through HTTP POST /graphql: every §5
 * field answers on a small region loaded with the importer; validation, NOT_FOUND and no stack
 * traces; recordIntroduction writes once, bumps the version and changes the analytics;
 * updateNode validates by the model's schemas, writes in one transaction and bumps the version.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_TYPED } from '../../test/asTyped';
import { bearer, TEST_ADMIN } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import type { StoredUser } from '../auth/users';
import type { Database } from '../db/driver';
import { createApp } from '../http/app';
import { importDataset } from '../import';
import { ids, P, testDataset } from '../../test/testDataset';
import { listenOnLoopback, type Listening } from '../http/listen';

let db: Database;
let served: Listening | undefined;
let base = '';
let auth: Record<string, string> = {};

interface GqlError {
  message: string;
  extensions?: Record<string, unknown>;
}
interface GqlResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: GqlError[];
}

async function gql<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResponse<T>;
  for (const e of body.errors ?? []) {
    // Never a stack trace, never internals: only the code (and the fields of a bad write).
    const keys = Object.keys(e.extensions ?? {});
    if (keys.includes('fields')) expect(e.extensions!.code).toBe('BAD_USER_INPUT');
    expect(keys.filter((k) => k !== 'fields')).toEqual(['code']);
    expect(JSON.stringify(e)).not.toMatch(/\n\s+at |stacktrace|\.ts:\d+/);
  }
  return body;
}

async function ok<T = Record<string, any>>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const body = await gql<T>(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

function codeOf(body: GqlResponse): string | undefined {
  return body.errors?.[0]?.extensions?.code as string | undefined;
}

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  const result = await importDataset(db, testDataset());
  expect(result.errors).toEqual([]);
  const app = createApp(db);
  await app.graphqlReady;
  auth = await bearer(app, db, TEST_ADMIN);
  served = await listenOnLoopback(app);
  base = served.url;
});

afterAll(async () => {
  await served?.close();
  if (db) await removeByIdPrefix(db, P);
});

const GAPS = `query($regionId: ID, $kinds: [GapKind!]) {
  networkGaps(regionId: $regionId, kinds: $kinds) {
    id kind severity nodeIds relatedIds detail deptId explanationJa explanationEn
  }
}`;

const SUGGESTIONS = `query($regionId: ID, $forId: ID, $limit: Int) {
  introductionSuggestions(regionId: $regionId, forId: $forId, limit: $limit) {
    id fromId fromName toId toName viaId viaName score gapValue feasibility fit closes
    reasons { code ja en }
  }
}`;

describe('analytics fields (SPEC §5)', () => {
  it('networkMap: nodes with kinds, scores and regions, edges, graph version; filters', async () => {
    const { networkMap } = await ok(
      `query($r: ID) { networkMap(regionId: $r) {
         graphVersion
         nodes { id kind name subKind score inKeyPersonGroup declaredKeyPerson isTalent community regionIds x y }
         edges { id source target type weight }
       } }`,
      { r: ids.region },
    );
    expect(networkMap.graphVersion).toBeGreaterThan(0);
    const byId = new Map<string, any>(networkMap.nodes.map((n: any) => [n.id, n]));
    expect(byId.get(ids.p1)).toMatchObject({
      kind: 'Person',
      declaredKeyPerson: true,
      inKeyPersonGroup: true,
    });
    expect(byId.get(ids.p1).score).toBeGreaterThan(0);
    expect(byId.get(ids.t1)).toMatchObject({ isTalent: true, subKind: 'side_job' });
    expect(byId.get(ids.bank)).toMatchObject({
      kind: 'Organization',
      subKind: 'shinkin',
      regionIds: [ids.region],
    });
    expect(byId.get(ids.dept)).toMatchObject({ kind: 'RegionalHRDept', regionIds: [ids.region] });
    // p1 has no LOCATED_IN: the region of the workplace
    expect(byId.get(ids.p1).regionIds).toEqual([ids.region]);
    expect(byId.has(ids.otherRegion)).toBe(false);
    expect(networkMap.edges.length).toBeGreaterThan(20);
    expect(networkMap.edges.some((e: any) => e.type === 'KNOWS' && e.weight === 3)).toBe(true);

    const persons = await ok(
      `query($r: ID) { networkMap(regionId: $r, filter: {kinds: [Person]}) { nodes { kind } edges { type } } }`,
      { r: ids.region },
    );
    expect(new Set(persons.networkMap.nodes.map((n: any) => n.kind))).toEqual(new Set(['Person']));
    expect(persons.networkMap.edges.every((e: any) => e.type === 'KNOWS')).toBe(true);

    const focus = await ok(
      `query($r: ID, $f: ID) { networkMap(regionId: $r, filter: {focusId: $f, focusDepth: 1}) { nodes { id } } }`,
      { r: ids.region, f: ids.p6 },
    );
    expect(focus.networkMap.nodes.map((n: any) => n.id).sort()).toEqual([ids.p6, ids.s2].sort());
  });

  it('keyPersonGroup: ranked, with reasons; the declared key person is in the group', async () => {
    const { keyPersonGroup } = await ok(
      `query($r: ID) { keyPersonGroup(regionId: $r, limit: 3) {
         personId name score betweenness constraint reach community declared inGroup assessed
         reasons { code ja en }
       } }`,
      { r: ids.region },
    );
    expect(keyPersonGroup.length).toBeLessThanOrEqual(3);
    expect(keyPersonGroup[0].personId).toBe(ids.p1);
    expect(keyPersonGroup[0]).toMatchObject({ declared: true, inGroup: true, name: 'テスト 一郎' });
    expect(keyPersonGroup[0].reasons.length).toBeGreaterThan(0);
  });

  it('networkGaps: the planted gaps, filterable by kind', async () => {
    const { networkGaps } = await ok(GAPS, { regionId: ids.region });
    const gapIds = networkGaps.map((g: any) => g.id);
    expect(gapIds).toContain(`ISOLATED_NEWCOMER:${ids.newcomer}`);
    expect(gapIds).toContain(`UNSUPPORTED_SME:${ids.s2}`);
    expect(gapIds).toContain(`FOLLOW_UP_OVERDUE:${ids.t1}+${ids.s1}`);
    for (const g of networkGaps) {
      expect(g.severity).toBeGreaterThanOrEqual(0);
      expect(g.severity).toBeLessThanOrEqual(1);
      expect(g.explanationJa).toBeTruthy();
      expect(g.explanationEn).toBeTruthy();
    }
    const only = await ok(GAPS, { regionId: ids.region, kinds: ['UNSUPPORTED_SME'] });
    expect(only.networkGaps.map((g: any) => g.kind)).toEqual(['UNSUPPORTED_SME']);
    // all regions: the same gaps are there too
    const all = await ok(GAPS, { kinds: ['ISOLATED_NEWCOMER'] });
    expect(all.networkGaps.map((g: any) => g.id)).toContain(`ISOLATED_NEWCOMER:${ids.newcomer}`);
  });

  it('introductionSuggestions: scored pairs with reasons, the newcomer gets one', async () => {
    const { introductionSuggestions } = await ok(SUGGESTIONS, { regionId: ids.region, limit: 10 });
    expect(introductionSuggestions.length).toBeGreaterThan(0);
    for (const s of introductionSuggestions) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.reasons.length).toBeGreaterThan(0);
    }
    const forNew = await ok(SUGGESTIONS, { regionId: ids.region, forId: ids.newcomer });
    expect(forNew.introductionSuggestions.length).toBeGreaterThan(0);
    const s = forNew.introductionSuggestions[0];
    expect([s.fromId, s.toId]).toContain(ids.newcomer);
    expect(s.closes).toContain(`ISOLATED_NEWCOMER:${ids.newcomer}`);
  });

  it('whatIfRemoved: what the key person holds together', async () => {
    const { whatIfRemoved } = await ok(
      `query($r: ID, $p: ID!) { whatIfRemoved(regionId: $r, personId: $p) {
         personId personName cutOffIds cutOffNames cutOffSmes cutOffOrgs lostTies
         newGaps { id kind } explanationJa explanationEn
       } }`,
      { r: ids.region, p: ids.p1 },
    );
    expect(whatIfRemoved.personId).toBe(ids.p1);
    expect(whatIfRemoved.lostTies).toBeGreaterThan(0);
    expect(whatIfRemoved.explanationEn).toBeTruthy();
  });

  it('outreachPlan: SMEs to approach, with programme texts', async () => {
    const { outreachPlan } = await ok(
      `query($r: ID!) { outreachPlan(regionId: $r, limit: 5) {
         smeId smeName priority viaOrgId viaOrgName viaPersonId viaPersonName programmeJa programmeEn
         reasons { code ja en }
       } }`,
      { r: ids.region },
    );
    expect(outreachPlan.map((t: any) => t.smeId)).toContain(ids.s2);
    expect(outreachPlan[0].programmeJa).toBeTruthy();
  });

  it('talentMatches: the talent whose skill addresses the SME challenge', async () => {
    const { talentMatches } = await ok(
      `query($s: ID!) { talentMatches(smeId: $s) {
         talentId talentName score coverage coveredChallenges hoursPerMonth remoteOk pathLength
         reasons { code ja en }
       } }`,
      { s: ids.s2 },
    );
    expect(talentMatches[0]).toMatchObject({ talentId: ids.t1, coverage: 1, remoteOk: true });
  });

  it('connectionPath: strongest-tie steps, null when there is no path', async () => {
    const { connectionPath } = await ok(
      `query($a: ID!, $b: ID!) { connectionPath(fromId: $a, toId: $b) { fromId fromName toId toName relType strength } }`,
      { a: ids.newcomer, b: ids.p3 },
    );
    expect(connectionPath[0].fromId).toBe(ids.newcomer);
    expect(connectionPath.at(-1).toId).toBe(ids.p3);
    const none = await ok(
      `query($a: ID!, $b: ID!) { connectionPath(fromId: $a, toId: $b) { fromId } }`,
      { a: ids.newcomer, b: ids.p6 },
    );
    expect(none.connectionPath).toBeNull();
  });
});

describe('errors', () => {
  it('a limit of 10 000 is BAD_USER_INPUT with a readable message', async () => {
    const body = await gql(`{ keyPersonGroup(limit: 10000) { personId } }`);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/limit: must be at most 100/);
    const zero = await gql(`{ introductionSuggestions(limit: 0) { id } }`);
    expect(codeOf(zero)).toBe('BAD_USER_INPUT');
  });

  it('an unknown region, person or SME is NOT_FOUND', async () => {
    for (const q of [
      `{ networkGaps(regionId: "${P}region:nowhere") { id } }`,
      // networkMap runs compiled (jit.ts); its errors come from graphql-js as everywhere
      `{ networkMap(regionId: "${P}region:nowhere") { nodes { id } } }`,
      `{ networkMap(regionId: "${ids.region}", filter: { focusId: "${P}person:nobody" }) { nodes { id } } }`,
      `{ outreachPlan(regionId: "${P}region:nowhere") { smeId } }`,
      `{ whatIfRemoved(regionId: "${ids.region}", personId: "${P}person:nobody") { personId } }`,
      `{ talentMatches(smeId: "${P}sme:none") { talentId } }`,
      `{ connectionPath(fromId: "${ids.p1}", toId: "${P}person:nobody") { fromId } }`,
    ]) {
      const body = await gql(q);
      expect(codeOf(body), q).toBe('NOT_FOUND');
      expect(body.errors![0]!.message).toMatch(/^No /);
    }
  });

  it('a malformed id is BAD_USER_INPUT', async () => {
    const body = await gql(`{ networkGaps(regionId: "bad id; MATCH (n) DETACH DELETE n") { id } }`);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors![0]!.message).toMatch(/regionId: may contain only/);
  });

  it('syntax errors, unknown fields and wrong variable types are BAD_USER_INPUT', async () => {
    expect(codeOf(await gql(`{ networkGaps( { id }`))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(`{ networkGaps { nope } }`))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await gql(`query($l: Int) { keyPersonGroup(limit: $l) { name } }`, { l: 'many' })),
    ).toBe('BAD_USER_INPUT');
  });

  it('a too deeply nested entity query is BAD_USER_INPUT', async () => {
    const deep = `{ people { knows { knows { knows { knows { knows { knows { knows { knows { knows { knows { knows { knows { id } } } } } } } } } } } } } }`;
    const body = await gql(deep);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });
});

describe('entity API (@neo4j/graphql)', () => {
  it('filters people by name (v7 syntax) with labels and relationships', async () => {
    const { people } = await ok(
      `query($n: String!) { people(where: {name: {eq: $n}}) {
         id name origin isKeyPerson isTalent worksAt { id name } locatedIn { id }
       } }`,
      { n: 'テスト 一郎' },
    );
    expect(people).toEqual([
      {
        id: ids.p1,
        name: 'テスト 一郎',
        origin: 'local',
        isKeyPerson: true,
        isTalent: false,
        worksAt: [{ id: ids.city, name: 'テスト市役所' }],
        locatedIn: [],
      },
    ]);
    const { regions } = await ok(
      `query($id: ID!) { regions(where: {id: {eq: $id}}) { name depts { name leads { name } members { name } } } }`,
      { id: ids.region },
    );
    expect(regions[0].depts[0].leads[0].name).toBe('テスト市役所');
    expect(regions[0].depts[0].members).toHaveLength(2);
  });

  it('has no generated create/update/delete mutations (writes go through the versioned paths)', async () => {
    const body = await gql(
      `mutation { deletePeople(where: {id: {eq: "${ids.p1}"}}) { nodesDeleted } }`,
    );
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
  });
});

describe('recordIntroduction', () => {
  const RECORD = `mutation($f: ID!, $t: ID!, $v: ID, $s: IntroductionStatus!, $n: String) {
    recordIntroduction(fromId: $f, toId: $t, viaId: $v, status: $s, note: $n) {
      id status reason createdAt decidedAt
      from { id name } to { id name } via { id name isKeyPerson }
    }
  }`;

  async function knowsCount(a: string, b: string): Promise<number> {
    const res = await db.driver.executeQuery(
      'MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN count(k) AS c',
      { a, b },
      { database: db.database },
    );
    return Number(res.records[0]!.get('c'));
  }

  it('made: two identical calls record one introduction and one KNOWS tie, a new graph version, the gap is closed', async () => {
    const before = await ok(
      `query($r: ID) { networkMap(regionId: $r, filter: {kinds: [Region]}) { graphVersion } }`,
      {
        r: ids.region,
      },
    );
    const gapsBefore = await ok(GAPS, { regionId: ids.region, kinds: ['ISOLATED_NEWCOMER'] });
    expect(gapsBefore.networkGaps.map((g: any) => g.id)).toContain(
      `ISOLATED_NEWCOMER:${ids.newcomer}`,
    );
    expect(await knowsCount(ids.newcomer, ids.p4)).toBe(0);

    const vars = { f: ids.newcomer, t: ids.p4, v: ids.p1, s: 'made', n: '協議会で紹介' };
    const first = await ok(RECORD, vars);
    expect(first.recordIntroduction).toMatchObject({
      status: 'made',
      reason: '協議会で紹介',
      from: [{ id: ids.newcomer, name: 'テスト 新人' }],
      to: [{ id: ids.p4, name: 'テスト 四子' }],
      via: [{ id: ids.p1, name: 'テスト 一郎', isKeyPerson: true }],
    });
    expect(first.recordIntroduction.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.recordIntroduction.decidedAt).toBeTruthy();
    // the same call again (a retry): the same introduction, nothing written
    const second = await ok(RECORD, vars);
    expect(second.recordIntroduction).toEqual(first.recordIntroduction);
    expect(await knowsCount(ids.newcomer, ids.p4)).toBe(1);

    const after = await ok(
      `query($r: ID) { networkMap(regionId: $r, filter: {kinds: [Region]}) { graphVersion } }`,
      {
        r: ids.region,
      },
    );
    expect(after.networkMap.graphVersion).toBe(before.networkMap.graphVersion + 1);

    const gapsAfter = await ok(GAPS, { regionId: ids.region, kinds: ['ISOLATED_NEWCOMER'] });
    expect(gapsAfter.networkGaps.map((g: any) => g.id)).not.toContain(
      `ISOLATED_NEWCOMER:${ids.newcomer}`,
    );
    const sugg = await ok(SUGGESTIONS, { regionId: ids.region, forId: ids.newcomer });
    for (const s of sugg.introductionSuggestions) {
      expect(s.closes).not.toContain(`ISOLATED_NEWCOMER:${ids.newcomer}`);
    }
    // the entity API sees the stored introduction with its broker
    const { introductions } = await ok(
      `query($id: ID!) { introductions(where: {id: {eq: $id}}) { status from { name } to { id name } via { name } } }`,
      { id: first.recordIntroduction.id },
    );
    expect(introductions[0]).toMatchObject({ status: 'made', via: [{ name: 'テスト 一郎' }] });
  });

  it('declined: the pair is not suggested again', async () => {
    const before = await ok(SUGGESTIONS, { regionId: ids.region, limit: 100 });
    const pair = before.introductionSuggestions[0];
    expect(pair).toBeTruthy();
    await ok(RECORD, { f: pair.fromId, t: pair.toId, s: 'declined', n: '今は不要' });
    const after = await ok(SUGGESTIONS, { regionId: ids.region, limit: 100 });
    expect(after.introductionSuggestions.map((s: any) => s.id)).not.toContain(pair.id);
  });

  it('validates: unknown persons are NOT_FOUND, bad status and self-introductions BAD_USER_INPUT', async () => {
    expect(codeOf(await gql(RECORD, { f: ids.newcomer, t: `${P}person:nobody`, s: 'made' }))).toBe(
      'NOT_FOUND',
    );
    expect(
      codeOf(await gql(RECORD, { f: ids.newcomer, t: ids.p5, v: `${P}person:ghost`, s: 'made' })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await gql(RECORD, { f: ids.newcomer, t: ids.p5, s: 'done' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(RECORD, { f: ids.newcomer, t: ids.newcomer, s: 'made' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(RECORD, { f: ids.newcomer, t: ids.bank, s: 'suggested' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(RECORD, { f: ids.newcomer, t: ids.s2, s: 'made' }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('recordIntroduction: the answer before the commit, retries, what it stores', () => {
  async function introductionsOf(from: string, to: string): Promise<Record<string, unknown>[]> {
    const res = await db.driver.executeQuery(
      `MATCH (i:Introduction)-[:FROM]->(:Person {id: $from}), (i)-[:TO]->(:Entity {id: $to})
       RETURN properties(i) AS i ORDER BY i.createdAt`,
      { from, to },
      { database: db.database },
    );
    return res.records.map((r) => r.get('i') as Record<string, unknown>);
  }
  const version = async () =>
    (await ok(`{ networkMap(filter: {kinds: [Region]}) { graphVersion } }`)).networkMap
      .graphVersion as number;

  it('refuses a selection it cannot answer before writing anything (never fails after the commit)', async () => {
    const v = await version();
    for (const selection of [
      'id from { id knows { id } }',
      'id fromConnection { totalCount }',
      'id to { ... on Person { email } }',
      'id via(limit: 1) { id }',
    ]) {
      const body = await gql(
        `mutation($f: ID!, $t: ID!) { recordIntroduction(fromId: $f, toId: $t, status: accepted) { ${selection} } }`,
        { f: ids.p2, t: ids.p6 },
      );
      expect(codeOf(body), selection).toBe('BAD_USER_INPUT');
      expect(body.errors![0]!.message).toMatch(/cannot be selected here/);
      expect(body.data).toBeNull();
    }
    expect(await introductionsOf(ids.p2, ids.p6)).toEqual([]);
    expect(await version()).toBe(v);
    // what it can answer, also through fragments
    const { recordIntroduction } = await ok(
      `fragment P on IntroductionParty { id name }
       mutation($f: ID!, $t: ID!) { recordIntroduction(fromId: $f, toId: $t, status: accepted) {
         __typename id name status createdAt from { ...P isKeyPerson } to { ...P ... on Person { isTalent } }
       } }`,
      { f: ids.p2, t: ids.p6 },
    );
    expect(recordIntroduction).toMatchObject({
      __typename: 'Introduction',
      status: 'accepted',
      from: [{ id: ids.p2, name: 'テスト 二郎', isKeyPerson: false }],
      to: [{ id: ids.p6, name: 'テスト 六美', isTalent: false }],
    });
    expect(await introductionsOf(ids.p2, ids.p6)).toHaveLength(1);
  });

  it('a retry with the same idempotencyKey answers the first introduction; the key is not reused for another', async () => {
    const RECORD_KEY = `mutation($f: ID!, $t: ID!, $s: IntroductionStatus!, $k: String) {
      recordIntroduction(fromId: $f, toId: $t, status: $s, idempotencyKey: $k) { id status }
    }`;
    const key = `key-${Date.now()}`;
    const first = await ok(RECORD_KEY, { f: ids.p3, t: ids.s2, s: 'suggested', k: key });
    const v = await version();
    const again = await ok(RECORD_KEY, { f: ids.p3, t: ids.s2, s: 'suggested', k: key });
    expect(again.recordIntroduction).toEqual(first.recordIntroduction);
    expect(await version()).toBe(v);
    const other = await gql(RECORD_KEY, { f: ids.p3, t: ids.s2, s: 'accepted', k: key });
    expect(codeOf(other)).toBe('BAD_USER_INPUT');
    expect(other.errors![0]!.message).toMatch(/^idempotencyKey: was used for another introduction/);
    expect(await introductionsOf(ids.p3, ids.s2)).toHaveLength(1);
    // without a key, a call that differs (here the status) is a new introduction
    const next = await ok(RECORD_KEY, { f: ids.p3, t: ids.s2, s: 'accepted', k: null });
    expect(next.recordIntroduction.id).not.toBe(first.recordIntroduction.id);
    expect(await introductionsOf(ids.p3, ids.s2)).toHaveLength(2);
  });

  it("made: the note stays on the introduction, the tie says only that it came from one; the name carries no person's name", async () => {
    const note = '三郎さん（介護で休職中）に六美さんを紹介。連絡は 090-1234-5678';
    const { recordIntroduction } = await ok(
      `mutation($f: ID!, $t: ID!, $n: String) { recordIntroduction(fromId: $f, toId: $t, status: made, note: $n) { id name reason } }`,
      { f: ids.p3, t: ids.p6, n: note },
    );
    expect(recordIntroduction.reason).toBe(note);
    const [stored] = await introductionsOf(ids.p3, ids.p6);
    expect(stored!.reason).toBe(note);
    expect(stored!.name).toBe(recordIntroduction.name);
    for (const name of ['テスト 三郎', 'テスト 六美', '三郎', '六美'])
      expect(String(stored!.name)).not.toContain(name);
    const tie = await db.driver.executeQuery(
      'MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN properties(k) AS k',
      { a: ids.p3, b: ids.p6 },
      { database: db.database },
    );
    expect(tie.records).toHaveLength(1);
    const k = tie.records[0]!.get('k') as Record<string, unknown>;
    expect(k).toMatchObject({ source: 'introduction', context: '紹介', strength: 1 });
    expect(JSON.stringify(k)).not.toMatch(/介護|090/);
  });
});

describe('updateNode', () => {
  const UPDATE = `mutation($id: ID!, $fields: [FieldChange!]!) {
    updateNode(id: $id, fields: $fields) { id kind name changed updatedAt graphVersion }
  }`;

  async function stored(id: string): Promise<{ props: Record<string, unknown>; labels: string[] }> {
    const res = await db.driver.executeQuery(
      'MATCH (n:Entity {id: $id}) RETURN properties(n) AS p, labels(n) AS l',
      { id },
      { database: db.database },
    );
    const r = res.records[0]!;
    return { props: r.get('p') as Record<string, unknown>, labels: r.get('l') as string[] };
  }

  async function version(): Promise<number> {
    const res = await db.driver.executeQuery(
      "MATCH (m:Meta {key: 'graph'}) RETURN m.version AS v",
      {},
      { database: db.database },
    );
    return Number(res.records[0]!.get('v'));
  }

  const mapName = async (id: string): Promise<string | undefined> => {
    const { networkMap } = await ok(
      `query($r: ID) { networkMap(regionId: $r) { nodes { id name } } }`,
      { r: ids.region },
    );
    return networkMap.nodes.find((n: any) => n.id === id)?.name;
  };

  function fieldsOf(body: GqlResponse): Array<{ field: string; code: string; message: string }> {
    return (body.errors?.[0]?.extensions?.fields ?? []) as Array<{
      field: string;
      code: string;
      message: string;
    }>;
  }

  it('a valid edit changes the stored values, the graph version and the map', async () => {
    const before = await version();
    expect(await mapName(ids.s1)).not.toBe('テスト 工業 改');
    const { updateNode } = await ok(UPDATE, {
      id: ids.s1,
      fields: [
        { name: 'name', value: ' テスト 工業 改 ' },
        { name: 'employees', value: '１,２００' },
        { name: 'stage', value: 'matched' },
        { name: 'hasHrStaff', value: 'はい' },
      ],
    });
    expect(updateNode).toMatchObject({ id: ids.s1, kind: 'SME', name: 'テスト 工業 改' });
    expect([...updateNode.changed].sort()).toEqual(['employees', 'hasHrStaff', 'name', 'stage']);
    expect(updateNode.graphVersion).toBe(before + 1);
    const { props } = await stored(ids.s1);
    expect(props).toMatchObject({ name: 'テスト 工業 改', stage: 'matched', hasHrStaff: true });
    const type = await db.driver.executeQuery(
      'MATCH (n:SME {id: $id}) RETURN valueType(n.employees) AS t',
      { id: ids.s1 },
      { database: db.database },
    );
    expect(type.records[0]!.get('t')).toBe('INTEGER NOT NULL');
    expect(Number(props.employees)).toBe(1200);
    expect(props.updatedAt).toBe(updateNode.updatedAt);
    expect(props).not.toHaveProperty('_LOCK_');
    expect(await version()).toBe(before + 1);
    expect(await mapName(ids.s1)).toBe('テスト 工業 改');

    // the same values again: nothing written, no new version
    const again = await ok(UPDATE, { id: ids.s1, fields: [{ name: 'stage', value: 'matched' }] });
    expect(again.updateNode).toMatchObject({ changed: [], graphVersion: before + 1 });
    expect((await stored(ids.s1)).props).not.toHaveProperty('_LOCK_');
  });

  it('unsets with null, sets the extra labels of a person, checks the merged node', async () => {
    const { updateNode } = await ok(UPDATE, {
      id: ids.p5,
      fields: [
        { name: 'title', value: '事務局長' },
        { name: 'mind', value: null },
        { name: 'isKeyPerson', value: 'true' },
      ],
    });
    expect(updateNode.kind).toBe('Person');
    let s = await stored(ids.p5);
    expect(s.props.title).toBe('事務局長');
    expect(s.props).not.toHaveProperty('mind');
    expect(s.props).not.toHaveProperty('isKeyPerson');
    expect(s.labels).toContain('KeyPerson');
    const { people } = await ok(
      `query($id: ID!) { people(where: {id: {eq: $id}}) { title mind isKeyPerson } }`,
      { id: ids.p5 },
    );
    expect(people[0]).toEqual({ title: '事務局長', mind: null, isKeyPerson: true });

    // a talent needs its kind (the schema's cross-field rule), then both go in together
    const bad = await gql(UPDATE, { id: ids.p5, fields: [{ name: 'isTalent', value: 'true' }] });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)[0]).toMatchObject({ field: 'talentKind', code: 'required' });
    await ok(UPDATE, {
      id: ids.p5,
      fields: [
        { name: 'isTalent', value: 'true' },
        { name: 'talentKind', value: 'side_job' },
        { name: 'isKeyPerson', value: 'false' },
      ],
    });
    s = await stored(ids.p5);
    expect(s.labels).toContain('Talent');
    expect(s.labels).not.toContain('KeyPerson');
    expect(s.props.talentKind).toBe('side_job');
  });

  it('invalid values are BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const sme = await stored(ids.s2);
    const person = await stored(ids.p3);
    const v = await version();
    const cases: Array<[string, string, string, string]> = [
      [ids.s2, 'stage', 'foo', 'choice'],
      [ids.s2, 'employees', '-1', 'min'],
      [ids.s2, 'employees', 'many', 'int'],
      [ids.p3, 'mind', '9', 'max'],
      [ids.p3, 'email', 'not-an-address', 'email'],
      [ids.p3, 'name', '   ', 'required'],
    ];
    for (const [id, field, value, code] of cases) {
      const body = await gql(UPDATE, {
        id,
        fields: [
          { name: id === ids.p3 ? 'title' : 'industry', value: '変更' },
          { name: field, value },
        ],
      });
      expect(codeOf(body), `${field}=${value}`).toBe('BAD_USER_INPUT');
      expect(body.errors![0]!.message).toContain(`${field}: `);
      expect(fieldsOf(body)).toEqual([expect.objectContaining({ field, code })]);
      expect(body.data).toBeNull();
    }
    expect(await stored(ids.s2)).toEqual(sme);
    expect(await stored(ids.p3)).toEqual(person);
    expect(await version()).toBe(v);
  });

  it('unknown and read-only fields are BAD_USER_INPUT; an unknown id NOT_FOUND', async () => {
    const unknown = await gql(UPDATE, { id: ids.s2, fields: [{ name: 'salary', value: '1' }] });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0]!.message).toMatch(/^salary: is not a field of SME/);
    expect(fieldsOf(unknown)[0]).toMatchObject({ field: 'salary', code: 'unknownField' });
    for (const name of ['id', 'createdAt', 'updatedAt']) {
      const body = await gql(UPDATE, { id: ids.s2, fields: [{ name, value: 'x' }] });
      expect(codeOf(body), name).toBe('BAD_USER_INPUT');
      expect(fieldsOf(body)[0]).toMatchObject({ field: name, code: 'readOnly' });
    }
    // a field of another kind
    const other = await gql(UPDATE, {
      id: ids.event,
      fields: [{ name: 'stage', value: 'engaged' }],
    });
    expect(fieldsOf(other)[0]).toMatchObject({ field: 'stage', code: 'unknownField' });
    expect(codeOf(await gql(UPDATE, { id: ids.s2, fields: [] }))).toBe('BAD_USER_INPUT');

    const missing = await gql(UPDATE, {
      id: `${P}person:nobody`,
      fields: [{ name: 'name', value: 'x' }],
    });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(missing.errors![0]!.message).toMatch(/^No node with id/);
    expect(codeOf(await gql(UPDATE, { id: 'bad id; MATCH (n) DETACH DELETE n', fields: [] }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('stores text as typed: full-width text, ㈱, 髙, 𠮷 and an emoji survive an edit byte for byte', async () => {
    const { updateNode } = await ok(UPDATE, {
      id: ids.p6,
      fields: [
        { name: 'name', value: `\u3000${AS_TYPED} ` },
        { name: 'title', value: `（代表）ＣＥＯ ${AS_TYPED}` },
      ],
    });
    expect(updateNode.name).toBe(AS_TYPED);
    const { props } = await stored(ids.p6);
    expect(Buffer.from(String(props.name)).equals(Buffer.from(AS_TYPED))).toBe(true);
    expect(props.title).toBe(`（代表）ＣＥＯ ${AS_TYPED}`);
    const { people } = await ok(
      `query($id: ID!) { people(where: {id: {eq: $id}}) { name title } }`,
      {
        id: ids.p6,
      },
    );
    expect(people[0]).toEqual({ name: AS_TYPED, title: `（代表）ＣＥＯ ${AS_TYPED}` });
    // saving what was read back changes nothing
    const again = await ok(UPDATE, {
      id: ids.p6,
      fields: [
        { name: 'name', value: people[0].name },
        { name: 'title', value: people[0].title },
      ],
    });
    expect(again.updateNode.changed).toEqual([]);
  });

  it('stores markup and Cypher-like text verbatim', async () => {
    const texts = [
      `<script>alert("x")</script>`,
      `x'}) MATCH (n) DETACH DELETE n //`,
      'a` SET n.hacked = true //',
    ];
    for (const text of texts) {
      await ok(UPDATE, { id: ids.event, fields: [{ name: 'name', value: text }] });
      const { props, labels } = await stored(ids.event);
      expect(props.name).toBe(text);
      expect(props).not.toHaveProperty('hacked');
      expect(labels.sort()).toEqual(['Entity', 'Event']);
    }
    const { events } = await ok(`query($id: ID!) { events(where: {id: {eq: $id}}) { name } }`, {
      id: ids.event,
    });
    expect(events[0].name).toBe(texts.at(-1));
    const count = await db.driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $p RETURN count(n) AS c',
      { p: P },
      { database: db.database },
    );
    expect(Number(count.records[0]!.get('c'))).toBeGreaterThan(10);
  });
});

describe('when Neo4j is away', () => {
  it('answers DATABASE_UNAVAILABLE with a readable message, for analytics and entities', async () => {
    const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'x'), {
      connectionTimeout: 1000,
      connectionAcquisitionTimeout: 2000,
      maxTransactionRetryTime: 0,
    });
    const away: Database = {
      driver,
      connection: { uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x' },
      database: undefined,
      local: null,
      close: () => driver.close(),
    };
    const app = createApp(away);
    await app.graphqlReady;
    // A valid token: the server needs Neo4j to look its account up, and says so.
    const { token } = await app.auth.issueApiToken({
      id: 'no-such-user',
      tokenVersion: 0,
    } as StoredUser);
    const s = await listenOnLoopback(app);
    const url = `${s.url}/graphql`;
    try {
      for (const query of [`{ networkGaps { id } }`, `{ people { id } }`, RECORD_PROBE]) {
        const started = Date.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as GqlResponse;
        expect(codeOf(body), query).toBe('DATABASE_UNAVAILABLE');
        expect(body.errors![0]!.message).toMatch(/database is not reachable/);
        expect(Object.keys(body.errors![0]!.extensions ?? {})).toEqual(['code']);
        expect(Date.now() - started).toBeLessThan(10_000);
      }
    } finally {
      await s.close();
      await away.close();
    }
  });
});

const RECORD_PROBE = `mutation { recordIntroduction(fromId: "${ids.p1}", toId: "${ids.p2}", status: suggested) { id } }`;
