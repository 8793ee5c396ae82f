/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * Keeping the network current through the API (SPEC §10, issue 13) against the real Neo4j:
 * createNode, setRelationship, deleteRelationship, recordFollowUp, duplicateCandidates,
 * mergeNodes and deleteNode (with erase) write through the one write path — text as typed, a
 * coordinator only inside their regions, every write audited (an erasure without its content),
 * and the analytics follow (the isolated newcomer and the overdue follow-up close).
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, TEST_ADMIN } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { codeOf, graphqlClient } from '../../test/graphqlClient';
import { personRow, twoRegions } from '../../test/twoRegions';
import { listAudit } from '../auth/audit';
import type { Database } from '../db/driver';
import { createApp } from '../http/app';
import { listenOnLoopback, type Listening } from '../http/listen';
import { importDataset } from '../import';

const P = 'test-entry:';
const frame = twoRegions(P, { a: 'エントリ市', b: 'ベツ村' });
const id = {
  ...frame.ids,
  sme: `${P}sme:s1`,
  local1: `${P}person:l1`,
  local2: `${P}person:l2`,
  coordinator: `${P}person:coord`,
  talent: `${P}person:t1`,
  ueda: `${P}person:ueda`,
  outsider: `${P}person:outsider`,
};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const TODAY = new Date().toISOString().slice(0, 10);

let db: Database;
let served: Listening | undefined;
let base = '';
const auth: Record<'admin' | 'coord' | 'other', Record<string, string>> = {
  admin: {},
  coord: {},
  other: {},
};
/** Nodes created by the tests (UUIDs), removed afterwards. */
const created: string[] = [];

const { gql, ok } = graphqlClient(() => base, auth);

async function props(nodeId: string): Promise<Record<string, unknown> | null> {
  const res = await db.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) RETURN properties(n) AS p, labels(n) AS l',
    { id: nodeId },
    { database: db.database },
  );
  const r = res.records[0];
  return r ? { ...(r.get('p') as object), labels: r.get('l') } : null;
}
async function ties(nodeId: string): Promise<Array<{ type: string; other: string; props: any }>> {
  const res = await db.driver.executeQuery(
    'MATCH (n:Entity {id: $id})-[r]-(o:Entity) RETURN type(r) AS t, o.id AS o, properties(r) AS p ORDER BY t, o',
    { id: nodeId },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => ({ type: r.get('t'), other: r.get('o'), props: r.get('p') }));
}

const CREATE = `mutation($kind: MapNodeKind!, $fields: [FieldChange!]!, $ties: [NewTie!]) {
  createNode(kind: $kind, fields: $fields, ties: $ties) { id kind name createdAt ties graphVersion } }`;
const GAPS = `query($r: ID) { networkGaps(regionId: $r) { kind nodeIds } }`;

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  const person = personRow;
  const result = await importDataset(db, {
    nodes: {
      ...frame.nodes,
      SME: [
        {
          id: id.sme,
          name: 'エントリ精機',
          industry: 'manufacturing',
          employees: 30,
          hasHrStaff: false,
          hasEvaluationSystem: false,
          stage: 'matched',
        },
      ],
      Person: [
        person(id.local1, 'エントリ 一郎'),
        person(id.local2, 'エントリ 二郎'),
        person(id.coordinator, 'エントリ 事務局'),
        person(id.talent, 'エントリ 副業', {
          origin: 'outside',
          isTalent: true,
          talentKind: 'side_job',
        }),
        person(id.ueda, '上田 浩二', { nameKana: 'うえだ こうじ', email: 'ueda@example.jp' }),
        person(id.outsider, 'ベツ 三郎'),
      ],
    },
    relationships: {
      ...frame.relationships,
      LOCATED_IN: [
        ...frame.relationships.LOCATED_IN,
        { from: id.sme, to: id.region },
        { from: id.local1, to: id.region },
        { from: id.local2, to: id.region },
        { from: id.coordinator, to: id.region },
        { from: id.ueda, to: id.region },
        { from: id.outsider, to: id.otherRegion },
      ],
      WORKS_AT: [
        { from: id.coordinator, to: id.city },
        { from: id.ueda, to: id.city },
      ],
      KNOWS: [
        { from: id.local1, to: id.local2, strength: 2, source: 'seed' },
        { from: id.talent, to: id.local1, strength: 1, source: 'seed' },
        { from: id.talent, to: id.local2, strength: 1, source: 'seed' },
      ],
      ENGAGED_WITH: [
        {
          from: id.talent,
          to: id.sme,
          status: 'active',
          startedAt: daysAgo(200),
          lastFollowUpAt: daysAgo(120),
        },
      ],
    },
  });
  expect(result.errors).toEqual([]);
  const app = createApp(db);
  await app.graphqlReady;
  auth.admin = await bearer(app, db, TEST_ADMIN);
  auth.coord = await bearer(app, db, {
    username: 'test-entry-coord',
    role: 'coordinator',
    deptId: id.dept,
  });
  auth.other = await bearer(app, db, {
    username: 'test-entry-other',
    role: 'coordinator',
    deptId: id.otherDept,
  });
  served = await listenOnLoopback(app);
  base = served.url;
}, 120_000);

afterAll(async () => {
  await served?.close();
  if (!db) return;
  await db.driver.executeQuery(
    'UNWIND $ids AS i MATCH (n:Entity {id: i}) DETACH DELETE n',
    { ids: created },
    { database: db.database },
  );
  await removeByIdPrefix(db, P);
});

describe('createNode', () => {
  it('creates a talent with フリガナ, as typed, with ties to two local persons: the isolated-newcomer gap closes', async () => {
    const fields = [
      { name: 'name', value: '  （株）ＡＢＣ　髙橋 𠮷子  ' },
      { name: 'nameKana', value: 'タカハシ ヨシコ' },
      { name: 'origin', value: 'outside' },
      { name: 'isTalent', value: 'true' },
      { name: 'talentKind', value: 'professional' },
      { name: 'hoursPerMonth', value: '２０' },
      { name: 'remoteOk', value: 'はい' },
      { name: 'mind', value: '4' },
    ];
    const alone = await ok('coord', CREATE, {
      kind: 'Person',
      fields,
      ties: [{ type: 'LOCATED_IN', otherId: id.region }],
    });
    created.push(alone.createNode.id);
    expect(alone.createNode.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(alone.createNode).toMatchObject({
      kind: 'Person',
      name: '（株）ＡＢＣ　髙橋 𠮷子',
      ties: 1,
    });
    const stored = await props(alone.createNode.id);
    expect(stored).toMatchObject({
      name: '（株）ＡＢＣ　髙橋 𠮷子',
      nameKana: 'タカハシ ヨシコ',
      talentKind: 'professional',
      hoursPerMonth: 20,
      remoteOk: true,
      mind: 4,
    });
    expect(stored!.labels).toEqual(expect.arrayContaining(['Person', 'Talent', 'Entity']));
    const gapsBefore = await ok('coord', GAPS, { r: id.region });
    expect(
      gapsBefore.networkGaps.some(
        (g: any) => g.kind === 'ISOLATED_NEWCOMER' && g.nodeIds.includes(alone.createNode.id),
      ),
    ).toBe(true);

    for (const other of [id.local1, id.local2]) {
      const set = await ok(
        'coord',
        `mutation($f: ID!, $t: ID!) { setRelationship(type: KNOWS, from: $f, to: $t,
           properties: [{ name: "strength", value: "2" }, { name: "context", value: "セミナーで会った" }]) {
           created updated deleted graphVersion } }`,
        { f: alone.createNode.id, t: other },
      );
      expect(set.setRelationship).toMatchObject({ created: true, updated: false });
    }
    const knows = (await ties(alone.createNode.id)).filter((t) => t.type === 'KNOWS');
    expect(knows).toHaveLength(2);
    expect(knows[0]!.props).toMatchObject({
      since: TODAY,
      source: 'manual',
      context: 'セミナーで会った',
    });
    const gapsAfter = await ok('coord', GAPS, { r: id.region });
    expect(
      gapsAfter.networkGaps.some(
        (g: any) => g.kind === 'ISOLATED_NEWCOMER' && g.nodeIds.includes(alone.createNode.id),
      ),
    ).toBe(false);

    const audit = await listAudit(db, {
      limit: 10,
      offset: 0,
      actor: 'test-entry-coord',
      action: 'node.create',
    });
    expect(audit[0]).toMatchObject({ target: alone.createNode.id });
    expect(audit[0]!.detail ?? '').not.toContain('髙橋');
  });

  it('records a 協議会 with its host and attendees in one call', async () => {
    const { createNode } = await ok('coord', CREATE, {
      kind: 'Event',
      fields: [
        { name: 'name', value: 'エントリ市 第3回協議会' },
        { name: 'kind', value: 'council' },
        { name: 'date', value: daysAgo(1) },
      ],
      ties: [
        { type: 'HOSTED', otherId: id.city, incoming: true },
        { type: 'ATTENDED', otherId: id.local1, incoming: true },
        { type: 'ATTENDED', otherId: id.local2, incoming: true },
        { type: 'PARTICIPATED', otherId: id.sme, incoming: true },
      ],
    });
    created.push(createNode.id);
    expect(createNode.ties).toBe(4);
    expect((await ties(createNode.id)).map((t) => `${t.type}:${t.other}`)).toEqual([
      `ATTENDED:${id.local1}`,
      `ATTENDED:${id.local2}`,
      `HOSTED:${id.city}`,
      `PARTICIPATED:${id.sme}`,
    ]);
  });

  it('names each bad field, writes nothing, and refuses a node outside the caller’s regions', async () => {
    const bad = await gql('coord', CREATE, {
      kind: 'Person',
      fields: [
        { name: 'name', value: 'x' },
        { name: 'origin', value: 'mars' },
        { name: 'nickname', value: 'y' },
      ],
      ties: [{ type: 'LOCATED_IN', otherId: id.region }],
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const fields = bad.errors![0].extensions.fields.map((f: any) => f.field).sort();
    expect(fields).toEqual(['nickname', 'origin']);

    const nowhere = await gql('coord', CREATE, {
      kind: 'Person',
      fields: [
        { name: 'name', value: '宙に浮く人' },
        { name: 'origin', value: 'local' },
      ],
    });
    expect(codeOf(nowhere)).toBe('BAD_USER_INPUT');
    expect(nowhere.errors![0].message).toMatch(/ties/);

    const elsewhere = await gql('coord', CREATE, {
      kind: 'Person',
      fields: [
        { name: 'name', value: '越境 太郎' },
        { name: 'origin', value: 'local' },
      ],
      ties: [{ type: 'LOCATED_IN', otherId: id.otherRegion }],
    });
    expect(codeOf(elsewhere)).toBe('FORBIDDEN');
    const res = await db.driver.executeQuery(
      "MATCH (p:Person) WHERE p.name IN ['宙に浮く人', '越境 太郎', 'x'] RETURN count(p) AS n",
      {},
      { database: db.database },
    );
    expect(Number(res.records[0]!.get('n'))).toBe(0);
  });
});

describe('setRelationship and deleteRelationship', () => {
  it('changes only the properties given, either way round for a symmetric tie, and deletes', async () => {
    const upd = await ok(
      'coord',
      `mutation { setRelationship(type: KNOWS, from: "${id.local2}", to: "${id.local1}",
         properties: [{ name: "strength", value: "3" }]) { created updated } }`,
    );
    expect(upd.setRelationship).toEqual({ created: false, updated: true });
    const k = (await ties(id.local1)).find((t) => t.type === 'KNOWS' && t.other === id.local2)!;
    expect(k.props).toMatchObject({ strength: 3, source: 'seed' });
    expect(k.props.since).toBeUndefined();

    const bad = await gql(
      'coord',
      `mutation { setRelationship(type: KNOWS, from: "${id.local2}", to: "${id.local1}",
         properties: [{ name: "strength", value: "9" }]) { created } }`,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0].extensions.fields).toEqual([
      expect.objectContaining({ field: 'strength', code: 'max', max: 3 }),
    ]);

    const works = await ok(
      'coord',
      `mutation { setRelationship(type: WORKS_AT, from: "${id.local1}", to: "${id.sme}",
         properties: [{ name: "title", value: "営業部長" }]) { created } }`,
    );
    expect(works.setRelationship.created).toBe(true);
    const del = await ok(
      'coord',
      `mutation { deleteRelationship(type: WORKS_AT, from: "${id.local1}", to: "${id.sme}") { deleted } }`,
    );
    expect(del.deleteRelationship.deleted).toBe(true);
    const again = await gql(
      'coord',
      `mutation { deleteRelationship(type: WORKS_AT, from: "${id.local1}", to: "${id.sme}") { deleted } }`,
    );
    expect(codeOf(again)).toBe('NOT_FOUND');
  });

  it('a coordinator of another region can neither tie nor untie this one’s persons', async () => {
    const tie = await gql(
      'other',
      `mutation { setRelationship(type: KNOWS, from: "${id.outsider}", to: "${id.local1}") { created } }`,
    );
    expect(codeOf(tie)).toBe('FORBIDDEN');
    const untie = await gql(
      'other',
      `mutation { deleteRelationship(type: KNOWS, from: "${id.local1}", to: "${id.local2}") { deleted } }`,
    );
    expect(codeOf(untie)).toBe('FORBIDDEN');
    expect((await ties(id.local1)).some((t) => t.other === id.outsider)).toBe(false);
  });
});

describe('recordFollowUp', () => {
  const FOLLOW = `mutation($date: String!, $note: String, $who: ID) {
    recordFollowUp(talentId: "${id.talent}", smeId: "${id.sme}", date: $date, note: $note, whoId: $who) {
      eventId lastFollowUpAt graphVersion } }`;

  it('moves lastFollowUpAt, records the meeting, and closes the overdue gap', async () => {
    const overdue = (d: any) =>
      d.networkGaps.some(
        (g: any) => g.kind === 'FOLLOW_UP_OVERDUE' && g.nodeIds.includes(id.talent),
      );
    expect(overdue(await ok('coord', GAPS, { r: id.region }))).toBe(true);
    const { recordFollowUp } = await ok('coord', FOLLOW, {
      date: daysAgo(2),
      note: ' 順調。次回は1月 ',
      who: id.coordinator,
    });
    created.push(recordFollowUp.eventId);
    expect(recordFollowUp.lastFollowUpAt).toBe(daysAgo(2));
    const e = (await ties(id.talent)).find((t) => t.type === 'ENGAGED_WITH')!;
    expect(e.props).toMatchObject({ status: 'active', lastFollowUpAt: daysAgo(2) });
    expect(await props(recordFollowUp.eventId)).toMatchObject({
      kind: 'follow_up',
      date: daysAgo(2),
      note: '順調。次回は1月',
    });
    expect((await ties(recordFollowUp.eventId)).map((t) => `${t.type}:${t.other}`)).toEqual([
      `ATTENDED:${id.coordinator}`,
      `ATTENDED:${id.talent}`,
      `PARTICIPATED:${id.sme}`,
    ]);
    expect(overdue(await ok('coord', GAPS, { r: id.region }))).toBe(false);

    // An older follow-up recorded later does not move the date back.
    const older = await ok('coord', FOLLOW, { date: daysAgo(10) });
    created.push(older.recordFollowUp.eventId);
    expect(older.recordFollowUp.lastFollowUpAt).toBe(daysAgo(2));
  });

  it('refuses a future date, a talent not engaged with the SME, and another region’s coordinator', async () => {
    const future = await gql('coord', FOLLOW, { date: '2999-01-01' });
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    const notEngaged = await gql(
      'coord',
      `mutation { recordFollowUp(talentId: "${id.local1}", smeId: "${id.sme}", date: "${TODAY}") { eventId } }`,
    );
    expect(codeOf(notEngaged)).toBe('BAD_USER_INPUT');
    const other = await gql('other', FOLLOW, { date: TODAY });
    expect(codeOf(other)).toBe('FORBIDDEN');
  });
});

describe('duplicates and mergeNodes', () => {
  it('finds 上田 浩二 written another way, and a merge moves every tie and introduction', async () => {
    const { createNode } = await ok('coord', CREATE, {
      kind: 'Person',
      fields: [
        { name: 'name', value: '上田　浩二' },
        { name: 'nameKana', value: 'ウエダ コウジ' },
        { name: 'origin', value: 'local' },
        { name: 'phone', value: '0263-00-0000' },
      ],
      ties: [
        { type: 'LOCATED_IN', otherId: id.region },
        { type: 'WORKS_AT', otherId: id.city, properties: [{ name: 'title', value: '係長' }] },
        { type: 'KNOWS', otherId: id.local2 },
      ],
    });
    created.push(createNode.id);
    const dup = await ok(
      'coord',
      `{ duplicateCandidates(id: "${createNode.id}") { id name nameKana reasons } }`,
    );
    expect(dup.duplicateCandidates).toEqual([
      {
        id: id.ueda,
        name: '上田 浩二',
        nameKana: 'うえだ こうじ',
        reasons: ['SAME_NAME', 'SAME_KANA', 'SAME_EMPLOYER'],
      },
    ]);
    const intro = await ok(
      'coord',
      `mutation { recordIntroduction(fromId: "${createNode.id}", toId: "${id.local1}", status: accepted, note: "merge test") { id } }`,
    );
    const { mergeNodes } = await ok(
      'coord',
      `mutation { mergeNodes(keep: "${id.ueda}", merge: "${createNode.id}") { keptId movedTies filledFields name } }`,
    );
    expect(mergeNodes).toMatchObject({
      keptId: id.ueda,
      name: '上田 浩二',
      filledFields: ['phone'],
    });
    // KNOWS local2 and FROM of the introduction move; LOCATED_IN and WORKS_AT were there already.
    expect(mergeNodes.movedTies).toBe(2);
    expect(await props(createNode.id)).toBeNull();
    const kept = await ties(id.ueda);
    expect(kept.map((t) => `${t.type}:${t.other}`)).toEqual([
      `FROM:${intro.recordIntroduction.id}`,
      `KNOWS:${id.local2}`,
      `LOCATED_IN:${id.region}`,
      `WORKS_AT:${id.city}`,
    ]);
    expect((await props(id.ueda))!.phone).toBe('0263-00-0000');
    created.push(intro.recordIntroduction.id);
  });

  it('refuses to merge two kinds, and is for writers only', async () => {
    const kinds = await gql(
      'coord',
      `mutation { mergeNodes(keep: "${id.ueda}", merge: "${id.sme}") { keptId } }`,
    );
    expect(codeOf(kinds)).toBe('BAD_USER_INPUT');
    const other = await gql('other', `{ duplicateCandidates(id: "${id.ueda}") { id } }`);
    expect(codeOf(other)).toBe('FORBIDDEN');
  });
});

describe('deleteNode', () => {
  it('deletes with every tie and audits what it was; erase leaves no content in the audit', async () => {
    const mk = async (name: string) => {
      const { createNode } = await ok('coord', CREATE, {
        kind: 'Person',
        fields: [
          { name: 'name', value: name },
          { name: 'origin', value: 'local' },
        ],
        ties: [
          { type: 'LOCATED_IN', otherId: id.region },
          { type: 'KNOWS', otherId: id.local1 },
        ],
      });
      created.push(createNode.id);
      return createNode.id as string;
    };
    const gone = await mk('削除 される');
    const del = await ok(
      'coord',
      `mutation { deleteNode(id: "${gone}") { id kind erased ties { type count } } }`,
    );
    expect(del.deleteNode).toMatchObject({ kind: 'Person', erased: false });
    expect(del.deleteNode.ties).toEqual(
      expect.arrayContaining([
        { type: 'KNOWS', count: 1 },
        { type: 'LOCATED_IN', count: 1 },
      ]),
    );
    expect(await props(gone)).toBeNull();
    const [deleted] = await listAudit(db, {
      limit: 1,
      offset: 0,
      actor: 'test-entry-coord',
      action: 'node.delete',
    });
    expect(deleted).toMatchObject({ target: gone });
    expect(deleted!.detail).toContain('削除 される');

    const erased = await mk('消去 請求者');
    const intro = await ok(
      'coord',
      `mutation { recordIntroduction(fromId: "${id.local2}", toId: "${erased}", status: suggested, note: "消去 請求者さんについて") { id } }`,
    );
    const er = await ok(
      'coord',
      `mutation { deleteNode(id: "${erased}", erase: true) { erased introductions } }`,
    );
    expect(er.deleteNode).toEqual({ erased: true, introductions: 1 });
    expect(await props(erased)).toBeNull();
    expect(await props(intro.recordIntroduction.id)).toBeNull();
    const [entry] = await listAudit(db, {
      limit: 1,
      offset: 0,
      actor: 'test-entry-coord',
      action: 'node.erase',
    });
    expect(entry).toMatchObject({ target: erased, actor: 'test-entry-coord' });
    expect(JSON.stringify(entry)).not.toContain('消去');

    const missing = await gql('coord', `mutation { deleteNode(id: "${gone}") { id } }`);
    expect(codeOf(missing)).toBe('NOT_FOUND');
    const notPerson = await gql(
      'coord',
      `mutation { deleteNode(id: "${id.sme}", erase: true) { id } }`,
    );
    expect(codeOf(notPerson)).toBe('BAD_USER_INPUT');
    const other = await gql('other', `mutation { deleteNode(id: "${id.local1}") { id } }`);
    expect(codeOf(other)).toBe('FORBIDDEN');
    expect(await props(id.local1)).not.toBeNull();
  });
});
