/**
 * The write path's region rules (server/write/access.ts) without a database: a coordinator
 * writes only what lies wholly in their regions; what another dept shares (an event every
 * region attends, a bank serving two) is theirs to read and to tie to, not to change.
 */
import { describe, expect, it } from 'vitest';
import {
  accessRefusals,
  standing,
  type NodeRegions,
  type RegionMap,
  type Touched,
  type Writer,
} from './access';

const coordinator: Writer = {
  actor: { name: 'tsubame', role: 'coordinator' },
  regionIds: ['region:tsubame'],
};
const admin: Writer = { actor: { name: 'admin', role: 'admin' }, regionIds: null };

function at(entries: Record<string, Partial<NodeRegions> & { kind: string }>): RegionMap {
  return new Map(
    Object.entries(entries).map(([id, n]) => [
      id,
      { kind: n.kind, regions: n.regions ?? [], parties: n.parties ?? [] },
    ]),
  );
}

const world = at({
  'person:t1': { kind: 'Person', regions: ['region:tsubame'] },
  'person:t2': { kind: 'Person', regions: ['region:tsubame'] },
  'person:s1': { kind: 'Person', regions: ['region:shiojiri'] },
  'person:hq': { kind: 'Person', regions: ['region:tsubame', 'region:nagaoka'] },
  'org:bank': { kind: 'Organization', regions: ['region:tsubame', 'region:nagaoka'] },
  'event:info-sharing': {
    kind: 'Event',
    regions: ['region:tsubame', 'region:shiojiri', 'region:hitachi'],
  },
  'event:local': { kind: 'Event', regions: ['region:tsubame'] },
  'org:nowhere': { kind: 'Organization', regions: [] },
  'region:tsubame': { kind: 'Region' },
  'region:shiojiri': { kind: 'Region' },
  'skill:dx': { kind: 'Skill' },
  'intro:own': { kind: 'Introduction', parties: ['person:t1', 'person:hq'] },
  'intro:shared': { kind: 'Introduction', parties: ['person:hq', 'org:bank'] },
  'intro:outside': { kind: 'Introduction', parties: ['person:t1', 'person:s1'] },
});

const node = (id: string, kind: string, writes = true) => ({
  nodes: [{ id, kind, writes }],
  relationships: [],
});
const rel = (type: string, from: string, to: string, writes = true): Touched => ({
  nodes: [],
  relationships: [{ type, from, to, writes }],
});

describe('standing of a node for a coordinator', () => {
  const own = new Set(coordinator.regionIds);
  it('is theirs, shared or outside by the regions holding it', () => {
    expect(standing('person:t1', world, own)).toBe('theirs');
    expect(standing('event:info-sharing', world, own)).toBe('shared');
    expect(standing('org:bank', world, own)).toBe('shared');
    expect(standing('person:s1', world, own)).toBe('outside');
    // in no region: nobody's (it would vanish from their view)
    expect(standing('org:nowhere', world, own)).toBe('outside');
    expect(standing('person:unknown', world, own)).toBe('outside');
  });
  it('judges regions by id, reference data as shared, introductions by their parties', () => {
    expect(standing('region:tsubame', world, own)).toBe('theirs');
    expect(standing('region:shiojiri', world, own)).toBe('outside');
    expect(standing('skill:dx', world, own)).toBe('shared');
    expect(standing('intro:own', world, own)).toBe('theirs');
    expect(standing('intro:shared', world, own)).toBe('shared');
    expect(standing('intro:outside', world, own)).toBe('outside');
  });
});

describe('what a coordinator may write', () => {
  it('edits their own nodes, not shared or outside ones (the 情報共有会 every region attends)', () => {
    expect(accessRefusals(coordinator, node('person:t1', 'Person'), world, world)).toEqual([]);
    expect(accessRefusals(coordinator, node('event:local', 'Event'), world, world)).toEqual([]);
    const shared = accessRefusals(coordinator, node('event:info-sharing', 'Event'), world, world);
    expect(shared).toHaveLength(1);
    expect(shared[0]).toMatch(/event:info-sharing is shared with other regions/);
    expect(accessRefusals(coordinator, node('person:s1', 'Person'), world, world)[0]).toMatch(
      /not in your regions/,
    );
  });

  it('leaves regions, skills and challenges to an administrator', () => {
    for (const [id, kind] of [
      ['region:tsubame', 'Region'],
      ['skill:dx', 'Skill'],
    ] as const) {
      expect(accessRefusals(coordinator, node(id, kind), world, world)[0]).toMatch(
        /only an administrator/,
      );
      expect(accessRefusals(admin, node(id, kind), world, world)).toEqual([]);
    }
  });

  it('judges a node before and after: it may neither come from nor go to another region', () => {
    const movedAway = at({ 'person:t1': { kind: 'Person', regions: ['region:shiojiri'] } });
    expect(accessRefusals(coordinator, node('person:t1', 'Person'), world, movedAway)).toHaveLength(
      1,
    );
    // a node created by the write is judged after it only: in their region, or refused
    const created = node('person:new', 'Person');
    const placed = at({ 'person:new': { kind: 'Person', regions: ['region:tsubame'] } });
    const unplaced = at({ 'person:new': { kind: 'Person', regions: [] } });
    expect(accessRefusals(coordinator, created, world, null)).toEqual([]);
    expect(accessRefusals(coordinator, created, world, placed)).toEqual([]);
    expect(accessRefusals(coordinator, created, world, unplaced)).toHaveLength(1);
  });

  it('ties their node to what they may read (a shared event), never two shared ones or an outside one', () => {
    expect(
      accessRefusals(coordinator, rel('ATTENDED', 'person:t1', 'event:info-sharing'), world, world),
    ).toEqual([]);
    expect(
      accessRefusals(coordinator, rel('WORKS_AT', 'person:t2', 'org:bank'), world, world),
    ).toEqual([]);
    expect(
      accessRefusals(coordinator, rel('KNOWS', 'person:hq', 'person:t1'), world, world),
    ).toEqual([]);
    expect(
      accessRefusals(coordinator, rel('WORKS_AT', 'person:hq', 'org:bank'), world, world)[0],
    ).toMatch(/both ends are shared/);
    expect(
      accessRefusals(coordinator, rel('KNOWS', 'person:t1', 'person:s1'), world, world)[0],
    ).toMatch(/person:s1 is not in your regions/);
  });

  it('only needs to read what a row leaves unchanged (no oracle on stored values)', () => {
    expect(
      accessRefusals(coordinator, node('event:info-sharing', 'Event', false), world, world),
    ).toEqual([]);
    expect(accessRefusals(coordinator, node('skill:dx', 'Skill', false), world, world)).toEqual([]);
    expect(
      accessRefusals(coordinator, node('person:s1', 'Person', false), world, world),
    ).toHaveLength(1);
    expect(
      accessRefusals(coordinator, rel('WORKS_AT', 'person:hq', 'org:bank', false), world, world),
    ).toEqual([]);
  });

  it('lets writers of every region write anything', () => {
    expect(accessRefusals(admin, node('person:s1', 'Person'), world, world)).toEqual([]);
    expect(accessRefusals(admin, rel('KNOWS', 'person:hq', 'person:s1'), world, world)).toEqual([]);
  });
});
