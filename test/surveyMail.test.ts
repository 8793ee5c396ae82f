/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * Survey links by e-mail (issue 14 "Tracking", docs/surveys.md) against the real server, Neo4j
 * and a real SMTP server on loopback (smtp-server): a coordinator of 塩尻市 sends the invitation
 * and the reminder to chosen respondents; each mail goes to that person's address with the
 * Japanese text and their own current link and nobody else's; persons without a usable
 * address (none recorded, or not shared with coordinators), who submitted, or (invitation) who
 * started are skipped; a refused recipient is reported as failed; links do not change; every
 * sending is audited. Without SMTP settings nothing is offered and nothing is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../server/auth/audit';
import { cypher } from '../server/db/cypher';
import type { Database } from '../server/db/driver';
import { createApp, type App } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { addDaysIso, today } from '../common/dates';
import { MAX_MAIL_BATCH } from '../common/surveyMail';
import { ensurePilotSeed } from '../web/e2e/server';
import { bearer } from './auth';
import { removePersonsNamed, testDb } from './db';
import { SMTP_USER, startTestSmtp, type TestSmtp } from './smtp';

const NAME = 'メール試験';
const FROM = '塩尻市 地域の人事部 <chiiki@example.jp>';
const WAVE_NAME = '令和7年度 メール試験';

let db: Database;
let app: App;
let served: Listening | undefined;
let smtp: TestSmtp;
const headers: Record<string, Record<string, string>> = {};
let waveId = '';
/** The six respondents: id, address and consent to share contact. */
const P: Record<string, { id: string; email: string | null; shared: boolean }> = {
  A: { id: '', email: 'a.mail-test@example.jp', shared: true },
  B: { id: '', email: 'b.mail-test@example.jp', shared: true },
  C: { id: '', email: null, shared: true },
  D: { id: '', email: 'd.mail-test@example.jp', shared: false },
  E: { id: '', email: 'e.mail-test@example.jp', shared: true },
  F: { id: '', email: 'f.mail-test@example.jp', shared: true },
};
/** Each respondent's link path when the wave opened. */
const linkPath: Record<string, string> = {};

async function gql(
  who: string,
  query: string,
  variables: Record<string, unknown> = {},
  url = served!.url,
) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers[who] },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}
const codeOf = (body: any): string | null => body.errors?.[0]?.extensions?.code ?? null;

async function survey(method: string, path: string, key: string, body: unknown) {
  const res = await fetch(`${served!.url}/survey-api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${linkPath[key]!.split('#t=')[1]}`,
    },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

const SEND = `mutation($w: ID!, $ids: [ID!]!, $kind: WaveMailKind!) {
  sendWaveLinks(waveId: $w, personIds: $ids, kind: $kind) {
    kind sent skipped failed results { personId name outcome reason smtpCode } } }`;
const send = (who: string, keys: string[], kind: 'INVITATION' | 'REMINDER') =>
  gql(who, SEND, { w: waveId, ids: keys.map((k) => P[k]!.id), kind });
const outcomes = (report: any) =>
  Object.fromEntries(
    Object.entries(P).flatMap(([k, p]) => {
      const r = report.results.find((x: any) => x.personId === p.id);
      return r ? [[k, r.reason ? `${r.outcome}:${r.reason}` : r.outcome]] : [];
    }),
  );

const removeTestPersons = () => removePersonsNamed(db, NAME);

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  await removeTestPersons();
  smtp = await startTestSmtp();
  app = createApp(db, { mail: { url: smtp.url, from: FROM } });
  await app.graphqlReady;
  headers.shiojiri = await bearer(app, db, {
    username: 'mail-shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
  });
  headers.admin = await bearer(app, db, { username: 'mail-admin', role: 'admin' });
  served = await listenOnLoopback(app);
  for (const [key, p] of Object.entries(P)) {
    const made = await gql(
      'admin',
      `mutation($fields: [FieldChange!]!) { createNode(kind: Person, fields: $fields,
         ties: [{ type: LOCATED_IN, otherId: "region:shiojiri" }]) { id } }`,
      {
        fields: [
          { name: 'name', value: `${NAME} ${key}` },
          { name: 'origin', value: 'local' },
          { name: 'consentShareContact', value: String(p.shared) },
          ...(p.email ? [{ name: 'email', value: p.email }] : []),
        ],
      },
    );
    expect(made.errors).toBeUndefined();
    p.id = made.data.createNode.id;
  }
  const wave = await gql(
    'shiojiri',
    `mutation($ids: [ID!]) { createWave(name: "${WAVE_NAME}", endDate: "${addDaysIso(today(), 14)}", personIds: $ids) { id } }`,
    { ids: Object.values(P).map((p) => p.id) },
  );
  expect(wave.errors).toBeUndefined();
  waveId = wave.data.createWave.id;
  const opened = await gql(
    'shiojiri',
    `mutation { openWave(id: "${waveId}") { respondents { personId linkPath } } }`,
  );
  for (const [key, p] of Object.entries(P))
    linkPath[key] = opened.data.openWave.respondents.find((r: any) => r.personId === p.id).linkPath;
  // E has submitted, F has started.
  await survey('POST', '/submit', 'E', { shareContact: true });
  await survey('PUT', '/draft', 'F', { wishText: '途中' });
  smtp.refuse.add(P.B!.email!);
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
  if (db) await removeTestPersons();
  await served?.close();
  app?.surveys.close();
  await smtp?.close();
});

describe('survey links by e-mail', () => {
  it('tells the app that mail is configured, and whom an address reaches (a coordinator: shared ones only)', async () => {
    const q = `{ wave(id: "${waveId}") { mailConfigured respondents { personId hasEmail } } }`;
    const has = (body: any) =>
      Object.fromEntries(
        Object.entries(P).map(([k, p]) => [
          k,
          body.data.wave.respondents.find((r: any) => r.personId === p.id).hasEmail,
        ]),
      );
    const coord = await gql('shiojiri', q);
    expect(coord.data.wave.mailConfigured).toBe(true);
    expect(has(coord)).toEqual({ A: true, B: true, C: false, D: false, E: true, F: true });
    expect(has(await gql('admin', q))).toMatchObject({ C: false, D: true });
  });

  it('an invitation goes to those not started with a shared address, with their own link in Japanese', async () => {
    const body = await send('shiojiri', ['A', 'B', 'C', 'D', 'E', 'F', 'A'], 'INVITATION');
    expect(body.errors).toBeUndefined();
    const report = body.data.sendWaveLinks;
    expect(outcomes(report)).toEqual({
      A: 'sent',
      B: 'failed:SEND_FAILED',
      C: 'skipped:NO_EMAIL',
      D: 'skipped:NO_EMAIL',
      E: 'skipped:SUBMITTED',
      F: 'skipped:STARTED',
    });
    expect(report.results).toHaveLength(6);
    expect(report).toMatchObject({ kind: 'INVITATION', sent: 1, skipped: 4, failed: 1 });
    expect(report.results.find((r: any) => r.personId === P.B!.id).smtpCode).toBe(550);
    expect(report.results.find((r: any) => r.personId === P.A!.id).name).toBe(`${NAME} A`);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([P.A!.email]);
    expect(mail.from).toBe('chiiki@example.jp');
    expect(mail.user).toBe(SMTP_USER);
    expect(mail.subject).toBe(`【つながり調査】「${WAVE_NAME}」ご回答のお願い`);
    expect(mail.text).toContain(`${NAME} A 様`);
    expect(mail.text).toContain(`つながり調査「${WAVE_NAME}」`);
    expect(mail.text).toContain(`${served!.url}${linkPath.A}`);
    for (const k of ['B', 'C', 'D', 'E', 'F'])
      expect(mail.text).not.toContain(linkPath[k]!.split('#t=')[1]);
  });

  it('a reminder goes to the started and the not started, each with their own link only', async () => {
    smtp.received.length = 0;
    const body = await send('shiojiri', ['A', 'E', 'F'], 'REMINDER');
    expect(body.errors).toBeUndefined();
    expect(outcomes(body.data.sendWaveLinks)).toEqual({
      A: 'sent',
      E: 'skipped:SUBMITTED',
      F: 'sent',
    });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([P.A!.email, P.F!.email]);
    for (const mail of smtp.received) {
      const key = mail.to[0] === P.A!.email ? 'A' : 'F';
      expect(mail.subject).toMatch(/^【再送・つながり調査】/);
      expect(mail.text).toContain(`${NAME} ${key} 様`);
      expect(mail.text).toContain(`${served!.url}${linkPath[key]}`);
      for (const other of Object.keys(P).filter((k) => k !== key))
        expect(mail.text).not.toContain(linkPath[other]!.split('#t=')[1]);
    }
    const f = smtp.received.find((m) => m.to[0] === P.F!.email)!;
    expect(f.text).toContain('途中までのご回答は保存されています');
  });

  it('an admin may use every recorded address', async () => {
    smtp.received.length = 0;
    const body = await send('admin', ['D'], 'INVITATION');
    expect(outcomes(body.data.sendWaveLinks)).toEqual({ D: 'sent' });
    expect(smtp.received.map((m) => m.to)).toEqual([[P.D!.email]]);
    expect(smtp.received[0]!.text).toContain(`${served!.url}${linkPath.D}`);
  });

  it('sending changes no link, and each sending is audited without links or addresses', async () => {
    const now = await gql(
      'shiojiri',
      `{ wave(id: "${waveId}") { respondents { personId linkPath } } }`,
    );
    for (const [k, p] of Object.entries(P))
      expect(now.data.wave.respondents.find((r: any) => r.personId === p.id).linkPath).toBe(
        linkPath[k],
      );
    const entries = (
      await listAudit(db, { limit: 50, offset: 0, actor: null, action: 'survey.mail' })
    ).filter((e) => e.target === waveId);
    expect(entries.map((e) => e.actor).sort()).toEqual([
      'mail-admin',
      'mail-shiojiri',
      'mail-shiojiri',
    ]);
    const invitation = entries.find(
      (e) => e.actor === 'mail-shiojiri' && JSON.parse(e.detail!).kind === 'INVITATION',
    )!;
    expect(JSON.parse(invitation.detail!)).toEqual({
      kind: 'INVITATION',
      sent: [P.A!.id],
      failed: [P.B!.id],
      skipped: 4,
    });
    const all = JSON.stringify(entries);
    expect(all).not.toContain('#t=');
    expect(all).not.toContain('@example.jp');
  });

  it('refuses more than the batch allows, and a wave that is not open, saying why', async () => {
    const many = Array.from({ length: MAX_MAIL_BATCH + 1 }, (_, i) => `person:x${i}`);
    const big = await gql('shiojiri', SEND, { w: waveId, ids: many, kind: 'REMINDER' });
    expect(codeOf(big)).toBe('BAD_USER_INPUT');
    expect(big.errors[0].message).toMatch(/at most 500/);
    const closed = await gql('shiojiri', `mutation { closeWave(id: "${waveId}") { state } }`);
    expect(closed.data.closeWave.state).toBe('closed');
    smtp.received.length = 0;
    const late = await send('shiojiri', ['A'], 'REMINDER');
    expect(codeOf(late)).toBe('BAD_USER_INPUT');
    expect(late.errors[0].message).toMatch(/締切済み/);
    expect(smtp.received).toHaveLength(0);
  });

  it('without SMTP settings nothing is offered and nothing is sent', async () => {
    const off = createApp(db, { mail: null, warm: false });
    await off.graphqlReady;
    const listening = await listenOnLoopback(off);
    try {
      headers.offAdmin = await bearer(off, db, { username: 'mail-admin', role: 'admin' });
      const open = await gql(
        'offAdmin',
        `mutation { createWave(deptId: "dept:shiojiri", name: "${WAVE_NAME} 設定なし", endDate: "${addDaysIso(today(), 14)}", personIds: ["${P.A!.id}"]) { id } }`,
        {},
        listening.url,
      );
      const id = open.data.createWave.id as string;
      try {
        const opened = await gql(
          'offAdmin',
          `mutation { openWave(id: "${id}") { mailConfigured } }`,
          {},
          listening.url,
        );
        expect(opened.data.openWave.mailConfigured).toBe(false);
        const refused = await gql(
          'offAdmin',
          SEND,
          { w: id, ids: [P.A!.id], kind: 'INVITATION' },
          listening.url,
        );
        expect(codeOf(refused)).toBe('BAD_USER_INPUT');
        expect(refused.errors[0].message).toMatch(/メール送信が設定されていません/);
        expect(smtp.received).toHaveLength(0);
      } finally {
        await db.driver.executeQuery(
          cypher('survey-wave-delete'),
          { id },
          { database: db.database },
        );
      }
    } finally {
      await listening.close();
    }
  });
});
