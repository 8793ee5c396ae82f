import { describe, expect, it } from 'vitest';
import { edgeKey, planLayout, placeNew, type DrawnLayout } from './incremental';

/** A ring of n nodes p0…p(n-1), 100 px apart on a line, tied in a chain. */
function drawn(n: number, scope = 'layout:r1|one'): DrawnLayout {
  const positions: DrawnLayout['positions'] = {};
  const edges = new Set<string>();
  for (let i = 0; i < n; i++) {
    positions[`p${i}`] = { x: i * 100, y: 0 };
    if (i > 0) edges.add(edgeKey(`p${i - 1}`, `p${i}`));
  }
  return { scope, positions, edges };
}

function nextOf(
  prev: DrawnLayout,
  extraNodes: string[] = [],
  extraEdges: Array<[string, string]> = [],
) {
  const nodes = [...Object.keys(prev.positions), ...extraNodes].map((id) => ({ id, size: 20 }));
  const edges = [...prev.edges].map((k) => {
    const [source, target] = k.split('\t') as [string, string];
    return { source, target };
  });
  for (const [source, target] of extraEdges) edges.push({ source, target });
  return { nodes, edges };
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

describe('planLayout', () => {
  it('lays out in full the first time and for another scope', () => {
    const prev = drawn(100);
    expect(planLayout(undefined, nextOf(prev), 'layout:r1|one').kind).toBe('full');
    expect(planLayout(prev, nextOf(prev), 'layout:r2|one')).toMatchObject({ reason: 'scope' });
  });

  it('is incremental up to 5 % of nodes and ties changed, full beyond', () => {
    const prev = drawn(100); // 100 nodes, 99 ties: 5 nodes and 5 ties (of 104) allowed
    const five = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const ok = planLayout(
      prev,
      nextOf(prev, five, [
        ['n1', 'p3'],
        ['n2', 'p4'],
      ]),
      prev.scope,
    );
    expect(ok.kind).toBe('incremental');
    const six = planLayout(prev, nextOf(prev, [...five, 'n6']), prev.scope);
    expect(six).toMatchObject({ kind: 'full', reason: 'nodes' });
    const ties: Array<[string, string]> = [0, 1, 2, 3, 4, 5].map((i) => [`p${i}`, `p${i + 50}`]);
    expect(planLayout(prev, nextOf(prev, [], ties.slice(0, 5)), prev.scope).kind).toBe(
      'incremental',
    );
    expect(planLayout(prev, nextOf(prev, [], ties), prev.scope)).toMatchObject({
      kind: 'full',
      reason: 'edges',
    });
  });

  it('allows one change on a small map, and ignores relabelled communities', () => {
    const prev = drawn(10);
    const next = nextOf(prev, ['n1'], [['n1', 'p0']]);
    const relabelled = {
      ...next,
      nodes: next.nodes.map((n, i) => ({ ...n, community: 9 - (i % 3) })),
    };
    expect(planLayout(prev, relabelled, prev.scope).kind).toBe('incremental');
    expect(planLayout(prev, nextOf(prev, ['n1', 'n2']), prev.scope).kind).toBe('full');
  });

  it('keeps every drawn node where it was and drops removed ones', () => {
    const prev = drawn(40);
    const next = nextOf(prev);
    next.nodes = next.nodes.filter((n) => n.id !== 'p39');
    next.edges = next.edges.filter((e) => e.source !== 'p39' && e.target !== 'p39');
    const plan = planLayout(prev, next, prev.scope);
    expect(plan).toMatchObject({ kind: 'incremental', removed: 1, added: [] });
    if (plan.kind !== 'incremental') return;
    expect(plan.positions.p39).toBeUndefined();
    expect(Object.keys(plan.positions)).toHaveLength(39);
    for (let i = 0; i < 39; i++) expect(plan.positions[`p${i}`]).toEqual({ x: i * 100, y: 0 });
  });
});

describe('placeNew', () => {
  it('places a new node near the centroid of its placed neighbours', () => {
    const placed = {
      a: { x: 0, y: 0 },
      b: { x: 400, y: 0 },
      c: { x: 200, y: 400 },
      far: { x: 5000, y: 5000 },
    };
    const pos = placeNew(placed, {
      nodes: ['a', 'b', 'c', 'far', 'n'].map((id) => ({ id, size: 20 })),
      edges: [
        { source: 'n', target: 'a' },
        { source: 'b', target: 'n' },
        { source: 'n', target: 'c' },
      ],
    });
    const centre = { x: 200, y: 400 / 3 };
    expect(dist(pos.n!, centre)).toBeLessThan(60);
    expect(pos.a).toEqual({ x: 0, y: 0 });
    // deterministic
    expect(
      placeNew(placed, {
        nodes: ['a', 'b', 'c', 'far', 'n'].map((id) => ({ id })),
        edges: [
          { source: 'n', target: 'a' },
          { source: 'n', target: 'b' },
          { source: 'n', target: 'c' },
        ],
      }).n,
    ).toEqual(pos.n);
  });

  it('does not put two new nodes with the same neighbours on top of each other', () => {
    const placed = { a: { x: 0, y: 0 }, b: { x: 100, y: 0 } };
    const nodes = ['a', 'b', 'n1', 'n2'].map((id) => ({ id, size: 30 }));
    const edges = ['n1', 'n2'].flatMap((n) => [
      { source: n, target: 'a' },
      { source: n, target: 'b' },
    ]);
    const pos = placeNew(placed, { nodes, edges });
    // 15 + 15 radii and the gap between them
    expect(dist(pos.n1!, pos.n2!)).toBeGreaterThanOrEqual(30);
    for (const n of ['n1', 'n2']) {
      expect(dist(pos[n]!, pos.a!)).toBeGreaterThanOrEqual(30);
      expect(dist(pos[n]!, pos.b!)).toBeGreaterThanOrEqual(30);
      expect(dist(pos[n]!, { x: 50, y: 0 })).toBeLessThan(120);
    }
  });

  it('places a node tied only to another new node beside it; with no ties, at its community', () => {
    const placed = { a: { x: 0, y: 0 }, c1: { x: 1000, y: 1000 }, c2: { x: 1100, y: 1000 } };
    const pos = placeNew(placed, {
      nodes: [
        { id: 'a', community: 1 },
        { id: 'c1', community: 2 },
        { id: 'c2', community: 2 },
        { id: 'chain', community: 1 },
        { id: 'n', community: 1 },
        { id: 'lone', community: 2 },
        { id: 'nobody' },
      ],
      edges: [
        { source: 'chain', target: 'n' },
        { source: 'n', target: 'a' },
      ],
    });
    expect(dist(pos.n!, pos.a!)).toBeLessThan(80);
    expect(dist(pos.chain!, pos.n!)).toBeLessThan(80);
    expect(dist(pos.lone!, { x: 1050, y: 1000 })).toBeLessThan(80);
    expect(pos.nobody).toBeDefined();
  });
});
