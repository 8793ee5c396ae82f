/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * The introductions log (SPEC §10, issue 13) against the real Neo4j: introductionLog lists a
 * region's recorded introductions with status, note, date and who recorded it; updateIntroduction
 * moves the status on (accepted → made creates the KNOWS tie and the isolated-newcomer gap
 * closes; made → accepted removes the tie it made, not one that was there before), undoes a
 * decline, sets a note as typed, refuses any other move with a clear error and writes nothing;
 * a coordinator of another region is refused, and an analyst reads no note and no real name.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, TEST_ADMIN } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { codeOf, graphqlClient } from '../../test/graphqlClient';
import { personRow, twoRegions } from '../../test/twoRegions';
import { listAudit } from '../auth/audit';
import { personAlias } from '../auth/privacy';
import type { Database } from '../db/driver';
import { createApp } from '../http/app';
import { listenOnLoopback, type Listening } from '../http/listen';
import { importDataset } from '../import';

const P = 'test-intro:';
const frame = twoRegions(P, { a: 'ショウカイ市', b: 'ホカ町' });
const id = {
  ...frame.ids,
  local1: `${P}person:l1`,
  local2: `${P}person:l2`,
  local3: `${P}person:l3`,
  newcomer: `${P}person:n1`,
  sme: `${P}sme:s1`,
};
type Who = 'admin' | 'coord' | 'other' | 'city' | 'analyst';
const auth: Record<Who, Record<string, string>> = {
  admin: {},
  coord: {},
  other: {},
  city: {},
  analyst: {},
};

let db: Database;
let served: Listening | undefined;
let base = '';

const { gql, ok } = graphqlClient(() => base, auth);

const ENTRY = `id status note recordedAt recordedBy decidedAt updatedAt nextStatuses
  from { id kind name } to { id kind name } via { id kind name }`;
const LOG = `query($r: ID, $s: [IntroductionStatus!], $l: Int, $o: Int) {
  introductionLog(regionId: $r, statuses: $s, limit: $l, offset: $o) { ${ENTRY} } }`;
const UPDATE = `mutation($id: ID!, $status: IntroductionStatus, $note: String) {
  updateIntroduction(id: $id, status: $status, note: $note) {
    introduction { ${ENTRY} } changed tieCreated tieRemoved graphVersion } }`;
const RECORD = `mutation($f: ID!, $t: ID!, $v: ID, $s: IntroductionStatus!, $n: String) {
  recordIntroduction(fromId: $f, toId: $t, viaId: $v, status: $s, note: $n) { id status } }`;
const GAPS = `query($r: ID) { networkGaps(regionId: $r) { kind nodeIds } }`;

async function knows(a: string, b: string): Promise<Array<Record<string, unknown>>> {
  const res = await db.driver.executeQuery(
    'MATCH (:Entity {id: $a})-[k:KNOWS]-(:Entity {id: $b}) RETURN properties(k) AS p',
    { a, b },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => r.get('p') as Record<string, unknown>);
}
async function stored(introId: string): Promise<Record<string, unknown>> {
  const res = await db.driver.executeQuery(
    'MATCH (i:Introduction {id: $id}) RETURN properties(i) AS p',
    { id: introId },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records[0]!.get('p') as Record<string, unknown>;
}
async function graphVersion(): Promise<number> {
  const d = await ok('admin', `{ networkMap(regionId: "${id.region}") { graphVersion } }`);
  return d.networkMap.graphVersion as number;
}
const isolated = async (personId: string) =>
  (await ok('coord', GAPS, { r: id.region })).networkGaps.some(
    (g: any) => g.kind === 'ISOLATED_NEWCOMER' && g.nodeIds.includes(personId),
  );

async function removeIntroductions(): Promise<void> {
  await db.driver.executeQuery(
    `MATCH (i:Introduction)-[:FROM|TO]->(p:Entity) WHERE p.id STARTS WITH $prefix DETACH DELETE i`,
    { prefix: P },
    { database: db.database },
  );
}

beforeAll(async () => {
  db = await testDb();
  await removeIntroductions();
  await removeByIdPrefix(db, P);
  const person = personRow;
  const result = await importDataset(db, {
    nodes: {
      ...frame.nodes,
      SME: [
        {
          id: id.sme,
          name: 'ショウカイ製作所',
          industry: 'manufacturing',
          employees: 12,
          hasHrStaff: false,
          hasEvaluationSystem: false,
          stage: 'interested',
        },
      ],
      Person: [
        person(id.local1, '紹介 一郎'),
        person(id.local2, '紹介 二郎', { consentPublicProfile: true }),
        person(id.local3, '紹介 三郎'),
        person(id.newcomer, '紹介 新子', { origin: 'outside' }),
      ],
    },
    relationships: {
      ...frame.relationships,
      LOCATED_IN: [
        ...frame.relationships.LOCATED_IN,
        { from: id.sme, to: id.region },
        { from: id.local1, to: id.region },
        { from: id.local2, to: id.region },
        { from: id.local3, to: id.region },
        { from: id.newcomer, to: id.region },
      ],
      WORKS_AT: [{ from: id.local1, to: id.city }],
      KNOWS: [
        { from: id.local1, to: id.local2, strength: 2, source: 'seed' },
        { from: id.local1, to: id.local3, strength: 2, source: 'seed' },
        { from: id.newcomer, to: id.local1, strength: 1, source: 'seed' },
      ],
    },
  });
  expect(result.errors).toEqual([]);
  const app = createApp(db);
  await app.graphqlReady;
  auth.admin = await bearer(app, db, TEST_ADMIN);
  auth.coord = await bearer(app, db, {
    username: 'test-intro-coord',
    role: 'coordinator',
    deptId: id.dept,
    displayName: 'ショウカイ市 事務局',
  });
  auth.other = await bearer(app, db, {
    username: 'test-intro-other',
    role: 'coordinator',
    deptId: id.otherDept,
  });
  auth.city = await bearer(app, db, {
    username: 'test-intro-city',
    role: 'municipality',
    regionId: id.region,
  });
  auth.analyst = await bearer(app, db, { username: 'test-intro-analyst', role: 'analyst' });
  served = await listenOnLoopback(app);
  base = served.url;
}, 120_000);

afterAll(async () => {
  await served?.close();
  if (!db) return;
  await removeIntroductions();
  await removeByIdPrefix(db, P);
});

describe('introductionLog and updateIntroduction', () => {
  let introId = '';

  it('lists a recorded introduction with status, note, date, who recorded it and the names', async () => {
    expect(await isolated(id.newcomer)).toBe(true);
    const rec = await ok('coord', RECORD, {
      f: id.newcomer,
      t: id.local2,
      v: id.local1,
      s: 'accepted',
      n: '来月の交流会で',
    });
    introId = rec.recordIntroduction.id;
    const { introductionLog: log } = await ok('coord', LOG, { r: id.region });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: introId,
      status: 'accepted',
      note: '来月の交流会で',
      recordedBy: 'ショウカイ市 事務局',
      from: { id: id.newcomer, kind: 'Person', name: '紹介 新子' },
      to: { id: id.local2, kind: 'Person', name: '紹介 二郎' },
      via: { id: id.local1, name: '紹介 一郎' },
      nextStatuses: ['made', 'declined', 'suggested'],
    });
    expect(log[0].recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(log[0].decidedAt).toBe(log[0].recordedAt);
    // A status filter, and the other region's log does not have it.
    expect((await ok('coord', LOG, { r: id.region, s: ['made'] })).introductionLog).toEqual([]);
    expect((await ok('admin', LOG, { r: id.otherRegion })).introductionLog).toEqual([]);
  });

  it('accepted → made creates the KNOWS tie and the isolated-newcomer gap closes', async () => {
    expect(await knows(id.newcomer, id.local2)).toEqual([]);
    const before = await graphVersion();
    const { updateIntroduction: u } = await ok('coord', UPDATE, { id: introId, status: 'made' });
    expect(u).toMatchObject({ changed: ['status'], tieCreated: true, tieRemoved: false });
    expect(u.introduction).toMatchObject({ status: 'made', nextStatuses: ['accepted'] });
    expect(u.graphVersion).toBeGreaterThan(before);
    const tie = await knows(id.newcomer, id.local2);
    expect(tie).toHaveLength(1);
    expect(tie[0]).toMatchObject({ source: 'introduction', strength: 1 });
    expect(JSON.stringify(tie[0])).not.toContain('交流会');
    expect(await isolated(id.newcomer)).toBe(false);
    const [entry] = await listAudit(db, {
      limit: 1,
      offset: 0,
      actor: 'test-intro-coord',
      action: 'introduction.update',
    });
    expect(entry).toMatchObject({ target: introId });
    expect(JSON.parse(entry!.detail!)).toEqual({ from: 'accepted', to: 'made', note: false });
  });

  it('refuses a move that is not allowed with a clear error, and writes nothing', async () => {
    const version = await graphVersion();
    const audits = (
      await listAudit(db, { limit: 100, offset: 0, actor: 'test-intro-coord', action: null })
    ).length;
    for (const status of ['declined', 'suggested']) {
      const body = await gql('coord', UPDATE, { id: introId, status, note: '書き換え' });
      expect(codeOf(body)).toBe('BAD_USER_INPUT');
      expect(body.errors![0].message).toMatch(
        new RegExp(`cannot move from made to ${status}.*「紹介済み」から`),
      );
    }
    const nothing = await gql('coord', UPDATE, { id: introId });
    expect(codeOf(nothing)).toBe('BAD_USER_INPUT');
    expect(nothing.errors![0].message).toMatch(/nothing to change/);
    const missing = await gql('coord', UPDATE, { id: `${P}nope`, status: 'made' });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(await stored(introId)).toMatchObject({ status: 'made', reason: '来月の交流会で' });
    expect(await graphVersion()).toBe(version);
    expect(
      (await listAudit(db, { limit: 100, offset: 0, actor: 'test-intro-coord', action: null }))
        .length,
    ).toBe(audits);
  });

  it('sets the note as typed, and removes it with ""', async () => {
    const note = '  ＡＢＣ㈱の髙橋さん（𠮷田）も同席\n次回は来年  ';
    const { updateIntroduction: u } = await ok('coord', UPDATE, { id: introId, note });
    expect(u.changed).toEqual(['note']);
    expect(u.introduction.note).toBe(note.trim());
    expect((await stored(introId)).reason).toBe(note.trim());
    const again = await ok('coord', UPDATE, { id: introId, note });
    expect(again.updateIntroduction.changed).toEqual([]);
    const removed = await ok('coord', UPDATE, { id: introId, note: '' });
    expect(removed.updateIntroduction.introduction.note).toBeNull();
    expect(await stored(introId)).not.toHaveProperty('reason');
  });

  it('made → accepted removes the tie the introduction made, but keeps a tie that was there before', async () => {
    const { updateIntroduction: u } = await ok('coord', UPDATE, {
      id: introId,
      status: 'accepted',
    });
    expect(u).toMatchObject({ tieCreated: false, tieRemoved: true });
    expect(await knows(id.newcomer, id.local2)).toEqual([]);
    expect(await isolated(id.newcomer)).toBe(true);

    // local1 and local2 knew each other (seed): made and back leaves that tie as it was.
    const rec = await ok('coord', RECORD, { f: id.local2, t: id.local1, s: 'made' });
    const back = await ok('coord', UPDATE, {
      id: rec.recordIntroduction.id,
      status: 'accepted',
    });
    expect(back.updateIntroduction).toMatchObject({ tieCreated: false, tieRemoved: false });
    expect(await knows(id.local1, id.local2)).toEqual([
      expect.objectContaining({ source: 'seed', strength: 2 }),
    ]);
  });

  it('a decline is undone: back to suggested, without a decision date', async () => {
    const rec = await ok('coord', RECORD, { f: id.local3, t: id.newcomer, s: 'declined' });
    const declinedId = rec.recordIntroduction.id;
    const { introductionLog: declined } = await ok('coord', LOG, {
      r: id.region,
      s: ['declined'],
    });
    expect(declined.map((e: any) => e.id)).toEqual([declinedId]);
    expect(declined[0].nextStatuses).toEqual(['suggested', 'accepted']);
    const made = await gql('coord', UPDATE, { id: declinedId, status: 'made' });
    expect(codeOf(made)).toBe('BAD_USER_INPUT');
    expect(made.errors![0].message).toMatch(/undo the decline first/);
    const { updateIntroduction: u } = await ok('coord', UPDATE, {
      id: declinedId,
      status: 'suggested',
    });
    expect(u.introduction).toMatchObject({ status: 'suggested', decidedAt: null });
    expect(await stored(declinedId)).not.toHaveProperty('decidedAt');
    // Newest first; paged.
    const { introductionLog: all } = await ok('coord', LOG, { r: id.region });
    expect(all[0].id).toBe(declinedId);
    const { introductionLog: second } = await ok('coord', LOG, { r: id.region, l: 1, o: 1 });
    expect(second).toEqual([all[1]]);
  });

  it('another region’s coordinator is refused; a municipality reads but cannot write', async () => {
    expect(codeOf(await gql('other', LOG, { r: id.region }))).toBe('FORBIDDEN');
    const other = await gql('other', UPDATE, { id: introId, status: 'made' });
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(other.errors![0].message).not.toMatch(/accepted|made/);
    expect((await stored(introId)).status).toBe('accepted');
    const { introductionLog: seen } = await ok('city', LOG, { r: id.region });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e: any) => e.nextStatuses.length === 0)).toBe(true);
    expect(codeOf(await gql('city', UPDATE, { id: introId, status: 'made' }))).toBe('FORBIDDEN');
    expect(codeOf(await gql('analyst', UPDATE, { id: introId, status: 'made' }))).toBe('FORBIDDEN');
  });

  it('an analyst sees aliases (but a consenting person’s name), no note, no recorder, months', async () => {
    await ok('coord', UPDATE, { id: introId, note: '個人的なメモ' });
    const { introductionLog: log } = await ok('analyst', LOG, { r: id.region });
    const entry = log.find((e: any) => e.id === introId);
    expect(entry).toMatchObject({
      note: null,
      recordedBy: null,
      from: { id: id.newcomer, name: personAlias(id.newcomer) },
      to: { id: id.local2, name: '紹介 二郎' },
      via: { id: id.local1, name: personAlias(id.local1) },
      nextStatuses: [],
    });
    expect(entry.recordedAt).toMatch(/^\d{4}-\d{2}$/);
    expect(JSON.stringify(log)).not.toMatch(/紹介 (一郎|三郎|新子)|個人的なメモ|事務局/);
  });
});
