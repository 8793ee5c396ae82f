/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * Security of the server (SPEC §8, issue 5) against the real server and Neo4j with the pilot
 * seed: every role × every query/mutation family is allowed or refused as the rules of
 * common/roles.ts say (a coordinator of 燕市 may neither read nor write 塩尻市; an analyst
 * never receives a non-consenting person's name nor anyone's contact fields); hostile input
 * (injection strings, markup, deep queries, huge bodies, bad and expired tokens, missing CSRF
 * token) is stored verbatim or refused with a clear error; sign-in locks after repeated
 * failures and is rate-limited; every write is in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor, listAudit } from '../server/auth/audit';
import { CSRF_COOKIE, SESSION_COOKIE } from '../server/auth/http';
import { personAlias } from '../server/auth/privacy';
import { changeUser, ensureUser, findUser, type NewUser } from '../server/auth/users';
import { cypher } from '../server/db/cypher';
import type { Database } from '../server/db/driver';
import { applySchema } from '../server/db/schema';
import { createApp, type App } from '../server/http/app';
import { ensurePilotSeed, undoIntroductionsSince } from '../web/e2e/server';
import { bearer } from './auth';
import { testDb } from './db';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { startTestSmtp, type TestSmtp } from './smtp';

type Who = 'admin' | 'shiojiri' | 'tsubame' | 'city' | 'analyst' | 'anonymous';
const ACCOUNTS: Record<Exclude<Who, 'anonymous'>, Omit<NewUser, 'password'>> = {
  admin: { username: 'sec-admin', role: 'admin' },
  shiojiri: { username: 'sec-shiojiri', role: 'coordinator', deptId: 'dept:shiojiri' },
  tsubame: { username: 'sec-tsubame', role: 'coordinator', deptId: 'dept:tsubame' },
  city: { username: 'sec-shiojiri-city', role: 'municipality', regionId: 'region:shiojiri' },
  analyst: { username: 'sec-analyst', role: 'analyst' },
};
const WHO: Who[] = ['admin', 'shiojiri', 'tsubame', 'city', 'analyst', 'anonymous'];

let db: Database;
let app: App;
let served: Listening | undefined;
let smtp: TestSmtp | undefined;
let base = '';
const headers: Partial<Record<Who, Record<string, string>>> = { anonymous: {} };
const started = new Date().toISOString();

/** A person, an SME and a second person of 塩尻市 (from the pilot seed). */
let P1 = '';
let P2 = '';
let SME = '';
let P1_TITLE: string | null = null;
let P2_TITLE: string | null = null;
/** Real names of 塩尻市 persons without consentPublicProfile (none shared with a consenting one). */
let hiddenNames: string[] = [];
let hiddenIds: string[] = [];
/** A draft survey wave of 塩尻市 with P1 on its roster, and the waves the tests created. */
let WAVE = '';
/** A closed survey wave of 塩尻市 (a point in time for the metrics of 塩尻市 only). */
let CLOSED = '';
const WAVES: string[] = [];

async function post(
  body: unknown,
  extra: Record<string, string> = {},
  path = '/graphql',
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed };
}

async function gql(who: Who, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await post({ query, variables }, headers[who]);
  for (const e of body.errors ?? []) {
    expect(JSON.stringify(e)).not.toMatch(/\n\s+at |stacktrace|\.ts:\d+/);
  }
  return body;
}

const codeOf = (body: any): string | null => body.errors?.[0]?.extensions?.code ?? null;

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  // Mail configured (a real SMTP server on loopback), so sendWaveLinks runs for whoever may.
  smtp = await startTestSmtp();
  app = createApp(db, {
    signInPerMinute: 1000,
    mail: { url: smtp.url, from: 'security-test@example.jp' },
  });
  await app.graphqlReady;
  for (const [who, account] of Object.entries(ACCOUNTS)) {
    headers[who as Who] = await bearer(app, db, account);
  }
  served = await listenOnLoopback(app);
  base = served.url;

  const people = await gql(
    'admin',
    `{ people(limit: 100, where: { locatedIn: { some: { id: { eq: "region:shiojiri" } } } }, sort: [{ id: ASC }]) {
        id name title consentPublicProfile } }`,
  );
  const list = people.data.people as Array<{
    id: string;
    name: string;
    title: string | null;
    consentPublicProfile: boolean | null;
  }>;
  P1 = list[0]!.id;
  P1_TITLE = list[0]!.title;
  P2 = list[1]!.id;
  P2_TITLE = list[1]!.title;
  const consenting = new Set(
    list.filter((p) => p.consentPublicProfile === true).map((p) => p.name),
  );
  const hidden = list.filter((p) => p.consentPublicProfile !== true && !consenting.has(p.name));
  hiddenNames = hidden.map((p) => p.name);
  hiddenIds = hidden.map((p) => p.id);
  const smes = await gql(
    'admin',
    `{ smes(limit: 1, where: { locatedIn: { some: { id: { eq: "region:shiojiri" } } } }) { id } }`,
  );
  SME = smes.data.smes[0].id;
  const wave = await gql(
    'admin',
    `mutation { createWave(deptId: "dept:shiojiri", name: "security test", endDate: "2099-03-31", personIds: ["${P1}"]) { id } }`,
  );
  WAVE = wave.data.createWave.id;
  WAVES.push(WAVE);
  CLOSED = await testWave('closed');
}, 300_000);

afterAll(async () => {
  if (P2) {
    await gql(
      'admin',
      `mutation($v: String) { updateNode(id: "${P2}", fields: [{ name: "title", value: $v }]) { id } }`,
      {
        v: P2_TITLE,
      },
    );
  }
  await served?.close();
  app?.surveys.close();
  await smtp?.close();
  if (db) {
    for (const id of WAVES)
      await db.driver.executeQuery(cypher('survey-wave-delete'), { id }, { database: db.database });
    await undoIntroductionsSince(db, started);
    // The persons the write families made, and the follow-ups recorded with them.
    await db.driver.executeQuery(
      `MATCH (p:Person {name: $name})
       OPTIONAL MATCH (p)-[:ATTENDED]->(e:Event {kind: 'follow_up'})
       DETACH DELETE p, e`,
      { name: TEST_PERSON },
      { database: db.database },
    );
  }
});

/** The name of the persons the write families create (removed after the tests). */
const TEST_PERSON = 'セキュリティ 試験';

/** A person of 塩尻市 created by an admin for a write family, with extra ties and fields. */
async function testPerson(
  ties: Array<{ type: string; otherId: string; properties?: unknown[] }> = [],
  fields: Array<{ name: string; value: string }> = [],
): Promise<string> {
  const body = await gql(
    'admin',
    `mutation($ties: [NewTie!], $fields: [FieldChange!]!) { createNode(kind: Person, fields: $fields, ties: $ties) { id } }`,
    {
      fields: [{ name: 'name', value: TEST_PERSON }, { name: 'origin', value: 'local' }, ...fields],
      ties: [{ type: 'LOCATED_IN', otherId: 'region:shiojiri' }, ...ties],
    },
  );
  expect(body.errors).toBeUndefined();
  return body.data.createNode.id as string;
}

/** A suggested introduction P1 → P2 of 塩尻市 recorded by an admin (removed after the tests). */
async function testIntroduction(): Promise<string> {
  const body = await gql(
    'admin',
    `mutation { recordIntroduction(fromId: "${P1}", toId: "${P2}", status: suggested, note: "security test ${Math.random()}") { id } }`,
  );
  expect(body.errors).toBeUndefined();
  return body.data.recordIntroduction.id as string;
}

/** A 塩尻市 survey wave with P1 on its roster, made by an admin in the given state (removed after). */
async function testWave(state: 'draft' | 'open' | 'closed'): Promise<string> {
  const made = await gql(
    'admin',
    `mutation { createWave(deptId: "dept:shiojiri", name: "security test ${state}", endDate: "2099-03-31", personIds: ["${P1}"]) { id } }`,
  );
  expect(made.errors).toBeUndefined();
  const id = made.data.createWave.id as string;
  WAVES.push(id);
  for (const step of state === 'draft' ? [] : state === 'open' ? ['open'] : ['open', 'close']) {
    const body = await gql('admin', `mutation { ${step}Wave(id: "${id}") { state } }`);
    expect(body.errors).toBeUndefined();
  }
  return id;
}

/** Each family: the operation, and who may run it (the others are refused with `refused`). */
interface Family {
  name: string;
  /** The operation, with the ids `prepare` made for this caller. */
  query: (made: Record<string, string>) => string;
  /** Run by an admin before each caller's test: nodes the operation needs (cleaned up after). */
  prepare?: () => Promise<Record<string, string>>;
  allowed: Who[];
  /** How a refusal of a signed-in user shows: an error code, or an empty answer (filtered). */
  refused: 'FORBIDDEN' | 'empty';
  /** Refused callers who get an empty answer instead (nodes outside their regions). */
  filteredFor?: Who[];
  /** Refused callers who get another code than `refused` (e.g. NOT_FOUND: told nothing exists). */
  refusedAs?: Partial<Record<Who, string>>;
  /** The data of an allowed answer is as expected (for this caller). */
  check?: (data: any, who: Who) => void;
}

const FAMILIES: Family[] = [
  {
    name: 'entity read of a 塩尻市 person',
    query: () => `{ people(where: { id: { eq: "${P1}" } }) { id title } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'empty',
    check: (d) => expect(d.people).toHaveLength(1),
  },
  {
    name: 'entity read of contact fields',
    query: () => `{ people(where: { id: { eq: "${P1}" } }) { id email phone } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    filteredFor: ['tsubame'],
  },
  {
    name: 'filtering persons by e-mail',
    query: () =>
      `{ people(limit: 1, where: { id: { eq: "${P1}" }, email: { contains: "@" } }) { id } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    filteredFor: ['tsubame'],
  },
  {
    name: 'filtering events through their attendees (issue 11 finding 3)',
    query: () => `{ events(where: { attendees: { some: { id: { eq: "${P1}" } } } }) { id } }`,
    allowed: ['admin', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'filtering persons through whom they know (finding 3)',
    query: () => `{ people(where: { knows: { some: { id: { eq: "${P2}" } } } }) { id } }`,
    allowed: ['admin', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: "filtering organisations through their staff's e-mail (finding 3)",
    query: () =>
      `{ organizations(where: { staff: { some: { email: { startsWith: "a" } } } }) { id } }`,
    allowed: ['admin'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'analytics of 塩尻市 (key persons, gaps, suggestions, map)',
    query: () => `{ keyPersonGroup(regionId: "region:shiojiri", limit: 3) { personId }
                    networkGaps(regionId: "region:shiojiri") { id }
                    introductionSuggestions(regionId: "region:shiojiri", limit: 3) { id }
                    networkMap(regionId: "region:shiojiri") { graphVersion } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.keyPersonGroup.length).toBeGreaterThan(0),
  },
  {
    name: 'analytics of all regions',
    query: () => `{ keyPersonGroup(limit: 3) { personId } }`,
    allowed: ['admin', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'the overview of regions (networkOverview: counts only, filtered to readable regions)',
    query:
      () => `{ networkOverview { allRegionsMap regions { id name persons organizations smes talent knowsTies }
                    links { a b knowsTies sharedOrganizations sharedPersons } } }`,
    allowed: ['admin', 'shiojiri', 'tsubame', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.networkOverview.regions.length).toBeGreaterThan(0),
  },
  {
    name: 'what-if and outreach in 塩尻市',
    query: () => `{ whatIfRemoved(regionId: "region:shiojiri", personId: "${P1}") { cutOffSmes }
                    outreachPlan(regionId: "region:shiojiri", limit: 3) { smeId } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'talent matches and connection path from 塩尻市',
    query: () => `{ talentMatches(smeId: "${SME}", limit: 3) { talentId }
                    connectionPath(fromId: "${P1}", toId: "${P2}") { fromId } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'recordIntroduction in 塩尻市',
    query: () =>
      `mutation { recordIntroduction(fromId: "${P1}", toId: "${P2}", status: suggested, note: "security test") { id status } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.recordIntroduction.status).toBe('suggested'),
  },
  {
    name: 'updateNode of a 塩尻市 person',
    // the value it already has: allowed callers change nothing
    query: () =>
      `mutation { updateNode(id: "${P1}", fields: [{ name: "title", value: ${JSON.stringify(P1_TITLE ?? '')} }]) { id } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'network metrics, trend and comparison of 塩尻市',
    query:
      () => `{ networkMetrics(regionId: "region:shiojiri", waveId: "wave:r4") { stage metrics { key value } }
                    networkTrend(regionId: "region:shiojiri") { asOf stage }
                    compareNetworks(regionId: "region:shiojiri", from: "wave:r4", to: "${started.slice(0, 10)}", limit: 3) {
                      changes { key direction } difference { newTieCount newTies { fromName } } } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.compareNetworks.changes.length).toBe(16),
  },
  {
    name: 'network metrics of all regions',
    query: () => `{ networkMetrics(asOf: "2024-03-31") { stage } }`,
    allowed: ['admin', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'createNode of a person in 塩尻市',
    query: () =>
      `mutation { createNode(kind: Person, fields: [{ name: "name", value: "${TEST_PERSON}" }, { name: "origin", value: "local" }],
         ties: [{ type: LOCATED_IN, otherId: "region:shiojiri" }]) { id } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.createNode.id).toMatch(/^[0-9a-f-]{36}$/),
  },
  {
    name: 'updateNode of a person created in 塩尻市',
    prepare: async () => ({ a: await testPerson() }),
    query: ({ a }) =>
      `mutation { updateNode(id: "${a}", fields: [{ name: "title", value: "係長" }]) { changed } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.updateNode.changed).toEqual(['title']),
  },
  {
    name: 'setRelationship between 塩尻市 persons',
    prepare: async () => ({ a: await testPerson() }),
    query: ({ a }) =>
      `mutation { setRelationship(type: KNOWS, from: "${a}", to: "${P1}", properties: [{ name: "strength", value: "2" }]) { created } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.setRelationship.created).toBe(true),
  },
  {
    name: 'deleteRelationship between 塩尻市 persons',
    prepare: async () => ({ a: await testPerson([{ type: 'KNOWS', otherId: P1 }]) }),
    query: ({ a }) =>
      `mutation { deleteRelationship(type: KNOWS, from: "${P1}", to: "${a}") { deleted } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.deleteRelationship.deleted).toBe(true),
  },
  {
    name: 'deleteNode of a 塩尻市 person',
    prepare: async () => ({ a: await testPerson() }),
    query: ({ a }) => `mutation { deleteNode(id: "${a}") { id } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'deleteNode with erase of a 塩尻市 person',
    prepare: async () => ({ a: await testPerson() }),
    query: ({ a }) => `mutation { deleteNode(id: "${a}", erase: true) { erased } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.deleteNode.erased).toBe(true),
  },
  {
    name: 'mergeNodes of two 塩尻市 persons',
    prepare: async () => ({ a: await testPerson(), b: await testPerson() }),
    query: ({ a, b }) => `mutation { mergeNodes(keep: "${a}", merge: "${b}") { keptId } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'recordFollowUp of a 塩尻市 talent',
    prepare: async () => ({
      a: await testPerson(
        [{ type: 'ENGAGED_WITH', otherId: SME, properties: [{ name: 'status', value: 'active' }] }],
        [
          { name: 'isTalent', value: 'true' },
          { name: 'talentKind', value: 'side_job' },
        ],
      ),
    }),
    query: ({ a }) =>
      `mutation { recordFollowUp(talentId: "${a}", smeId: "${SME}", date: "${started.slice(0, 10)}", note: "security test") { lastFollowUpAt } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'duplicateCandidates of a 塩尻市 person',
    query: () => `{ duplicateCandidates(id: "${P1}") { id reasons } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'the introductions log of 塩尻市',
    query: () =>
      `{ introductionLog(regionId: "region:shiojiri", limit: 5) { id status note recordedBy from { name } } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'the introductions log of all regions',
    query: () => `{ introductionLog(limit: 5) { id status } }`,
    allowed: ['admin', 'analyst'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'updateIntroduction of a 塩尻市 introduction (move on, note)',
    prepare: async () => ({ i: await testIntroduction() }),
    query: ({ i }) =>
      `mutation { updateIntroduction(id: "${i}", status: accepted, note: "security test") { changed introduction { status } } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.updateIntroduction.changed).toEqual(['status', 'note']),
  },
  {
    name: 'survey waves of 塩尻市 with their tracking',
    query: () =>
      `{ waves(deptId: "dept:shiojiri") { id rosterSize responseRate respondents { status } } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'a 塩尻市 survey wave and its personal links',
    query: () => `{ wave(id: "${WAVE}") { id respondents { personId linkPath } } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.wave.respondents).toHaveLength(1),
  },
  {
    name: 'roster candidates of 塩尻市',
    query: () => `{ waveRosterCandidates(deptId: "dept:shiojiri") { personId } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'creating a 塩尻市 survey wave',
    query: () =>
      `mutation { createWave(deptId: "dept:shiojiri", name: "security test", endDate: "2099-03-31") { id } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => WAVES.push(d.createWave.id),
  },
  {
    name: 'running a 塩尻市 survey wave (roster, open, links)',
    // the roster it already has: allowed callers change nothing; a draft has no links to revoke
    query: () => `mutation { setWaveRoster(id: "${WAVE}", personIds: ["${P1}"]) { rosterSize } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'editing a 塩尻市 survey wave',
    prepare: async () => ({ w: await testWave('draft') }),
    query: ({ w }) => `mutation { editWave(id: "${w}", name: "security test edited") { name } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.editWave.name).toBe('security test edited'),
  },
  {
    name: 'opening a 塩尻市 survey wave',
    prepare: async () => ({ w: await testWave('draft') }),
    query: ({ w }) => `mutation { openWave(id: "${w}") { state respondents { linkPath } } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => {
      expect(d.openWave.state).toBe('open');
      expect(d.openWave.respondents[0].linkPath).toMatch(/^\/survey#t=/);
    },
  },
  {
    name: 'closing a 塩尻市 survey wave',
    prepare: async () => ({ w: await testWave('open') }),
    query: ({ w }) => `mutation { closeWave(id: "${w}") { state } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.closeWave.state).toBe('closed'),
  },
  {
    name: 'deleting a draft 塩尻市 survey wave',
    prepare: async () => ({ w: await testWave('draft') }),
    query: ({ w }) => `mutation { deleteWave(id: "${w}") }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.deleteWave).toBe(true),
  },
  {
    name: 'reissuing a personal link of a 塩尻市 survey wave',
    prepare: async () => ({ w: await testWave('open') }),
    query: ({ w }) =>
      `mutation { reissueWaveLink(waveId: "${w}", personId: "${P1}") { personId linkPath revoked } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.reissueWaveLink.linkPath).toMatch(/^\/survey#t=/),
  },
  {
    name: 'revoking a personal link of a 塩尻市 survey wave',
    prepare: async () => ({ w: await testWave('open') }),
    query: ({ w }) =>
      `mutation { revokeWaveLink(waveId: "${w}", personId: "${P1}") { linkPath revoked } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.revokeWaveLink).toEqual({ linkPath: null, revoked: true }),
  },
  {
    name: 'sending the personal links of a 塩尻市 survey wave by e-mail',
    prepare: async () => ({ w: await testWave('open') }),
    query: ({ w }) =>
      `mutation { sendWaveLinks(waveId: "${w}", personIds: ["${P1}"], kind: REMINDER) {
         kind sent skipped failed results { personId name outcome reason } } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    // 燕市's coordinator is told the wave does not exist, as for an unknown id (test below).
    refusedAs: { tsubame: 'NOT_FOUND' },
    check: (d) => {
      expect(d.sendWaveLinks.kind).toBe('REMINDER');
      expect(d.sendWaveLinks.results).toHaveLength(1);
      expect(d.sendWaveLinks.results[0].personId).toBe(P1);
    },
  },
  {
    name: 'whether e-mail is configured, and who has an address (Wave.mailConfigured, hasEmail)',
    query: () => `{ wave(id: "${WAVE}") { mailConfigured respondents { personId hasEmail } } }`,
    allowed: ['admin', 'shiojiri'],
    refused: 'FORBIDDEN',
    check: (d) => {
      expect(d.wave.mailConfigured).toBe(true);
      expect(typeof d.wave.respondents[0].hasEmail).toBe('boolean');
    },
  },
  {
    name: "survey waves without a dept (a coordinator's own)",
    query: () => `{ waves { id deptId } }`,
    allowed: ['admin', 'shiojiri', 'tsubame'],
    refused: 'FORBIDDEN',
    check: (d, who) => {
      const depts = new Set(d.waves.map((w: any) => w.deptId));
      if (who === 'tsubame') expect([...depts].every((x) => x === 'dept:tsubame')).toBe(true);
      else expect(d.waves.map((w: any) => w.id)).toContain(CLOSED);
    },
  },
  {
    name: 'closed survey waves of 塩尻市 as points in time (surveyWaves)',
    query: () => `{ surveyWaves(regionId: "region:shiojiri") { id nameJa date } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.surveyWaves.map((w: any) => w.id)).toContain(CLOSED),
  },
  {
    name: 'closed survey waves of every readable region (surveyWaves without a region)',
    query: () => `{ surveyWaves { id } }`,
    allowed: ['admin', 'shiojiri', 'tsubame', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d, who) => {
      const ids = d.surveyWaves.map((w: any) => w.id);
      if (who === 'tsubame') expect(ids).not.toContain(CLOSED);
      else expect(ids).toContain(CLOSED);
    },
  },
  {
    name: 'a closed 塩尻市 wave as the point of the metrics and the comparison',
    query: () => `{ networkMetrics(regionId: "region:shiojiri", waveId: "${CLOSED}") { wave { id } }
                    compareNetworks(regionId: "region:shiojiri", from: "wave:r4", to: "${CLOSED}", limit: 1) {
                      to { wave { id } } } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => {
      expect(d.networkMetrics.wave.id).toBe(CLOSED);
      expect(d.compareNetworks.to.wave.id).toBe(CLOSED);
    },
  },
  {
    name: 'analytics of 塩尻市 without the unconfirmed survey ties (includeUnconfirmed: false)',
    query:
      () => `{ networkMap(regionId: "region:shiojiri", includeUnconfirmed: false) { unconfirmedTies includesUnconfirmed }
                    keyPersonGroup(regionId: "region:shiojiri", limit: 3, includeUnconfirmed: false) { personId }
                    networkGaps(regionId: "region:shiojiri", includeUnconfirmed: false) { id }
                    introductionSuggestions(regionId: "region:shiojiri", limit: 3, includeUnconfirmed: false) { id }
                    whatIfRemoved(regionId: "region:shiojiri", personId: "${P1}", includeUnconfirmed: false) { cutOffSmes }
                    networkMetrics(regionId: "region:shiojiri", includeUnconfirmed: false) { includesUnconfirmed unconfirmedTies }
                    compareNetworks(regionId: "region:shiojiri", from: "wave:r4", to: "${started.slice(0, 10)}", limit: 1, includeUnconfirmed: false) {
                      from { includesUnconfirmed } to { includesUnconfirmed unconfirmedTies } } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => {
      expect(d.networkMap.includesUnconfirmed).toBe(false);
      expect(d.networkMap.unconfirmedTies).toBeGreaterThanOrEqual(0);
      expect(d.networkMetrics.includesUnconfirmed).toBe(false);
      expect(d.networkMetrics.unconfirmedTies).toBe(d.networkMap.unconfirmedTies);
      expect(d.compareNetworks.to.includesUnconfirmed).toBe(false);
    },
  },
  {
    name: 'analytics of all regions without the unconfirmed survey ties',
    query: () => `{ keyPersonGroup(limit: 3, includeUnconfirmed: false) { personId }
                    networkMetrics(asOf: "2024-03-31", includeUnconfirmed: false) { includesUnconfirmed unconfirmedTies } }`,
    allowed: ['admin', 'analyst'],
    refused: 'FORBIDDEN',
    check: (d) => expect(d.networkMetrics.includesUnconfirmed).toBe(false),
  },
  {
    name: 'the survey properties of 塩尻市 KNOWS ties (source, waveId, confirmed)',
    query: () =>
      `{ people(where: { id: { eq: "${P1}" } }) { id knowsConnection(first: 5) { edges { properties { source waveId confirmed } } } } }`,
    allowed: ['admin', 'shiojiri', 'city', 'analyst'],
    refused: 'empty',
    check: (d) => expect(d.people).toHaveLength(1),
  },
  {
    name: 'the audit log',
    query: () => `{ auditLog(limit: 5) { at actor action } }`,
    allowed: ['admin'],
    refused: 'FORBIDDEN',
  },
  {
    name: 'who am I',
    query: () => `{ me { username role canWrite } }`,
    allowed: ['admin', 'shiojiri', 'tsubame', 'city', 'analyst'],
    refused: 'FORBIDDEN',
  },
];

describe('role × operation matrix (SPEC §8)', () => {
  for (const f of FAMILIES) {
    for (const who of WHO) {
      const allowed = f.allowed.includes(who);
      const filtered = f.refused === 'empty' || (f.filteredFor ?? []).includes(who);
      const expected =
        who === 'anonymous'
          ? 'UNAUTHENTICATED'
          : allowed
            ? 'allowed'
            : filtered
              ? 'filtered out'
              : (f.refusedAs?.[who] ?? f.refused);
      it(`${f.name}: ${who} → ${expected}`, async () => {
        const made = f.prepare ? await f.prepare() : {};
        const body = await gql(who, f.query(made));
        if (who === 'anonymous') {
          expect(codeOf(body)).toBe('UNAUTHENTICATED');
          expect(body.data ?? null).toBeNull();
        } else if (allowed) {
          expect(body.errors).toBeUndefined();
          f.check?.(body.data, who);
        } else if (filtered) {
          expect(body.errors).toBeUndefined();
          expect(
            Object.values(body.data as Record<string, unknown[]>).every((v) => v.length === 0),
          ).toBe(true);
        } else {
          expect(codeOf(body)).toBe(f.refusedAs?.[who] ?? f.refused);
          expect(body.errors[0].message).toMatch(/\S{10,}/);
        }
      });
    }
  }

  it('a coordinator of 燕市 and a municipality account change nothing in 塩尻市 with any mutation', async () => {
    const a = await testPerson([{ type: 'KNOWS', otherId: P1 }]);
    const b = await testPerson();
    const intro = await testIntroduction();
    const mutations = [
      `updateIntroduction(id: "${intro}", status: made) { changed }`,
      `updateIntroduction(id: "${intro}", note: "乗っ取り") { changed }`,
      `createNode(kind: SME, fields: [{ name: "name", value: "乗っ取り" }, { name: "industry", value: "製造業" }, { name: "employees", value: "5" }, { name: "hasHrStaff", value: "false" }, { name: "hasEvaluationSystem", value: "false" }, { name: "stage", value: "unaware" }], ties: [{ type: LOCATED_IN, otherId: "region:shiojiri" }]) { id }`,
      `updateNode(id: "${a}", fields: [{ name: "title", value: "乗っ取り" }]) { id }`,
      `setRelationship(type: KNOWS, from: "${a}", to: "${P2}") { created }`,
      `setRelationship(type: KNOWS, from: "${a}", to: "${P1}", properties: [{ name: "strength", value: "3" }]) { updated }`,
      `deleteRelationship(type: KNOWS, from: "${a}", to: "${P1}") { deleted }`,
      `deleteNode(id: "${a}") { id }`,
      `deleteNode(id: "${a}", erase: true) { id }`,
      `mergeNodes(keep: "${a}", merge: "${b}") { keptId }`,
    ];
    const version = async () =>
      (await gql('admin', `{ networkMap(regionId: "region:shiojiri") { graphVersion } }`)).data
        .networkMap.graphVersion;
    const before = await version();
    for (const who of ['tsubame', 'city'] as const) {
      for (const m of mutations) {
        const body = await gql(who, `mutation { ${m} }`);
        expect(codeOf(body), `${who}: ${m}`).toBe('FORBIDDEN');
      }
    }
    expect(await version()).toBe(before);
    const read = await gql(
      'admin',
      `{ people(where: { id: { in: ["${a}", "${b}"] } }) { id title } }`,
    );
    expect(read.data.people).toHaveLength(2);
    expect(read.data.people.every((p: any) => p.title === null)).toBe(true);
  });

  it('a coordinator of 燕市 cannot use a 塩尻市 wave as a point of 燕市: refused as an unknown wave', async () => {
    const ask = (waveId: string) =>
      gql(
        'tsubame',
        `{ networkMetrics(regionId: "region:tsubame", waveId: "${waveId}") { stage } }`,
      );
    const real = await ask(CLOSED);
    const unknown = await ask('wave:00000000-0000-4000-8000-000000000000');
    expect(codeOf(real)).toBe('BAD_USER_INPUT');
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(real.errors[0].message.replace(CLOSED, 'X')).toBe(
      unknown.errors[0].message.replace('wave:00000000-0000-4000-8000-000000000000', 'X'),
    );
  });

  it('sendWaveLinks: 燕市 is refused a 塩尻市 wave as an unknown one; a respondent link is no credential; nothing is sent or audited', async () => {
    const w = await testWave('open');
    const mailsBefore = smtp!.received.length;
    const unknownId = 'wave:00000000-0000-4000-8000-000000000000';
    const send = (who: Who, waveId: string) =>
      gql(
        who,
        `mutation { sendWaveLinks(waveId: "${waveId}", personIds: ["${P1}"], kind: INVITATION) { sent } }`,
      );
    const real = await send('tsubame', w);
    const unknown = await send('tsubame', unknownId);
    expect(codeOf(real)).toBe('NOT_FOUND');
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(real.errors[0].message.replace(w, 'X')).toBe(
      unknown.errors[0].message.replace(unknownId, 'X'),
    );
    for (const who of ['city', 'analyst'] as const) {
      expect(codeOf(await send(who, w))).toBe('FORBIDDEN');
      expect(codeOf(await send(who, unknownId))).toBe('FORBIDDEN');
    }
    // The respondent's own link as a bearer token: not a credential of the API.
    const links = await gql('admin', `{ wave(id: "${w}") { respondents { linkPath } } }`);
    const token = links.data.wave.respondents[0].linkPath.split('#t=')[1];
    const asRespondent = await post(
      {
        query: `mutation { sendWaveLinks(waveId: "${w}", personIds: ["${P1}"], kind: INVITATION) { sent } }`,
      },
      { authorization: `Bearer ${token}` },
    );
    expect(asRespondent.status).toBe(401);
    expect(codeOf(asRespondent.body)).toBe('UNAUTHENTICATED');
    expect(smtp!.received).toHaveLength(mailsBefore);
    const audit = await listAudit(db, {
      limit: 100,
      offset: 0,
      actor: null,
      action: 'survey.mail',
    });
    expect(audit.filter((e) => e.target === w)).toHaveLength(0);
  });

  it('a coordinator of 燕市 cannot edit or introduce 塩尻市 persons, and nothing is written', async () => {
    const before = await listAudit(db, {
      limit: 100,
      offset: 0,
      actor: 'sec-tsubame',
      action: null,
    });
    const body = await gql(
      'tsubame',
      `mutation { updateNode(id: "${P1}", fields: [{ name: "title", value: "乗っ取り" }]) { id } }`,
    );
    expect(codeOf(body)).toBe('FORBIDDEN');
    const read = await gql('admin', `{ people(where: { id: { eq: "${P1}" } }) { title } }`);
    expect(read.data.people[0].title).toBe(P1_TITLE);
    const after = await listAudit(db, {
      limit: 100,
      offset: 0,
      actor: 'sec-tsubame',
      action: null,
    });
    expect(after.length).toBe(before.length);
  });
});

describe('regionsOverview by role (SPEC §12)', () => {
  const regionsOf = async (who: Who) => {
    const body = await gql(
      who,
      `{ regionsOverview(asOf: "2024-03-31") { regionId phase metrics { stage } } }`,
    );
    expect(body.errors).toBeUndefined();
    return (body.data.regionsOverview as Array<{ regionId: string }>).map((r) => r.regionId).sort();
  };
  it('admins and analysts see the eight regions; a coordinator and a municipality only theirs', async () => {
    const eight = await regionsOf('admin');
    expect(eight).toHaveLength(8);
    expect(await regionsOf('analyst')).toEqual(eight);
    expect(await regionsOf('shiojiri')).toEqual(['region:shiojiri']);
    expect(await regionsOf('tsubame')).toEqual(['region:tsubame']);
    expect(await regionsOf('city')).toEqual(['region:shiojiri']);
    expect(codeOf(await gql('anonymous', '{ regionsOverview { regionId } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('networkOverview by role (issue 16)', () => {
  const OVERVIEW = `{ networkOverview { allRegionsMap
      regions { id name prefecture persons declaredKeyPersons organizations smes talent knowsTies }
      links { a b knowsTies sharedOrganizations sharedPersons } } }`;
  const overviewOf = async (who: Who) => {
    const body = await gql(who, OVERVIEW);
    expect(body.errors).toBeUndefined();
    return body.data.networkOverview as {
      allRegionsMap: boolean;
      regions: Array<{ id: string; persons: number }>;
      links: Array<{ a: string; b: string }>;
    };
  };
  it('admins and analysts see the eight regions; a coordinator and a municipality only theirs, and no link out of them', async () => {
    const admin = await overviewOf('admin');
    expect(admin.regions).toHaveLength(8);
    expect(admin.allRegionsMap).toBe(true);
    expect(await overviewOf('analyst')).toEqual(admin);
    // The pilot regions are linked (shared organisations such as a bank, ties across).
    expect(admin.links.some((l) => l.a === 'region:shiojiri' || l.b === 'region:shiojiri')).toBe(
      true,
    );
    for (const [who, region] of [
      ['shiojiri', 'region:shiojiri'],
      ['tsubame', 'region:tsubame'],
      ['city', 'region:shiojiri'],
    ] as const) {
      const own = await overviewOf(who);
      // The region's own counts, as the admin sees them; nothing of any other region.
      expect(own.regions).toEqual(admin.regions.filter((r) => r.id === region));
      expect(own.links).toEqual([]);
      expect(own.allRegionsMap).toBe(false);
    }
    expect(codeOf(await gql('anonymous', '{ networkOverview { regions { id } } }'))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('holds no person at all: no name, id or alias of anyone', async () => {
    const text = JSON.stringify(await overviewOf('analyst'));
    expect(text).not.toMatch(/person:|匿名-/);
    for (const name of hiddenNames) expect(text).not.toContain(name);
  });
});

describe('analyst privacy', () => {
  it('the pilot seed has non-consenting persons in 塩尻市 to hide', () => {
    expect(hiddenNames.length).toBeGreaterThan(5);
  });

  it('analytics answers carry aliases, never the real names of non-consenting persons', async () => {
    const body = await gql(
      'analyst',
      `{ keyPersonGroup(regionId: "region:shiojiri", limit: 100) { personId name reasons { ja en } }
         networkGaps(regionId: "region:shiojiri") { explanationJa explanationEn detail }
         introductionSuggestions(regionId: "region:shiojiri", limit: 100) { fromId fromName toName viaName reasons { ja en } }
         networkMap(regionId: "region:shiojiri") { nodes { id name } }
         outreachPlan(regionId: "region:shiojiri", limit: 100) { viaPersonName reasons { ja } }
         whatIfRemoved(regionId: "region:shiojiri", personId: "${hiddenIds[0]}") { personName cutOffNames explanationJa strandedPersons { name workplaceNames explanationJa explanationEn } } }`,
    );
    expect(body.errors).toBeUndefined();
    const text = JSON.stringify(body.data);
    for (const name of hiddenNames) expect(text).not.toContain(name);
    const mapNode = body.data.networkMap.nodes.find((n: any) => n.id === hiddenIds[0]);
    expect(mapNode.name).toBe(personAlias(hiddenIds[0]!));
    expect(body.data.whatIfRemoved.personName).toBe(personAlias(hiddenIds[0]!));
    // an admin sees the same person by name
    const admin = await gql(
      'admin',
      `{ networkMap(regionId: "region:shiojiri") { nodes { id name } } }`,
    );
    expect(admin.data.networkMap.nodes.find((n: any) => n.id === hiddenIds[0]).name).toBe(
      hiddenNames[0],
    );
  });

  it('the comparison of two dates names persons by their alias', async () => {
    const body = await gql(
      'analyst',
      `{ compareNetworks(regionId: "region:shiojiri", from: "2022-04-01", to: "${started.slice(0, 10)}") {
          difference { newTies { fromName toName } endedTies { fromName toName }
                       newPersons { name } departedPersons { name } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const text = JSON.stringify(body.data);
    expect(text).toMatch(/匿名-/);
    for (const name of hiddenNames) expect(text).not.toContain(name);
  });

  it('entity queries show the same alias, and a real name can be neither read nor searched', async () => {
    const body = await gql(
      'analyst',
      `query($ids: [ID!]) { people(where: { id: { in: $ids } }) { id name displayName } }`,
      { ids: hiddenIds.slice(0, 5) },
    );
    expect(body.errors).toBeUndefined();
    expect(hiddenIds.length).toBeGreaterThan(0);
    expect(body.data.people).toHaveLength(Math.min(5, hiddenIds.length));
    for (const p of body.data.people) {
      expect(p.name).toBe(personAlias(p.id));
      expect(p.displayName).toBe(personAlias(p.id));
    }
    const search = await gql(
      'analyst',
      `query($n: String!) { people(where: { name: { eq: $n } }) { id } }`,
      { n: hiddenNames[0] },
    );
    expect(search.data.people).toEqual([]);
    const notes = await gql('analyst', `{ introductions(limit: 1) { id reason } }`);
    expect(codeOf(notes)).toBe('FORBIDDEN');
  });

  it('the introductions log shows an analyst no note, no recorder, aliases and months', async () => {
    const intro = await testIntroduction();
    const query = `{ introductionLog(regionId: "region:shiojiri", limit: 100) {
        id note recordedBy recordedAt decidedAt from { id name } to { id name } via { name } } }`;
    const admin = await gql('admin', query);
    const mine = admin.data.introductionLog.find((e: any) => e.id === intro);
    expect(mine.note).toMatch(/^security test/);
    expect(mine.recordedBy).toBe('sec-admin');
    const body = await gql('analyst', query);
    expect(body.errors).toBeUndefined();
    const entry = body.data.introductionLog.find((e: any) => e.id === intro);
    expect(entry).toMatchObject({ note: null, recordedBy: null });
    expect(entry.recordedAt).toMatch(/^\d{4}-\d{2}$/);
    const text = JSON.stringify(body.data);
    expect(text).not.toMatch(/security test|sec-admin/);
    for (const name of hiddenNames) expect(text).not.toContain(name);
    if (hiddenIds.includes(P1)) expect(entry.from.name).toBe(personAlias(P1));
  });
});

describe('issue 11: aggregates and counts (finding 1)', () => {
  const AGGREGATES = [
    '{ introductionPartiesConnection { aggregate { node { name { shortest } } } } }',
    '{ peopleConnection { aggregate { count { nodes } node { name { shortest } } } } }',
    `{ people(where: { id: { eq: "${'$P1'}" } }) { knowsConnection { aggregate { count { nodes } } } } }`,
    '{ introductionParties(limit: 1) { id name } }',
  ];

  for (const who of ['shiojiri', 'city', 'analyst'] as const) {
    it(`${who}: no aggregation and no cross-type party query exists in the schema`, async () => {
      for (const q of AGGREGATES) {
        const body = await gql(who, q.replace('$P1', P1));
        expect(body.data ?? null, q).toBeNull();
        expect(codeOf(body), q).toMatch(/GRAPHQL_VALIDATION_FAILED|FORBIDDEN|BAD_USER_INPUT/);
      }
    });
  }

  it('admin: aggregations are there and count the whole graph', async () => {
    const body = await gql('admin', '{ peopleConnection { aggregate { count { nodes } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data.peopleConnection.aggregate.count.nodes).toBeGreaterThan(100);
  });

  it('a municipality counts only the persons it may read', async () => {
    const ids = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const page = await gql(
        'city',
        `{ people(limit: 100, offset: ${offset}, sort: [{ id: ASC }]) { id } }`,
      );
      for (const p of page.data.people) ids.add(p.id);
      if (page.data.people.length < 100) break;
    }
    const count = await gql('city', '{ peopleConnection { totalCount } }');
    expect(count.errors).toBeUndefined();
    expect(count.data.peopleConnection.totalCount).toBe(ids.size);
    const all = await gql('admin', '{ peopleConnection { totalCount } }');
    expect(all.data.peopleConnection.totalCount).toBeGreaterThan(ids.size);
  });
});

describe('issue 11: introduction names (finding 2)', () => {
  const OLD_ID = 'sec-old-introduction';

  it('an introduction stored under the old 「from → to」 name is renamed by the schema apply', async () => {
    const people = await gql(
      'admin',
      `query($ids: [ID!]) { people(where: { id: { in: $ids } }) { id name } }`,
      { ids: [hiddenIds[0], hiddenIds[1]] },
    );
    const [a, b] = people.data.people as Array<{ id: string; name: string }>;
    const now = new Date().toISOString();
    await db.driver.executeQuery(
      `MATCH (f:Person {id: $from}), (t:Person {id: $to})
       CREATE (i:Introduction:Entity {id: $id, name: f.name + ' → ' + t.name, status: 'suggested',
                                      createdAt: $now, updatedAt: $now})
       CREATE (i)-[:FROM]->(f), (i)-[:TO]->(t)`,
      { from: a!.id, to: b!.id, id: OLD_ID, now },
      { database: db.database },
    );
    const migrated = await applySchema(db);
    expect(migrated['migrate-introduction-names']).toBeGreaterThanOrEqual(1);
    const read = await gql(
      'admin',
      `{ introductions(where: { id: { eq: "${OLD_ID}" } }) { name } }`,
    );
    expect(read.data.introductions[0].name).toBe(`紹介 ${now.slice(0, 10)} ${OLD_ID.slice(0, 8)}`);
    expect(read.data.introductions[0].name).not.toContain(a!.name);
    // idempotent: nothing left in the old form
    expect((await applySchema(db))['migrate-introduction-names']).toBe(0);
  });

  it('an analyst reads introduction names and dates to the month only, and cannot search real names', async () => {
    const body = await gql(
      'analyst',
      `{ introductions(limit: 100) { id name createdAt decidedAt from { name } to { ... on Person { name } ... on SME { name } } } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.introductions.length).toBeGreaterThan(0);
    const text = JSON.stringify(body.data);
    for (const name of hiddenNames) expect(text).not.toContain(name);
    for (const i of body.data.introductions) {
      expect(i.name).toMatch(/^紹介 \d{4}-\d{2}$/);
      expect(i.createdAt ?? '').toMatch(/^(\d{4}-\d{2})?$/);
    }
    const search = await gql(
      'analyst',
      `query($n: String!) { introductions(where: { name: { contains: $n } }) { id } }`,
      { n: hiddenNames[0] },
    );
    expect(search.errors).toBeUndefined();
    expect(search.data.introductions).toEqual([]);
  });
});

describe('issue 11: quasi-identifiers, consent, ratings (walk-through)', () => {
  it('no analyst answer pairs an alias with its title; dates come to the month', async () => {
    const admin = await gql(
      'admin',
      `query($ids: [ID!]) { people(where: { id: { in: $ids } }) { id title createdAt } }`,
      { ids: hiddenIds },
    );
    const titled = (admin.data.people as Array<{ id: string; title: string | null }>).filter(
      (p) => p.title,
    );
    expect(titled.length).toBeGreaterThan(0);
    const body = await gql(
      'analyst',
      `query($ids: [ID!]) { people(where: { id: { in: $ids } }) { id name title createdAt updatedAt worksAt { name } } }`,
      { ids: hiddenIds },
    );
    expect(body.errors).toBeUndefined();
    for (const p of body.data.people) {
      expect(p.name).toBe(personAlias(p.id));
      expect(p.title).toBeNull();
      expect(p.createdAt ?? '').toMatch(/^(\d{4}-\d{2})?$/);
    }
    // neither a filter nor the tie's properties read the title
    const byTitle = await gql(
      'analyst',
      `query($id: ID!, $t: String!) { people(where: { id: { eq: $id }, title: { eq: $t } }) { id } }`,
      { id: titled[0]!.id, t: titled[0]!.title },
    );
    expect(byTitle.data.people).toEqual([]);
    const tie = await gql(
      'analyst',
      `{ people(limit: 1) { worksAtConnection { edges { properties { title } } } } }`,
    );
    expect(tie.data ?? null).toBeNull();
    expect(tie.errors.length).toBeGreaterThan(0);
  });

  it('a coordinator receives e-mail and phone only of persons who consented to share them', async () => {
    const admin = await gql(
      'admin',
      `{ people(limit: 100, where: { locatedIn: { some: { id: { eq: "region:shiojiri" } } } }) { id email phone consentShareContact } }`,
    );
    type Contact = {
      id: string;
      email: string | null;
      phone: string | null;
      consentShareContact: boolean | null;
    };
    const all = admin.data.people as Contact[];
    const withheld = all.filter((p) => p.consentShareContact !== true && (p.email || p.phone));
    const shared = all.filter((p) => p.consentShareContact === true && (p.email || p.phone));
    expect(withheld.length).toBeGreaterThan(0);
    expect(shared.length).toBeGreaterThan(0);
    const body = await gql(
      'shiojiri',
      `query($ids: [ID!]) { people(where: { id: { in: $ids } }) { id email phone } }`,
      { ids: [...withheld, ...shared].map((p) => p.id) },
    );
    expect(body.errors).toBeUndefined();
    const seen = new Map((body.data.people as Contact[]).map((p) => [p.id, p]));
    for (const p of withheld) expect(seen.get(p.id)).toMatchObject({ email: null, phone: null });
    for (const p of shared)
      expect(seen.get(p.id)).toMatchObject({ email: p.email, phone: p.phone });
    const w = withheld.find((p) => p.email)!;
    const filtered = await gql(
      'shiojiri',
      `query($id: ID!, $e: String!) { people(where: { id: { eq: $id }, email: { eq: $e } }) { id } }`,
      { id: w.id, e: w.email },
    );
    expect(filtered.data.people).toEqual([]);
  });

  it('a municipality receives no ratings: not as fields, not in the key-person analytics', async () => {
    const field = await gql('city', `{ people(limit: 1) { id mind skill network } }`);
    expect(codeOf(field)).toBe('FORBIDDEN');
    const q = `{ keyPersonGroup(regionId: "region:shiojiri", limit: 100) { personId score assessed reasons { code ja en } } }`;
    const city = await gql('city', q);
    expect(city.errors).toBeUndefined();
    const coordinator = await gql('shiojiri', q);
    expect(coordinator.data.keyPersonGroup.some((k: any) => k.assessed > 0)).toBe(true);
    for (const k of city.data.keyPersonGroup) {
      expect(k.assessed).toBe(0);
      expect(k.reasons.map((r: any) => r.code)).not.toContain('ASSESSED_STRONG');
    }
    expect(JSON.stringify(city.data)).not.toMatch(
      /想い・スキル・ネットワーク|mind, skill and network/,
    );
  });
});

describe('issue 11: control and bidirectional-override characters (minor)', () => {
  for (const [what, ch] of [
    ['NUL', '\u0000'],
    ['U+202E', '\u202E'],
  ] as const) {
    it(`refuses a name with ${what} with a clear error and stores nothing`, async () => {
      const before = await gql('admin', `{ people(where: { id: { eq: "${P2}" } }) { name } }`);
      const body = await gql(
        'admin',
        `mutation($v: String) { updateNode(id: "${P2}", fields: [{ name: "name", value: $v }]) { id } }`,
        { v: `山田${ch}花子` },
      );
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(body.errors)).toContain(`U+${what === 'NUL' ? '0000' : '202E'}`);
      const after = await gql('admin', `{ people(where: { id: { eq: "${P2}" } }) { name } }`);
      expect(after.data.people[0].name).toBe(before.data.people[0].name);
    });
  }
});

describe('hostile input', () => {
  it('injection strings and markup are stored verbatim and change nothing else', async () => {
    const counts = async () =>
      (await (await fetch(`${base}/healthz`, { headers: headers.admin })).json()).counts;
    const before = await counts();
    expect(before.Person).toBeGreaterThan(0);
    const hostile = `"}) MATCH (n) DETACH DELETE n // '; DROP <script>alert(1)</script>`;
    const edit = await gql(
      'admin',
      `mutation($v: String) { updateNode(id: "${P2}", fields: [{ name: "title", value: $v }]) { changed } }`,
      { v: hostile },
    );
    expect(edit.errors).toBeUndefined();
    const read = await gql('admin', `{ people(where: { id: { eq: "${P2}" } }) { title } }`);
    expect(read.data.people[0].title).toBe(hostile);
    expect(await counts()).toEqual(before);
    const search = await gql(
      'admin',
      `query($q: String!) { people(where: { name: { contains: $q } }) { id } }`,
      {
        q: `') RETURN 1 UNION MATCH (u:User) RETURN u.passwordHash //`,
      },
    );
    expect(search.errors).toBeUndefined();
    expect(search.data.people).toEqual([]);
  });

  it('refuses a query nested 20 deep with a clear error', async () => {
    let q = 'id';
    for (let i = 0; i < 20; i++) q = `knows { ${q} }`;
    const body = await gql('admin', `{ people(limit: 1) { ${q} } }`);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/deep|depth/i);
  });

  it('refuses a costly query before it runs', async () => {
    const body = await gql('admin', `{ people { knows { knows { knows { id } } } } }`);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/too costly/);
  });

  it('refuses a 10 MB body with 413 and a clear error', async () => {
    const big = JSON.stringify({
      query: '{ me { username } }',
      variables: { pad: 'x'.repeat(10 * 2 ** 20) },
    });
    const res = await post(big, headers.admin);
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/too large/);
  });

  it('refuses a malformed token, a token signed by someone else and an expired token', async () => {
    const malformed = await post(
      { query: '{ me { username } }' },
      { authorization: 'Bearer not.a.token' },
    );
    expect(malformed.status).toBe(401);
    expect(malformed.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(malformed.body.errors[0].message).toMatch(/malformed/);
    const wrongScheme = await post(
      { query: '{ me { username } }' },
      { authorization: 'Basic abc' },
    );
    expect(wrongScheme.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const user = await findUser(db, { username: ACCOUNTS.admin.username });
    const auth = app.auth;
    const expired = await auth.signer.sign(
      { sub: user!.id, tv: user!.tokenVersion, typ: 'api' },
      -60,
    );
    const res = await post(
      { query: '{ me { username } }' },
      { authorization: `Bearer ${expired.token}` },
    );
    expect(res.status).toBe(401);
    expect(res.body.errors[0].message).toMatch(/expired/);
  });

  it('a cookie session must echo its CSRF token to change or query anything', async () => {
    const user = await findUser(db, { username: ACCOUNTS.shiojiri.username });
    const session = await app.auth.issueSession(user!);
    const cookie = `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrf}`;
    const without = await post({ query: '{ me { username } }' }, { cookie });
    expect(without.status).toBe(403);
    expect(without.body.errors[0].message).toMatch(/CSRF/);
    const wrong = await post({ query: '{ me { username } }' }, { cookie, 'x-csrf-token': 'nope' });
    expect(wrong.status).toBe(403);
    const ok = await post(
      { query: '{ me { username } }' },
      { cookie, 'x-csrf-token': session.csrf },
    );
    expect(ok.body.data.me.username).toBe(ACCOUNTS.shiojiri.username);
  });
});

describe('sign-in', () => {
  const lockUser = { username: 'sec-locked', role: 'analyst' as const };

  it('signs in with the right password, sets httpOnly SameSite cookies, and reports the account', async () => {
    await ensureUser(db, lockUser, cliActor());
    await changeUser(
      db,
      lockUser.username,
      { kind: 'reset-password', password: 'correct-horse-1' },
      cliActor(),
    );
    const res = await fetch(`${base}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: lockUser.username, password: 'correct-horse-1' }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))).not.toMatch(/HttpOnly/i);
    const body = (await res.json()) as any;
    expect(body.user).toMatchObject({
      username: lockUser.username,
      role: 'analyst',
      regionIds: null,
    });
  });

  it('locks the account after 5 wrong passwords, even for the right one, and audits it', async () => {
    const attempt = (password: string) =>
      post({ username: lockUser.username, password }, {}, '/auth/signin');
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const fifth = await attempt('wrong-password');
    // a locked account answers exactly as an unknown one (no account enumeration)
    const unknown = await post({ username: 'sec-nobody', password: 'x' }, {}, '/auth/signin');
    expect(fifth).toEqual(unknown);
    expect(fifth.status).toBe(401);
    expect(await attempt('correct-horse-1')).toEqual(unknown);
    const audit = await listAudit(db, { limit: 5, offset: 0, actor: null, action: 'user.locked' });
    expect(audit.some((a) => a.target === lockUser.username)).toBe(true);
    // an administrator's reset unlocks it
    await changeUser(
      db,
      lockUser.username,
      { kind: 'reset-password', password: 'correct-horse-2' },
      cliActor(),
    );
    expect((await attempt('correct-horse-2')).status).toBe(200);
  });

  it('a disabled account and a reset password revoke the tokens issued before', async () => {
    const user = await findUser(db, { username: lockUser.username });
    const auth = app.auth;
    const { token } = await auth.issueApiToken(user!);
    const me = () => post({ query: '{ me { username } }' }, { authorization: `Bearer ${token}` });
    expect((await me()).body.data.me.username).toBe(lockUser.username);
    await changeUser(db, lockUser.username, { kind: 'disable' }, cliActor());
    // at once: the very next request is refused
    expect((await me()).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await changeUser(db, lockUser.username, { kind: 'enable' }, cliActor());
    // enabling does not revive the old token: disabling revoked it
    expect((await me()).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rate-limits sign-in attempts per address', async () => {
    const strict = createApp(db, { signInPerMinute: 3 });
    const s = await listenOnLoopback(strict);
    const url = `${s.url}/auth/signin`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'nobody-here', password: 'x' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await s.close();
    }
  });
});

describe('audit log', () => {
  it('records edits and introductions with who and what, and an admin can list them', async () => {
    const edit = await gql(
      'shiojiri',
      `mutation { updateNode(id: "${P2}", fields: [{ name: "title", value: "監査テスト" }]) { changed } }`,
    );
    expect(edit.errors).toBeUndefined();
    const body = await gql(
      'admin',
      `{ auditLog(limit: 20, actor: "sec-shiojiri") { actor role action target detail } }`,
    );
    const entry = body.data.auditLog.find(
      (a: any) => a.action === 'node.update' && a.target === P2,
    );
    expect(entry).toMatchObject({ actor: 'sec-shiojiri', role: 'coordinator' });
    expect(JSON.parse(entry.detail).fields).toEqual(['title']);
    expect(body.data.auditLog.some((a: any) => a.action === 'introduction.record')).toBe(true);
  });
});

/**
 * The web import and export routes (server/http/importRoutes.ts) in the role matrix: a writer
 * previews and commits within their regions (the write path checks every row), a coordinator
 * of 燕市 can import nothing into 塩尻市, a municipality or analyst account cannot import or
 * export at all; a cookie session must echo its CSRF token.
 */
describe('web import and export: role × route matrix', () => {
  const ID = 'test-sec-import:p1';
  const files = () => {
    const fd = new FormData();
    fd.append('files', new Blob([`id,name,origin\n${ID},取り込み 太郎,local\n`]), 'Person.csv');
    fd.append('files', new Blob([`from,to\n${ID},region:shiojiri\n`]), 'LOCATED_IN.csv');
    return fd;
  };
  const send = async (who: Who, path: string, extra: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: path.includes('.xlsx') ? 'GET' : 'POST',
      headers: { ...headers[who], ...extra },
      ...(path.includes('.xlsx') ? {} : { body: files() }),
    });
    const type = res.headers.get('content-type') ?? '';
    const body: any =
      type.includes('json') && !type.includes('ndjson') ? await res.json() : await res.text();
    if (typeof body === 'object') {
      expect(JSON.stringify(body)).not.toMatch(/\n\s+at |stacktrace|\.ts:\d+/);
    }
    return { status: res.status, body };
  };
  const tsubameAudits = async () =>
    (await listAudit(db, { limit: 100, offset: 0, actor: 'sec-tsubame', action: null })).length;
  const stored = async () => {
    const res = await db.driver.executeQuery(
      'MATCH (n:Entity {id: $id}) RETURN count(n) AS c',
      { id: ID },
      { database: db.database },
    );
    return Number(res.records[0]!.get('c'));
  };
  const ROUTES: { path: string; allowed: Who[] }[] = [
    { path: '/api/import/preview', allowed: ['admin', 'shiojiri'] },
    { path: '/api/import/commit', allowed: [] }, // commits are checked below, one by one
    { path: '/api/export/region.xlsx?regionId=region:shiojiri', allowed: ['admin', 'shiojiri'] },
    { path: '/api/import/template.xlsx', allowed: ['admin', 'shiojiri', 'tsubame'] },
  ];
  for (const r of ROUTES) {
    for (const who of WHO) {
      if (
        r.path === '/api/import/commit' &&
        who !== 'anonymous' &&
        who !== 'city' &&
        who !== 'analyst' &&
        who !== 'tsubame'
      )
        continue;
      const allowed = r.allowed.includes(who);
      const expected = who === 'anonymous' ? 'UNAUTHENTICATED' : allowed ? 'allowed' : 'FORBIDDEN';
      it(`${r.path.split('?')[0]}: ${who} → ${expected}`, async () => {
        const { status, body } = await send(who, r.path);
        if (who === 'anonymous') {
          expect(status).toBe(401);
          expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
        } else if (allowed) {
          expect(status).toBe(200);
          if (r.path.includes('preview')) {
            expect(body.errors).toEqual([]);
            expect(body.created).toEqual({ Person: 1, LOCATED_IN: 1 });
          }
        } else {
          expect(status).toBe(403);
          expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
          expect(body.errors[0].message).toMatch(/\S{10,}/);
        }
        expect(await stored()).toBe(0);
      });
    }
  }

  it('a coordinator of 燕市 cannot import into 塩尻市: refused naming the region, nothing written or audited', async () => {
    const before = await tsubameAudits();
    const { status, body } = await send('tsubame', '/api/import/commit');
    expect(status).toBe(403);
    expect(body.errors[0].message).toMatch(/region:shiojiri|担当地域外/);
    expect(await stored()).toBe(0);
    const after = await tsubameAudits();
    expect(after).toBe(before);
  });

  it('the 塩尻市 coordinator commits into 塩尻市; the import is audited', async () => {
    try {
      const { status, body } = await send('shiojiri', '/api/import/commit');
      expect(status).toBe(200);
      const last = JSON.parse((body as string).trim().split('\n').at(-1)!);
      expect(last.result.created).toEqual({ Person: 1, LOCATED_IN: 1 });
      expect(await stored()).toBe(1);
      const audit = await listAudit(db, {
        limit: 5,
        offset: 0,
        actor: 'sec-shiojiri',
        action: 'import',
      });
      expect(audit.length).toBeGreaterThan(0);
    } finally {
      await db.driver.executeQuery(
        'MATCH (n:Entity {id: $id}) DETACH DELETE n',
        { id: ID },
        { database: db.database },
      );
    }
  });

  it('a cookie session must echo its CSRF token to preview or commit an import', async () => {
    const user = await findUser(db, { username: ACCOUNTS.shiojiri.username });
    const session = await app.auth.issueSession(user!);
    const cookie = `${SESSION_COOKIE}=${session.token}; ${CSRF_COOKIE}=${session.csrf}`;
    const post = (extra: Record<string, string>) =>
      fetch(`${base}/api/import/preview`, {
        method: 'POST',
        headers: { cookie, ...extra },
        body: files(),
      });
    const without = await post({});
    expect(without.status).toBe(403);
    expect(((await without.json()) as any).errors[0].message).toMatch(/CSRF/);
    const ok = await post({ 'x-csrf-token': session.csrf });
    expect(ok.status).toBe(200);
    expect(await stored()).toBe(0);
  });
});
