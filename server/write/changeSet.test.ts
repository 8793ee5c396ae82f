/**
 * Building and validating change sets without a database: the rows of a change set through the
 * model's schemas (every problem, with its row), an edit merged with the stored node and
 * validated whole, the change set of a recorded introduction — and text kept as typed
 * (trimmed, nothing else) on every one of these paths.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AS_TYPED } from '../../test/asTyped';
import {
  INTRODUCTION_CONTEXT,
  introductionChanges,
  introductionName,
  isRetry,
  requestKeyOf,
  type RecordIntroductionInput,
  type RecordState,
} from './commands/recordIntroduction';
import { updateNodeRequest } from './commands/updateNode';
import { WriteNotFound, WriteRejected } from './errors';
import { preparePatch, type LockedNode } from './patch';
import { validateRows } from './validate';

const person = (id: string, labels: string[] = [], props: Record<string, unknown> = {}) =>
  ({
    id,
    labels: ['Person', 'Entity', ...labels],
    props: { id, name: `名前 ${id}`, origin: 'local', ...props },
    nodeId: neo4j.int(1),
  }) satisfies LockedNode;

describe('change-set rows', () => {
  it('keeps text as typed: trimmed, never width-folded or normalised', async () => {
    const { errors, prepared } = await validateRows(null, {
      nodes: {
        Person: [{ id: 'p:1', name: `  ${AS_TYPED}\u3000`, origin: 'local', title: 'ｶﾅ（課長）' }],
      },
    });
    expect(errors).toEqual([]);
    const p = prepared.nodes.Person![0]!;
    expect(p.set.name).toBe(AS_TYPED);
    expect(p.set.title).toBe('ｶﾅ（課長）');
    expect(Buffer.from(String(p.set.name)).equals(Buffer.from(AS_TYPED))).toBe(true);
  });

  it('reports every bad row with where it came from, and writer fields are ignored', async () => {
    const { errors } = await validateRows(null, {
      nodes: {
        SME: [
          { id: 's:1', name: 'A', industry: 'x', employees: -1, hasHrStaff: true },
          { id: 's:1', name: 'B', industry: 'x', employees: 1, hasHrStaff: true },
        ],
        Person: [{ id: 'p:1', name: 'P', origin: 'local', createdAt: 'ignored' }],
      },
      relationships: { KNOWS: [{ from: 'p:1', to: 'p:9' }] },
      sources: { nodes: { SME: [{ file: 'SME.csv', row: 2 }] }, relationships: {} },
    });
    const shown = errors.map((e) => `${e.source?.file}:${e.source?.row}:${e.field}`);
    expect(shown).toEqual(
      expect.arrayContaining([
        'SME.csv:2:employees',
        'SME.csv:2:hasEvaluationSystem',
        'SME.csv:2:stage',
        'relationships.KNOWS:0:to',
      ]),
    );
    expect(errors.some((e) => e.field === 'createdAt')).toBe(false);
  });

  it('`ensure` rows create with their properties and never set them on an existing tie', async () => {
    const { errors, prepared } = await validateRows(null, {
      nodes: {
        Person: [
          { id: 'p:1', name: 'A', origin: 'local' },
          { id: 'p:2', name: 'B', origin: 'local' },
        ],
      },
      relationships: { WORKS_AT: [] },
      ensure: { KNOWS: [{ from: 'p:1', to: 'p:2', strength: 1, source: 'introduction' }] },
    });
    expect(errors).toEqual([]);
    const k = prepared.relationships.KNOWS![0]!;
    expect(k.set).toEqual({});
    expect(k.create).toEqual({ strength: neo4j.int(1), source: 'introduction' });
  });
});

describe('an edit (patch) merged with the stored node', () => {
  const stored = person('p:1', ['KeyPerson'], { title: '（旧）課長', mind: neo4j.int(3) });

  it('writes only what differs, text as typed', () => {
    const p = preparePatch(
      {
        id: 'p:1',
        fields: [
          { name: 'title', value: ` ${AS_TYPED} ` },
          { name: 'mind', value: '３' },
          { name: 'isKeyPerson', value: 'はい' },
        ],
      },
      stored,
    );
    expect(p.changed).toEqual(['title']);
    expect(p.set).toEqual({ title: AS_TYPED });
    expect(p.kp).toBeNull();
    expect(p.unchanged).toBe(false);
    const same = preparePatch(
      { id: 'p:1', fields: [{ name: 'title', value: '（旧）課長' }] },
      stored,
    );
    expect(same).toMatchObject({ unchanged: true, changed: [], set: {} });
  });

  it('validates the node as it would be (a talent needs its kind) and names every field', () => {
    const attempt = () =>
      preparePatch(
        {
          id: 'p:1',
          fields: [
            { name: 'isTalent', value: 'true' },
            { name: 'salary', value: '1' },
            { name: 'updatedAt', value: 'x' },
          ],
        },
        stored,
      );
    expect(attempt).toThrow(WriteRejected);
    try {
      attempt();
    } catch (e) {
      expect((e as WriteRejected).problems.map((p) => [p.field, p.code])).toEqual([
        ['salary', 'unknownField'],
        ['updatedAt', 'readOnly'],
      ]);
    }
    try {
      preparePatch({ id: 'p:1', fields: [{ name: 'isTalent', value: 'true' }] }, stored);
      expect.unreachable();
    } catch (e) {
      expect((e as WriteRejected).problems[0]).toMatchObject({
        field: 'talentKind',
        code: 'required',
      });
    }
  });

  it('refuses kinds that are not edited field by field', () => {
    const intro = { ...person('i:1'), labels: ['Introduction', 'Entity'] };
    expect(() =>
      preparePatch({ id: 'i:1', fields: [{ name: 'status', value: 'made' }] }, intro),
    ).toThrow(/is an introduction/);
  });

  it('updateNode is one patch of the fields as given', () => {
    const fields = [{ name: 'name', value: AS_TYPED }];
    const request = updateNodeRequest(
      { id: 'p:1', fields },
      { actor: { name: 'a', role: 'admin' }, regionIds: null },
    );
    expect(request.build(undefined, '2026-01-01T00:00:00.000Z')).toEqual({
      patches: [{ id: 'p:1', fields }],
    });
  });
});

describe('the change set of a recorded introduction', () => {
  const input: RecordIntroductionInput = {
    fromId: 'p:1',
    toId: 'p:2',
    viaId: 'p:3',
    status: 'made',
    note: '介護で休職中の方です（連絡は 090-1234-5678）',
    idempotencyKey: null,
  };
  const parties = new Map([
    ['p:1', person('p:1')],
    ['p:2', person('p:2')],
    ['p:3', person('p:3', ['KeyPerson'])],
  ]);
  const state: RecordState = { parties, existing: null };
  const now = '2026-05-01T09:00:00.000Z';
  const id = '3f2a9c1b-0000-4000-8000-000000000000';

  it('an Introduction with its parties, and a KNOWS tie that says where it came from, not the note', () => {
    const c = introductionChanges(input, state, id, 'key', now, 'coord-a');
    expect(c.nodes?.Introduction).toEqual([
      {
        id,
        name: '紹介 2026-05-01 3f2a9c1b',
        status: 'made',
        reason: input.note,
        decidedAt: now,
      },
    ]);
    expect(c.relationships).toEqual({
      FROM: [{ from: id, to: 'p:1' }],
      TO: [{ from: id, to: 'p:2' }],
      VIA: [{ from: id, to: 'p:3' }],
    });
    expect(c.ensure?.KNOWS).toEqual([
      {
        from: 'p:1',
        to: 'p:2',
        strength: 1,
        source: 'introduction',
        since: '2026-05-01',
        context: INTRODUCTION_CONTEXT,
      },
    ]);
    expect(JSON.stringify(c.ensure)).not.toContain('介護');
    expect(c.serverFields?.get(id)).toEqual({ requestKey: 'key', recordedBy: 'coord-a' });
    expect(introductionName(id, now)).not.toMatch(/名前/);
  });

  it('suggested: no decision date, no tie', () => {
    const c = introductionChanges({ ...input, status: 'suggested' }, state, id, 'k', now, 'u');
    expect(c.nodes?.Introduction?.[0]).not.toHaveProperty('decidedAt');
    expect(c.ensure).toBeUndefined();
  });

  it('names a missing or wrong party', () => {
    const without = { parties: new Map([['p:1', person('p:1')]]), existing: null };
    expect(() => introductionChanges(input, without, id, 'k', now, 'u')).toThrow(WriteNotFound);
    const sme = { ...person('p:2'), labels: ['SME', 'Entity'] };
    const toSme = { parties: new Map([...parties, ['p:2', sme]]), existing: null };
    expect(() => introductionChanges(input, toSme, id, 'k', now, 'u')).toThrow(
      /between two persons/,
    );
  });

  it('a retry writes nothing; the caller’s key used for another introduction is refused', () => {
    const existing = {
      answer: {
        id: 'old',
        name: null,
        status: 'made',
        reason: input.note,
        score: null,
        createdAt: now,
        updatedAt: now,
        decidedAt: now,
      },
      fromId: 'p:1',
      toId: 'p:2',
      viaId: 'p:3',
    };
    expect(introductionChanges(input, { parties, existing }, id, 'k', now, 'u')).toEqual({});
    const other = { ...existing, toId: 'p:9' };
    expect(isRetry(input, other)).toBe(false); // a derived key: another introduction
    expect(() => isRetry({ ...input, idempotencyKey: 'k1' }, other)).toThrow(/idempotencyKey/);
  });

  it('derives the request key from the account and the call, or the caller’s key', () => {
    const a = { name: 'a', role: 'coordinator' as const };
    expect(requestKeyOf(input, a)).toBe(requestKeyOf({ ...input }, a));
    expect(requestKeyOf(input, a)).not.toBe(requestKeyOf({ ...input, note: 'x' }, a));
    expect(requestKeyOf(input, a)).not.toBe(requestKeyOf(input, { ...a, name: 'b' }));
    expect(requestKeyOf({ ...input, idempotencyKey: 'k' }, a)).toBe(
      requestKeyOf({ ...input, note: 'other', idempotencyKey: 'k' }, a),
    );
    expect(requestKeyOf(input, a)).not.toContain('介護');
  });
});
