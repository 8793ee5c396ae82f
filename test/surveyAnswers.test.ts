/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions */
/**
 * The respondent's side of a survey wave (issue 14) against the real server and Neo4j with the
 * pilot seed: a personal link reads only its own form (roster names, no contact data, nobody
 * else's answers), saves a draft and submits; answers become KNOWS ties through the write path
 * with reciprocity (named by both → confirmed at the lower strength, by one → unconfirmed), a
 * resubmission replaces the earlier answer, a self-declared key person gets :KeyPerson, the
 * self-assessment and consent land on the person, every submission is audited as the
 * respondent; closing freezes the answers. Expired, revoked, tampered links and links used on
 * GraphQL are refused with a clear Japanese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysIso, today } from '../common/dates';
import { listAudit } from '../server/auth/audit';
import { cypher } from '../server/db/cypher';
import type { Database } from '../server/db/driver';
import { createApp, type App } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { plain } from '../server/projection/load';
import { surveyLinksFromConfig } from '../server/surveys/links';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer } from './auth';
import { testDb } from './db';

let db: Database;
let app: App;
let served: Listening | undefined;
let coord: Record<string, string> = {};
let waveId = '';
/** Four roster persons with no KNOWS tie among them, and their links. */
let A = '';
let B = '';
let C = '';
let D = '';
const link: Record<string, string> = {};
let original: any[] = [];

async function gql(query: string, variables: Record<string, unknown> = {}, h = coord) {
  const res = await fetch(`${served!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...h },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function api(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${served!.url}/survey-api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function tiesOf(personId: string): Promise<Map<string, Record<string, unknown>>> {
  const res = await db.driver.executeQuery(
    cypher('survey-knows-of'),
    { personId },
    { database: db.database },
  );
  return new Map(
    res.records.map((r) => [
      r.get('other') as string,
      plain(r.get('props')) as Record<string, unknown>,
    ]),
  );
}

const PERSON_FIELDS = 'id mind skill network consentShareContact consentPublicProfile isKeyPerson';

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  app = createApp(db);
  await app.graphqlReady;
  coord = await bearer(app, db, {
    username: 'answer-shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
  });
  served = await listenOnLoopback(app);
  const cands = (await gql('{ waveRosterCandidates { personId isKeyPerson } }')).body.data
    .waveRosterCandidates;
  const picked: string[] = [];
  for (const c of cands) {
    if (c.isKeyPerson) continue;
    const ties = await tiesOf(c.personId);
    if (picked.every((p) => !ties.has(p))) picked.push(c.personId);
    if (picked.length === 4) break;
  }
  [A, B, C, D] = picked as [string, string, string, string];
  original = (
    await gql(`{ people(where: { id: { in: ${JSON.stringify(picked)} } }) { ${PERSON_FIELDS} } }`)
  ).body.data.people;
  const created = await gql(
    `mutation($ids: [ID!]) { createWave(name: "回答テスト", endDate: "${addDaysIso(today(), 7)}", personIds: $ids) { id } }`,
    { ids: picked },
  );
  waveId = created.body.data.createWave.id;
  const opened = await gql(
    `mutation { openWave(id: "${waveId}") { respondents { personId linkPath } } }`,
  );
  for (const r of opened.body.data.openWave.respondents)
    link[r.personId] = r.linkPath.split('#t=')[1];
}, 300_000);

afterAll(async () => {
  if (waveId) {
    await db.driver.executeQuery(
      cypher('survey-ties-delete'),
      { waveId },
      { database: db.database },
    );
    await db.driver.executeQuery(
      cypher('survey-wave-delete'),
      { id: waveId },
      { database: db.database },
    );
  }
  for (const p of original) {
    const fields = [
      'mind',
      'skill',
      'network',
      'consentShareContact',
      'consentPublicProfile',
      'isKeyPerson',
    ].map((name) => ({
      name,
      value: p[name] === null || p[name] === undefined ? null : String(p[name]),
    }));
    const restored = await gql(
      `mutation($f: [FieldChange!]!) { updateNode(id: "${p.id}", fields: $f) { id } }`,
      { f: fields },
    );
    if (restored.body.errors) throw new Error(JSON.stringify(restored.body.errors));
  }
  await served?.close();
});

describe('the respondent’s form', () => {
  it('reads only its own form: the wave, the consent text, the others’ names; no contact data', async () => {
    const { status, body } = await api('GET', '/form', link[A]!);
    expect(status).toBe(200);
    expect(body.wave).toMatchObject({ id: waveId, name: '回答テスト' });
    expect(body.wave.consentText).toMatch(/個人情報/);
    expect(body.me.personId).toBe(A);
    expect(body.roster.map((r: any) => r.personId).sort()).toEqual([B, C, D].sort());
    for (const r of body.roster)
      expect(Object.keys(r).sort()).toEqual(['name', 'nameKana', 'personId']);
    expect(JSON.stringify(body)).not.toMatch(/@|email|phone/);
    expect(body.status).toBe('not_started');
  });

  it('saves a draft (the coordinator sees 回答中) and resumes from it', async () => {
    const saved = await api('PUT', '/draft', link[A]!, { knows: [{ personId: B, strength: 3 }] });
    expect(saved.status).toBe(200);
    const form = await api('GET', '/form', link[A]!);
    expect(form.body.answer.knows).toEqual([{ personId: B, strength: 3 }]);
    expect(form.body.status).toBe('started');
    const w = (await gql(`{ wave(id: "${waveId}") { started respondents { personId status } } }`))
      .body.data.wave;
    expect(w.started).toBe(1);
    expect(w.respondents.find((r: any) => r.personId === A).status).toBe('started');
    // nothing in the network yet
    expect((await tiesOf(A)).has(B)).toBe(false);
  });

  it('refuses names off the roster, oneself and bad strengths, naming the field; nothing written', async () => {
    const before = await tiesOf(A);
    const bad = await api('POST', '/submit', link[A]!, {
      knows: [
        { personId: A, strength: 1 },
        { personId: B, strength: 4 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.fields.map((f: any) => f.field)).toContain(
      'knows.1.strength',
    );
    const off = await api('POST', '/submit', link[A]!, { knows: [{ personId: A, strength: 1 }] });
    expect(off.status).toBe(400);
    expect(off.body.errors[0].extensions.fields[0]).toMatchObject({ field: 'knows.0.personId' });
    expect(off.body.errors[0].message).toMatch(/名簿/);
    expect(await tiesOf(A)).toEqual(before);
  });

  it('a submission by one is unconfirmed; named back, the tie is confirmed at the lower strength', async () => {
    const r1 = await api('POST', '/submit', link[A]!, {
      knows: [
        { personId: B, strength: 3 },
        { personId: C, strength: 1 },
      ],
      wishes: [D],
      keyPerson: true,
      mind: 4,
      skill: 3,
      network: 5,
      shareContact: true,
      publicProfile: false,
    });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ confirmed: 0, unconfirmed: 2, removed: 0 });
    let ab = (await tiesOf(A)).get(B)!;
    expect(ab).toMatchObject({
      source: 'survey',
      waveId,
      confirmed: false,
      strength: 3,
      since: today(),
    });

    const r2 = await api('POST', '/submit', link[B]!, { knows: [{ personId: A, strength: 2 }] });
    expect(r2.body).toMatchObject({ confirmed: 1, unconfirmed: 0 });
    ab = (await tiesOf(A)).get(B)!;
    expect(ab).toMatchObject({ confirmed: true, strength: 2, waveId });
    expect((await tiesOf(A)).get(C)).toMatchObject({ confirmed: false, strength: 1 });

    const person = (await gql(`{ people(where: { id: { eq: "${A}" } }) { ${PERSON_FIELDS} } }`))
      .body.data.people[0];
    expect(person).toMatchObject({
      mind: 4,
      skill: 3,
      network: 5,
      consentShareContact: true,
      consentPublicProfile: false,
      isKeyPerson: true,
    });

    const audit = await listAudit(db, {
      limit: 10,
      offset: 0,
      actor: `survey:${waveId}:${A}`,
      action: 'survey.answer',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.role).toBe('respondent');
    const w = (await gql(`{ wave(id: "${waveId}") { submitted responseRate } }`)).body.data.wave;
    expect(w).toEqual({ submitted: 2, responseRate: 0.5 });
  });

  it('a resubmission replaces the earlier answer: a name taken back loses its tie, a tie named back stays', async () => {
    const r = await api('POST', '/submit', link[A]!, { knows: [], keyPerson: true });
    expect(r.body).toMatchObject({ removed: 1, unconfirmed: 1 });
    const ties = await tiesOf(A);
    expect(ties.has(C)).toBe(false);
    // B still names A: unconfirmed now, at B's strength
    expect(ties.get(B)).toMatchObject({ confirmed: false, strength: 2 });
  });
});

describe('links that are refused', () => {
  it('a link is not a GraphQL credential', async () => {
    const { status, body } = await gql(
      '{ me { username } }',
      {},
      { authorization: `Bearer ${link[A]}` },
    );
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const analytics = await gql(
      '{ keyPersonGroup(regionId: "region:shiojiri") { personId } }',
      {},
      { authorization: `Bearer ${link[A]}` },
    );
    expect(analytics.status).toBe(401);
  });

  it('an API token or session is not a link; a missing, tampered or foreign link is refused in Japanese', async () => {
    const api1 = await api('GET', '/form', coord.authorization!.slice(7));
    expect(api1.status).toBe(401);
    expect(api1.body.errors[0].extensions.reason).toBe('invalid');
    expect(api1.body.errors[0].message).toMatch(/このリンクは正しくありません/);
    expect((await api('GET', '/form', null)).status).toBe(401);
    const t = link[A]!;
    const [h, p, s] = t.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...claims, sub: B })).toString('base64url'),
      s,
    ].join('.');
    const other = await api('GET', '/form', forged);
    expect(other.status).toBe(401);
    expect(other.body.errors[0].extensions.reason).toBe('invalid');
  });

  it('a genuine link for another wave or person (not the stored one) is refused as revoked', async () => {
    const links = surveyLinksFromConfig();
    const c = await links.verify(link[A]!);
    const otherWave = await links.sign({ ...c, waveId: 'wave:not-there' });
    expect((await api('GET', '/form', otherWave)).body.errors[0].extensions.reason).toBe('revoked');
    const otherPerson = await links.sign({ ...c, personId: B });
    expect((await api('GET', '/form', otherPerson)).body.errors[0].extensions.reason).toBe(
      'revoked',
    );
  });

  it('an expired link says so', async () => {
    const links = surveyLinksFromConfig();
    const c = await links.verify(link[C]!);
    const expired = await links.sign({
      ...c,
      iat: c.iat - 100,
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const r = await api('GET', '/form', expired);
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.reason).toBe('expired');
    expect(r.body.errors[0].message).toMatch(/有効期限が切れています/);
  });

  it('a revoked link is refused; the reissued one works', async () => {
    await gql(`mutation { revokeWaveLink(waveId: "${waveId}", personId: "${D}") { revoked } }`);
    const r = await api('GET', '/form', link[D]!);
    expect(r.status).toBe(401);
    expect(r.body.errors[0].message).toMatch(/無効になりました/);
    const re = await gql(
      `mutation { reissueWaveLink(waveId: "${waveId}", personId: "${D}") { linkPath } }`,
    );
    const fresh = re.body.data.reissueWaveLink.linkPath.split('#t=')[1];
    expect((await api('GET', '/form', fresh)).status).toBe(200);
    expect((await api('GET', '/form', link[D]!)).status).toBe(401);
  });

  it('closing freezes the answers: every link is refused, the ties stay', async () => {
    await gql(`mutation { closeWave(id: "${waveId}") { state } }`);
    const r = await api('POST', '/submit', link[B]!, { knows: [] });
    expect(r.status).toBe(410);
    expect(r.body.errors[0].message).toMatch(/締め切られました/);
    expect((await tiesOf(A)).get(B)).toMatchObject({ source: 'survey', waveId });
  });
});
