/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * Survey waves (issue 14) against the real server and Neo4j with the pilot seed: a coordinator
 * of 塩尻市 creates a wave, picks its roster, opens it (every respondent gets a link), follows
 * the tracking, reissues and revokes links and closes it; the state rules and the roster rule
 * (persons of the dept's regions only) hold; every step is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../server/auth/audit';
import { cypher } from '../server/db/cypher';
import type { Database } from '../server/db/driver';
import { createApp, type App } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { LinkRefused, surveyLinksFromConfig } from '../server/surveys/links';
import { addDaysIso, today } from '../common/dates';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer } from './auth';
import { testDb } from './db';

let db: Database;
let app: App;
let served: Listening | undefined;
const headers: Record<string, Record<string, string>> = {};
const created: string[] = [];

async function gql(who: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${served!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers[who] },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}
const codeOf = (body: any): string | null => body.errors?.[0]?.extensions?.code ?? null;

const WAVE_FIELDS = `id deptId name endDate state rosterSize submitted started notStarted responseRate
  respondents { personId name status statusJa linkPath linkExpiresAt revoked }`;

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  app = createApp(db);
  await app.graphqlReady;
  headers.shiojiri = await bearer(app, db, {
    username: 'wave-shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
  });
  headers.tsubame = await bearer(app, db, {
    username: 'wave-tsubame',
    role: 'coordinator',
    deptId: 'dept:tsubame',
  });
  headers.admin = await bearer(app, db, { username: 'wave-admin', role: 'admin' });
  served = await listenOnLoopback(app);
}, 300_000);

afterAll(async () => {
  for (const id of created)
    await db.driver.executeQuery(cypher('survey-wave-delete'), { id }, { database: db.database });
  await served?.close();
});

describe('survey waves', () => {
  let candidates: Array<{ personId: string; name: string; group: string }> = [];
  let waveId = '';

  it('lists the roster candidates of the dept, member staff first', async () => {
    const body = await gql('shiojiri', `{ waveRosterCandidates { personId name group regionId } }`);
    expect(body.errors).toBeUndefined();
    candidates = body.data.waveRosterCandidates;
    expect(candidates.length).toBeGreaterThan(8);
    expect(candidates[0]!.group).toBe('member_staff');
    expect(new Set(candidates.map((c: any) => c.regionId))).toEqual(new Set(['region:shiojiri']));
  });

  it('creates a draft with a roster of 8 and the default consent text', async () => {
    const body = await gql(
      'shiojiri',
      `mutation($ids: [ID!]) { createWave(name: "令和7年度 第1回", endDate: "${addDaysIso(today(), 30)}", personIds: $ids) { ${WAVE_FIELDS} consentText } }`,
      { ids: candidates.slice(0, 8).map((c) => c.personId) },
    );
    expect(body.errors).toBeUndefined();
    const w = body.data.createWave;
    waveId = w.id;
    created.push(w.id);
    expect(w).toMatchObject({
      deptId: 'dept:shiojiri',
      name: '令和7年度 第1回',
      state: 'draft',
      rosterSize: 8,
    });
    expect(w.consentText).toMatch(/個人情報の保護に関する法律/);
    expect(w.respondents.every((r: any) => r.linkPath === null && r.status === 'not_started')).toBe(
      true,
    );
  });

  it('refuses a roster person outside the dept’s regions, and a past end date, naming the field', async () => {
    const tsubame = await gql('tsubame', `{ waveRosterCandidates { personId } }`);
    const outsider = tsubame.data.waveRosterCandidates[0].personId;
    const bad = await gql(
      'shiojiri',
      `mutation { setWaveRoster(id: "${waveId}", personIds: ["${outsider}"]) { id } }`,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors[0].message).toContain(outsider);
    const past = await gql(
      'shiojiri',
      `mutation { editWave(id: "${waveId}", endDate: "2020-01-01") { id } }`,
    );
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(past.errors[0].message).toMatch(/endDate: must not be in the past/);
  });

  it('a draft roster is replaced; opening gives every respondent a link', async () => {
    const ids = candidates.slice(1, 9).map((c) => c.personId);
    const set = await gql(
      'shiojiri',
      `mutation($ids: [ID!]!) { setWaveRoster(id: "${waveId}", personIds: $ids) { rosterSize respondents { personId } } }`,
      { ids },
    );
    expect(set.data.setWaveRoster.rosterSize).toBe(8);
    expect(set.data.setWaveRoster.respondents.map((r: any) => r.personId).sort()).toEqual(
      [...ids].sort(),
    );
    const opened = await gql(
      'shiojiri',
      `mutation { openWave(id: "${waveId}") { ${WAVE_FIELDS} } }`,
    );
    expect(opened.errors).toBeUndefined();
    const w = opened.data.openWave;
    expect(w.state).toBe('open');
    expect(w).toMatchObject({ rosterSize: 8, submitted: 0, notStarted: 8, responseRate: 0 });
    const paths = w.respondents.map((r: any) => r.linkPath);
    expect(paths.every((p: string) => /^\/survey#t=[\w-]+\.[\w-]+\.[\w-]+$/.test(p))).toBe(true);
    expect(new Set(paths).size).toBe(8);
    // the same link every time it is shown (the CSV and the page agree)
    const again = await gql(
      'shiojiri',
      `{ wave(id: "${waveId}") { respondents { personId linkPath } } }`,
    );
    expect(again.data.wave.respondents.map((r: any) => r.linkPath).sort()).toEqual(
      [...paths].sort(),
    );
    // a link names its wave and person, and expires at the end of the end date (JST)
    const links = surveyLinksFromConfig();
    const first = w.respondents[0];
    const claims = await links.verify(first.linkPath.split('#t=')[1]);
    expect(claims).toMatchObject({ waveId, personId: first.personId });
    expect(new Date(claims.exp * 1000).toISOString()).toBe(first.linkExpiresAt);
    expect(first.linkExpiresAt).toBe(new Date(`${w.endDate}T23:59:59+09:00`).toISOString());
  });

  it('an open roster only grows; removing someone is refused with the way out', async () => {
    const w = (await gql('shiojiri', `{ wave(id: "${waveId}") { respondents { personId } } }`)).data
      .wave;
    const ids = w.respondents.map((r: any) => r.personId);
    const shrink = await gql(
      'shiojiri',
      `mutation($ids: [ID!]!) { setWaveRoster(id: "${waveId}", personIds: $ids) { id } }`,
      { ids: ids.slice(1) },
    );
    expect(codeOf(shrink)).toBe('BAD_USER_INPUT');
    expect(shrink.errors[0].message).toMatch(/revoke/);
    const grow = await gql(
      'shiojiri',
      `mutation($ids: [ID!]!) { setWaveRoster(id: "${waveId}", personIds: $ids) { rosterSize respondents { personId linkPath } } }`,
      { ids: [...ids, candidates[0]!.personId] },
    );
    expect(grow.data.setWaveRoster.rosterSize).toBe(9);
    const added = grow.data.setWaveRoster.respondents.find(
      (r: any) => r.personId === candidates[0]!.personId,
    );
    expect(added.linkPath).toMatch(/^\/survey#t=/);
  });

  it('reissue replaces a link, revoke ends it; both audited', async () => {
    const w = (
      await gql('shiojiri', `{ wave(id: "${waveId}") { respondents { personId linkPath } } }`)
    ).data.wave;
    const r = w.respondents[0];
    const re = await gql(
      'shiojiri',
      `mutation { reissueWaveLink(waveId: "${waveId}", personId: "${r.personId}") { linkPath revoked } }`,
    );
    expect(re.data.reissueWaveLink.linkPath).not.toBe(r.linkPath);
    const rv = await gql(
      'shiojiri',
      `mutation { revokeWaveLink(waveId: "${waveId}", personId: "${r.personId}") { linkPath revoked } }`,
    );
    expect(rv.data.revokeWaveLink).toEqual({ linkPath: null, revoked: true });
    const audit = await listAudit(db, {
      limit: 20,
      offset: 0,
      actor: 'wave-shiojiri',
      action: 'survey.',
    });
    const actions = audit.filter((a) => a.target === waveId).map((a) => a.action);
    for (const a of [
      'survey.create',
      'survey.roster',
      'survey.open',
      'survey.link.reissue',
      'survey.link.revoke',
    ])
      expect(actions).toContain(a);
  });

  it('a coordinator of 燕市 can neither see nor run the wave; their list does not show it', async () => {
    const read = await gql('tsubame', `{ wave(id: "${waveId}") { id } }`);
    expect(codeOf(read)).toBe('FORBIDDEN');
    expect(read.errors[0].message).toMatch(/他の地域の人事部/);
    const close = await gql('tsubame', `mutation { closeWave(id: "${waveId}") { id } }`);
    expect(codeOf(close)).toBe('FORBIDDEN');
    const list = await gql('tsubame', `{ waves { id } }`);
    expect(list.data.waves.map((w: any) => w.id)).not.toContain(waveId);
    const own = await gql('shiojiri', `{ waves { id } }`);
    expect(own.data.waves.map((w: any) => w.id)).toContain(waveId);
  });

  it('closing ends the wave: no more changes, no more links', async () => {
    const closed = await gql(
      'shiojiri',
      `mutation { closeWave(id: "${waveId}") { state respondents { linkPath } } }`,
    );
    expect(closed.data.closeWave.state).toBe('closed');
    expect(closed.data.closeWave.respondents.every((r: any) => r.linkPath === null)).toBe(true);
    const again = await gql(
      'shiojiri',
      `mutation { setWaveRoster(id: "${waveId}", personIds: []) { id } }`,
    );
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors[0].message).toMatch(/締切済み/);
  });

  it('refuses tampered and foreign tokens as invalid', async () => {
    const links = surveyLinksFromConfig();
    const token = await links.sign({
      waveId,
      personId: 'p',
      jti: 'j',
      iat: 1,
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    const tampered = token.slice(0, -3) + (token.endsWith('A') ? 'BBB' : 'AAA');
    await expect(links.verify(tampered)).rejects.toEqual(new LinkRefused('invalid'));
    const api = headers.admin!.authorization!.slice('Bearer '.length);
    await expect(links.verify(api)).rejects.toEqual(new LinkRefused('invalid'));
    const old = await links.sign({ waveId, personId: 'p', jti: 'j', iat: 1, exp: 2 });
    await expect(links.verify(old)).rejects.toEqual(new LinkRefused('expired'));
  });
});
