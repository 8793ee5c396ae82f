/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * The one write path against the real Neo4j (with the pilot seed): all or nothing, one audit
 * entry and one graph-version bump per write (none when nothing changed), deletions and
 * `ensure`, and region access — a coordinator writes only what lies wholly in their regions,
 * so 関東経済産業局's 情報共有会 that every region attends is read-only to them (issue 11,
 * finding 10), through the write path and through updateNode. The regions the write path
 * reads from a node's side agree with the analytics projections they restate.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied } from '../../common/roles';
import { bearer } from '../../test/auth';
import { removeByIdPrefix, testDb } from '../../test/db';
import { ensurePilotSeed } from '../../web/e2e/server';
import { listAudit } from '../auth/audit';
import type { Database } from '../db/driver';
import { graphVersion } from '../db/schema';
import { createApp } from '../http/app';
import { listenOnLoopback, type Listening } from '../http/listen';
import { loadProjection } from '../projection/load';
import {
  applyChanges,
  WriteRejected,
  type ChangeSet,
  type WriteResult,
  type Writer,
} from './index';
import { recordIntroductionRequest } from './commands/recordIntroduction';
import { readNodeRegions } from './regions';
import { autoReader } from './validate';

const P = 'test-write:';
const SHARED_EVENT = 'event:kanto-meti-info-sharing-1';
let db: Database;

const admin: Writer = { actor: { name: 'test-write-admin', role: 'admin' }, regionIds: null };
let tsubame: Writer;

/** Applies a change set as `writer`, answering the write path's result. */
function write(writer: Writer, changes: ChangeSet, target: string | null = null) {
  return applyChanges<undefined, WriteResult>(db, {
    writer,
    build: () => changes,
    audit: (r) => ({ action: 'node.update', target, detail: { created: r.created } }),
    respond: (r) => r,
  });
}

async function props(id: string): Promise<Record<string, unknown> | null> {
  const res = await db.driver.executeQuery(
    'MATCH (n:Entity {id: $id}) RETURN properties(n) AS p',
    { id },
    { database: db.database },
  );
  return (res.records[0]?.get('p') as Record<string, unknown> | undefined) ?? null;
}

async function count(query: string, params: Record<string, unknown> = {}): Promise<number> {
  const res = await db.driver.executeQuery(query, params, { database: db.database });
  return Number(res.records[0]!.get(0));
}

const auditOf = async (actor: string) =>
  listAudit(db, { limit: 100, offset: 0, actor, action: null });

const person = (id: string, name = `テスト ${id}`) => ({ id: `${P}${id}`, name, origin: 'local' });

beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
  await removeByIdPrefix(db, P);
  const res = await db.driver.executeQuery(
    'MATCH (:RegionalHRDept {id: $d})-[:COVERS]->(r:Region) RETURN collect(r.id) AS ids',
    { d: 'dept:tsubame' },
    { database: db.database },
  );
  tsubame = {
    actor: { name: 'test-write-tsubame', role: 'coordinator' },
    regionIds: res.records[0]!.get('ids') as string[],
  };
  expect(tsubame.regionIds).toContain('region:tsubame');
  expect(tsubame.regionIds).not.toContain('region:shiojiri');
}, 300_000);

afterAll(async () => {
  if (db) await removeByIdPrefix(db, P);
});

/**
 * Small cases for every clause of the rule (two regions X and Y, a dept covering X): staff
 * located nowhere take their employer's regions, staff located somewhere only their own; a
 * talent takes the regions of the SMEs they are engaged with; an event those of its hosts,
 * attendees and participants.
 */
function edgeCases(): ChangeSet {
  const id = (s: string) => `${P}rg:${s}`;
  const p = (s: string) => ({ id: id(s), name: s, origin: 'local' });
  return {
    nodes: {
      Region: ['x', 'y'].map((r) => ({
        id: id(r),
        name: r,
        prefecture: 'テスト県',
        kind: 'municipality',
      })),
      RegionalHRDept: [{ id: id('dx'), name: 'DX', phase: 'operating' }],
      Organization: [
        { id: id('lead'), name: 'lead', kind: 'npo' },
        { id: id('member'), name: 'member', kind: 'bank' },
      ],
      SME: [
        {
          id: id('sme'),
          name: 'sme',
          industry: 'x',
          employees: 3,
          hasHrStaff: false,
          hasEvaluationSystem: false,
          stage: 'engaged',
        },
      ],
      Person: [
        p('p1'),
        p('p2'),
        p('p3'),
        p('p4'),
        { ...p('talent'), isTalent: true, talentKind: 'intern' },
      ],
      Event: ['e1', 'e2', 'e3'].map((e) => ({
        id: id(e),
        name: e,
        kind: 'seminar',
        date: '2026-01-01',
      })),
    },
    relationships: {
      COVERS: [{ from: id('dx'), to: id('x') }],
      LEADS: [{ from: id('lead'), to: id('dx') }],
      MEMBER_OF: [{ from: id('member'), to: id('dx') }],
      LOCATED_IN: [
        { from: id('member'), to: id('y') },
        { from: id('sme'), to: id('x') },
        { from: id('p3'), to: id('y') },
        { from: id('talent'), to: id('y') },
      ],
      WORKS_AT: [
        { from: id('p1'), to: id('lead') },
        { from: id('p2'), to: id('member') },
        { from: id('p3'), to: id('lead') },
        { from: id('p4'), to: id('sme') },
      ],
      ENGAGED_WITH: [{ from: id('talent'), to: id('sme'), status: 'active' }],
      HOSTED: [{ from: id('member'), to: id('e1') }],
      ATTENDED: [{ from: id('talent'), to: id('e2') }],
      PARTICIPATED: [{ from: id('sme'), to: id('e3') }],
    },
  };
}

describe('the regions of a node, read from its side', () => {
  it('are exactly the regions whose analytics projection holds it (pilot seed and edge cases)', async () => {
    await write(admin, edgeCases());
    const rg = (s: string) => `${P}rg:${s}`;
    const cases = await readNodeRegions(
      autoReader(db),
      ['p1', 'p2', 'p3', 'p4', 'talent', 'e1', 'e2', 'e3', 'member', 'lead', 'sme', 'dx'].map(rg),
    );
    const regionsOf = (s: string) => [...cases.get(rg(s))!.regions].sort();
    const [x, y] = [rg('x'), rg('y')];
    expect(regionsOf('p1')).toEqual([x]);
    expect(regionsOf('p2')).toEqual([x, y]);
    expect(regionsOf('p3')).toEqual([y]);
    expect(regionsOf('p4')).toEqual([x]);
    expect(regionsOf('talent')).toEqual([x, y]);
    expect(regionsOf('e1')).toEqual([x, y]);
    expect(regionsOf('e2')).toEqual([x, y]);
    expect(regionsOf('e3')).toEqual([x]);
    const regions = await db.driver.executeQuery(
      'MATCH (r:Region) RETURN collect(r.id) AS ids',
      {},
      { database: db.database },
    );
    const expected = new Map<string, Set<string>>();
    const kinds = new Set(['RegionalHRDept', 'Organization', 'SME', 'Person', 'Event']);
    for (const regionId of regions.records[0]!.get('ids') as string[]) {
      // Access follows every tie a node ever had (history included), so ended ties keep a
      // departed person in their region for editing and erasure.
      const { graph } = await loadProjection(db, { regionId, allHistory: true });
      graph.forEachNode((id, a) => {
        if (!kinds.has(a.kind)) return;
        if (!expected.has(id)) expected.set(id, new Set());
        expected.get(id)!.add(regionId);
      });
    }
    const all = await db.driver.executeQuery(
      `MATCH (n:Entity) WHERE n:RegionalHRDept OR n:Organization OR n:SME OR n:Person OR n:Event
       RETURN collect(n.id) AS ids`,
      {},
      { database: db.database },
    );
    const ids = all.records[0]!.get('ids') as string[];
    expect(ids.length).toBeGreaterThan(1000);
    const read = await readNodeRegions(autoReader(db), ids);
    const differ = ids.filter((id) => {
      const want = [...(expected.get(id) ?? [])].sort().join(',');
      return [...(read.get(id)?.regions ?? [])].sort().join(',') !== want;
    });
    expect(differ.slice(0, 5)).toEqual([]);
    // the shared event really is held by every pilot region's projection
    expect(read.get(SHARED_EVENT)!.regions.length).toBeGreaterThanOrEqual(8);
  }, 120_000);
});

describe('one transaction: all or nothing, its audit entry, one version bump', () => {
  it('writes the change with one audit entry and one new version; the same change again writes nothing', async () => {
    const before = await graphVersion(db);
    const audits = (await auditOf(admin.actor.name)).length;
    const changes: ChangeSet = {
      nodes: { Person: [{ ...person('a'), isKeyPerson: true }, person('b')] },
      relationships: {
        KNOWS: [{ from: `${P}a`, to: `${P}b`, strength: 2 }],
        LOCATED_IN: [{ from: `${P}a`, to: 'region:tsubame' }],
      },
    };
    const first = await write(admin, changes, `${P}a`);
    expect(first).toMatchObject({
      wrote: true,
      created: { Person: 2, KNOWS: 1, LOCATED_IN: 1 },
      graphVersion: before + 1,
    });
    expect(await graphVersion(db)).toBe(before + 1);
    const entries = await auditOf(admin.actor.name);
    expect(entries).toHaveLength(audits + 1);
    expect(entries[0]).toMatchObject({ action: 'node.update', target: `${P}a` });
    expect(JSON.parse(entries[0]!.detail!)).toEqual({
      created: { Person: 2, KNOWS: 1, LOCATED_IN: 1 },
    });
    const stored = await props(`${P}a`);
    expect(stored!.createdAt).toBe(first.at);
    // a relationship a write (but an import) creates carries when
    expect(
      await count(
        'MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) WHERE k.createdAt = $at RETURN count(k)',
        { a: `${P}a`, b: `${P}b`, at: first.at },
      ),
    ).toBe(1);

    const again = await write(admin, changes);
    expect(again).toMatchObject({
      wrote: false,
      unchanged: { Person: 2, KNOWS: 1, LOCATED_IN: 1 },
      graphVersion: before + 1,
    });
    expect(await graphVersion(db)).toBe(before + 1);
    expect(await auditOf(admin.actor.name)).toHaveLength(audits + 1);
  });

  it('a bad row anywhere writes nothing: no node, no version, no audit entry', async () => {
    const before = await graphVersion(db);
    const audits = (await auditOf(admin.actor.name)).length;
    const attempt = write(admin, {
      nodes: { Person: [person('c')] },
      relationships: { KNOWS: [{ from: `${P}c`, to: `${P}nobody` }] },
      patches: [{ id: `${P}a`, fields: [{ name: 'title', value: '変更' }] }],
    });
    await expect(attempt).rejects.toThrow(WriteRejected);
    await expect(attempt).rejects.toThrow(/no node with id/);
    expect(await props(`${P}c`)).toBeNull();
    expect((await props(`${P}a`))!.title).toBeUndefined();
    expect(await graphVersion(db)).toBe(before);
    expect(await auditOf(admin.actor.name)).toHaveLength(audits);
  });

  it('deletes a relationship (again: nothing to do), then a node with its ties, counted per type', async () => {
    const del = await write(admin, {
      deleteRelationships: [{ type: 'KNOWS', from: `${P}b`, to: `${P}a` }], // either direction
    });
    expect(del.deleted).toEqual({ KNOWS: 1 });
    const again = await write(admin, {
      deleteRelationships: [{ type: 'KNOWS', from: `${P}a`, to: `${P}b` }],
    });
    expect(again).toMatchObject({ wrote: false, deleted: { KNOWS: 0 } });
    const gone = await write(admin, { deleteNodes: [`${P}a`] });
    expect(gone.deleted).toEqual({ Person: 1, LOCATED_IN: 1 });
    expect(await props(`${P}a`)).toBeNull();
    await expect(write(admin, { deleteNodes: [`${P}a`] })).rejects.toThrow(/No node with id/);
  });

  it('`ensure` creates a tie only where there is none (KNOWS either way) and keeps one as it is', async () => {
    await write(admin, {
      nodes: { Person: [person('d'), person('e')] },
      relationships: { KNOWS: [{ from: `${P}e`, to: `${P}d`, strength: 3, context: '同僚' }] },
    });
    const kept = await write(admin, {
      ensure: { KNOWS: [{ from: `${P}d`, to: `${P}e`, strength: 1, source: 'introduction' }] },
    });
    expect(kept).toMatchObject({ wrote: false, unchanged: { KNOWS: 1 } });
    const tie = await db.driver.executeQuery(
      'MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN properties(k) AS k',
      { a: `${P}d`, b: `${P}e` },
      { database: db.database },
    );
    expect(tie.records).toHaveLength(1);
    expect(tie.records[0]!.get('k')).toMatchObject({ strength: 3, context: '同僚' });
    const made = await write(admin, {
      ensure: { KNOWS: [{ from: `${P}d`, to: `${P}b`, source: 'introduction' }] },
    });
    expect(made.created).toMatchObject({ KNOWS: 1 });
  });
});

describe('recordIntroduction through the write path', () => {
  it('two identical calls at once record one introduction (the parties are locked first)', async () => {
    await write(admin, { nodes: { Person: [person('i1'), person('i2')] } });
    const input = {
      fromId: `${P}i1`,
      toId: `${P}i2`,
      viaId: null,
      status: 'made' as const,
      note: '同時に二回',
      idempotencyKey: null,
    };
    const answers = await Promise.all(
      [randomUUID(), randomUUID(), randomUUID()].map((id) =>
        applyChanges(db, recordIntroductionRequest(input, admin, id)),
      ),
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(
      await count('MATCH (i:Introduction)-[:FROM]->(:Person {id: $f}) RETURN count(i)', {
        f: `${P}i1`,
      }),
    ).toBe(1);
    expect(
      await count('MATCH (:Person {id: $a})-[k:KNOWS]-(:Person {id: $b}) RETURN count(k)', {
        a: `${P}i1`,
        b: `${P}i2`,
      }),
    ).toBe(1);
  });
});

describe('region access of a coordinator (燕市)', () => {
  it('edits their own nodes; 関東経済産業局’s 情報共有会 and 塩尻市’s nodes are refused, nothing written', async () => {
    await write(admin, {
      nodes: { Person: [person('t1', '燕 一郎')] },
      relationships: { LOCATED_IN: [{ from: `${P}t1`, to: 'region:tsubame' }] },
    });
    const own = await write(tsubame, {
      patches: [{ id: `${P}t1`, fields: [{ name: 'title', value: '事務局' }] }],
    });
    expect(own.patched[0]).toMatchObject({ changed: ['title'] });

    const eventBefore = await props(SHARED_EVENT);
    const shiojiri = await db.driver.executeQuery(
      `MATCH (p:Person)-[:LOCATED_IN]->(:Region {id: 'region:shiojiri'}) RETURN p.id AS id LIMIT 1`,
      {},
      { database: db.database },
    );
    const other = shiojiri.records[0]!.get('id') as string;
    const version = await graphVersion(db);
    for (const [id, message] of [
      [SHARED_EVENT, /shared with other regions/],
      [other, /not in your regions/],
    ] as const) {
      const attempt = write(tsubame, {
        patches: [{ id, fields: [{ name: 'name', value: '乗っ取り' }] }],
      });
      await expect(attempt).rejects.toThrow(AccessDenied);
      await expect(attempt).rejects.toThrow(message);
    }
    // an invalid value tells nothing about a node they cannot read: refused before validation
    await expect(
      write(tsubame, { patches: [{ id: other, fields: [{ name: 'isTalent', value: 'true' }] }] }),
    ).rejects.toThrow(AccessDenied);
    expect(await props(SHARED_EVENT)).toEqual(eventBefore);
    expect(await graphVersion(db)).toBe(version);
    // an administrator may change the shared event (changed back at once)
    const name = String(eventBefore!.name);
    await write(admin, { patches: [{ id: SHARED_EVENT, fields: [{ name: 'name', value: 'x' }] }] });
    await write(admin, {
      patches: [{ id: SHARED_EVENT, fields: [{ name: 'name', value: name }] }],
    });
    expect((await props(SHARED_EVENT))!.name).toBe(name);
  });

  it('ties their person to the shared event; a new node must land in their regions', async () => {
    const attended = await write(tsubame, {
      relationships: { ATTENDED: [{ from: `${P}t1`, to: SHARED_EVENT }] },
    });
    expect(attended.created).toEqual({ ATTENDED: 1 });
    const unplaced = write(tsubame, { nodes: { Person: [person('t2')] } });
    await expect(unplaced).rejects.toThrow(AccessDenied);
    expect(await props(`${P}t2`)).toBeNull();
    const elsewhere = write(tsubame, {
      nodes: { Person: [person('t2')] },
      relationships: { LOCATED_IN: [{ from: `${P}t2`, to: 'region:shiojiri' }] },
    });
    await expect(elsewhere).rejects.toThrow(/region:shiojiri is not in your regions/);
    expect(await props(`${P}t2`)).toBeNull();
    const placed = await write(tsubame, {
      nodes: { Person: [person('t2')] },
      relationships: { LOCATED_IN: [{ from: `${P}t2`, to: 'region:tsubame' }] },
    });
    expect(placed.created).toEqual({ Person: 1, LOCATED_IN: 1 });
    expect(
      await count('MATCH (:Person {id: $p})-[:ATTENDED]->(:Event {id: $e}) RETURN count(*)', {
        p: `${P}t1`,
        e: SHARED_EVENT,
      }),
    ).toBe(1);
  });

  it('updateNode of the shared event by a 燕市 coordinator is FORBIDDEN (GraphQL)', async () => {
    const app = createApp(db);
    await app.graphqlReady;
    const headers = await bearer(app, db, {
      username: 'test-write-tsubame',
      role: 'coordinator',
      deptId: 'dept:tsubame',
    });
    let served: Listening | undefined;
    try {
      served = await listenOnLoopback(app);
      const res = await fetch(`${served.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          query: `mutation($id: ID!) { updateNode(id: $id, fields: [{ name: "name", value: "燕市の情報共有会" }]) { id } }`,
          variables: { id: SHARED_EVENT },
        }),
      });
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(body.errors[0].message).toMatch(/shared with other regions/);
      expect((await props(SHARED_EVENT))!.name).not.toBe('燕市の情報共有会');
    } finally {
      await served?.close();
    }
  });
});
