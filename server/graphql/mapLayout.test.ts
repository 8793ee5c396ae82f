import { describe, expect, it } from 'vitest';
import { createNetworkGraph, putEdge, putNode, type NetworkGraph } from '../analytics/graph';
import { mapParts } from '../../common/mapParts';
import { forgetLayouts, hash01, layoutMap, layoutStats, placeNetworkMap } from './mapLayout';
import { buildNetworkMap } from './networkMap';

const community0 = (id: string) =>
  id.startsWith('p') ? Math.floor(Number(id.slice(1)) / 20) : null;

/** A region hub, communities of persons with KNOWS ties, and a few isolated nodes. */
function sample(persons = 400): NetworkGraph {
  const g = createNetworkGraph();
  putNode(g, 'r1', { kind: 'Region', name: 'R', labels: ['Region'], props: {} });
  for (let i = 0; i < persons; i++) {
    const id = `p${i}`;
    putNode(g, id, { kind: 'Person', name: id, labels: ['Person'], props: {} });
    putEdge(g, 'LOCATED_IN', id, 'r1');
    if (i % 20 !== 0) putEdge(g, 'KNOWS', id, `p${i - 1}`, { strength: 1 + (i % 3) });
    if (i % 7 === 0 && i > 30) putEdge(g, 'KNOWS', id, `p${i - 30}`);
  }
  for (let i = 0; i < 5; i++) {
    putNode(g, `s${i}`, { kind: 'Skill', name: `s${i}`, labels: ['Skill'], props: {} });
  }
  return g;
}

describe('layoutMap', () => {
  it('is deterministic, finite, and puts no two nodes at the same point', () => {
    const g = sample();
    forgetLayouts();
    const a = layoutMap(g, { communityOf: community0 });
    forgetLayouts(); // computed again, not remembered
    const b = layoutMap(g, { communityOf: community0 });
    expect(a.size).toBe(g.order);
    expect([...a.entries()]).toEqual([...b.entries()]);
    const seen = new Set<string>();
    for (const p of a.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      const key = `${p.x},${p.y}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('remembers a layout by what it reads: not again for a changed title, again for a changed tie', () => {
    forgetLayouts();
    const before = { ...layoutStats };
    const first = layoutMap(sample(), { communityOf: community0 });
    const retitled = sample();
    retitled.mergeNodeAttributes('p5', { props: { title: '部長' } });
    const again = layoutMap(retitled, { communityOf: community0 });
    expect([...again.entries()]).toEqual([...first.entries()]);
    expect(layoutStats.computed - before.computed).toBe(1);
    expect(layoutStats.remembered - before.remembered).toBe(1);
    // A stronger tie, a new tie, another community: each is a layout of its own.
    const stronger = sample();
    stronger.setEdgeAttribute('KNOWS:p6->p5', 'weight', 3); // was 1
    layoutMap(stronger, { communityOf: community0 });
    const tied = sample();
    putEdge(tied, 'KNOWS', 'p5', 'p300');
    layoutMap(tied, { communityOf: community0 });
    layoutMap(sample(), { communityOf: () => null });
    expect(layoutStats.computed - before.computed).toBe(4);
    expect(layoutStats.remembered - before.remembered).toBe(1);
    // What a caller does with its positions does not change what the next caller gets.
    again.set('p5', { x: -1, y: -1 });
    expect(layoutMap(sample(), { communityOf: community0 }).get('p5')).toEqual(first.get('p5'));
  });

  it('keeps tied nodes closer than the map is wide', () => {
    const g = sample();
    const pos = layoutMap(g);
    const xs = [...pos.values()].map((p) => p.x);
    const width = Math.max(...xs) - Math.min(...xs);
    let sum = 0;
    let k = 0;
    g.forEachEdge((_e, a, s, t) => {
      if (a.type !== 'KNOWS') return;
      const p = pos.get(s)!;
      const q = pos.get(t)!;
      sum += Math.hypot(p.x - q.x, p.y - q.y);
      k++;
    });
    expect(sum / k).toBeLessThan(width / 4);
  });

  it('lays out groups apart (the regions of the all-regions view)', () => {
    const g = sample(100);
    const pos = layoutMap(g, { groupOf: (id) => (id.startsWith('s') ? 'skills' : 'region') });
    const skillsX = [0, 1, 2, 3, 4].map((i) => pos.get(`s${i}`)!);
    expect(skillsX.every((p) => Number.isFinite(p.x))).toBe(true);
  });

  it('places a hub whose only ties are its staff (an organisation of 60 with no other ties)', () => {
    const g = createNetworkGraph();
    putNode(g, 'o', { kind: 'Organization', name: 'O', labels: ['Organization'], props: {} });
    for (let i = 0; i < 60; i++) {
      putNode(g, `q${i}`, { kind: 'Person', name: `q${i}`, labels: ['Person'], props: {} });
      putEdge(g, 'WORKS_AT', `q${i}`, 'o');
      // a few of them know each other
      if (i > 0 && i < 8) putEdge(g, 'KNOWS', `q${i}`, `q${i - 1}`);
    }
    const pos = layoutMap(g, { communityOf: (id) => (id.startsWith('q') ? 0 : null) });
    expect(pos.size).toBe(61);
    for (const p of pos.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // the hub lies within its staff's box
    const staff = box([...pos.entries()].filter(([id]) => id !== 'o').map(([, p]) => p));
    const o = pos.get('o')!;
    expect(o.x >= staff.x1 - 60 && o.x <= staff.x2 + 60).toBe(true);
    expect(o.y >= staff.y1 - 60 && o.y <= staff.y2 + 60).toBe(true);
  });

  it('hash01 is in [0, 1) and differs by salt', () => {
    for (const s of ['a', 'person:1', '']) {
      expect(hash01(s)).toBeGreaterThanOrEqual(0);
      expect(hash01(s)).toBeLessThan(1);
    }
    expect(hash01('x', 1)).not.toBe(hash01('x', 2));
  });
});

/** The bounding box of some positions. */
function box(points: Array<{ x: number; y: number }>) {
  return {
    x1: Math.min(...points.map((p) => p.x)),
    y1: Math.min(...points.map((p) => p.y)),
    x2: Math.max(...points.map((p) => p.x)),
    y2: Math.max(...points.map((p) => p.y)),
  };
}
const apart = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.x2 < b.x1 || b.x2 < a.x1 || a.y2 < b.y1 || b.y2 < a.y1;

describe('layoutMap: communities apart', () => {
  const g = sample();
  const pos = layoutMap(g, { communityOf: community0 });
  const communityBoxes = Array.from({ length: 20 }, (_, c) =>
    box(Array.from({ length: 20 }, (_, k) => pos.get(`p${c * 20 + k}`)!)),
  );

  it('the bounding boxes of two communities never overlap', () => {
    for (let i = 0; i < communityBoxes.length; i++) {
      for (let j = i + 1; j < communityBoxes.length; j++) {
        expect(apart(communityBoxes[i]!, communityBoxes[j]!), `${i} and ${j}`).toBe(true);
      }
    }
  });

  it('puts the untied nodes of a part in a grid (the skills here), apart from the communities', () => {
    const skills = [0, 1, 2, 3, 4].map((i) => pos.get(`s${i}`)!);
    const xs = new Set(skills.map((p) => p.x));
    const ys = new Set(skills.map((p) => p.y));
    // five nodes on a few rows and columns
    expect(xs.size).toBeLessThan(5);
    expect(ys.size).toBeLessThan(5);
    for (const b of communityBoxes) expect(apart(box(skills), b)).toBe(true);
  });
});

describe('placeNetworkMap', () => {
  it('the web app reads the same communities from the answer: their areas do not overlap', () => {
    const g = sample();
    const map = buildNetworkMap(g, [], 1);
    for (const n of map.nodes) n.community = community0(n.id);
    const placed = placeNetworkMap(g, map, false, 10);
    // the partition as web/src/map/map.ts makes it from the answer
    const index = new Map(placed.nodes.map((n, i) => [n.id, i]));
    const partition = mapParts(
      placed.nodes.map((n) => ({ kind: n.kind, community: n.community, region: '' })),
      placed.edges.map((e) => [index.get(e.source)!, index.get(e.target)!] as [number, number]),
    );
    const parts = partition.parts.filter((p) => p.kind === 'community');
    expect(parts).toHaveLength(20);
    const boxes = parts.map((p) =>
      box(p.members.map((i) => ({ x: placed.nodes[i]!.x!, y: placed.nodes[i]!.y! }))),
    );
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(apart(boxes[i]!, boxes[j]!)).toBe(true);
    }
  });

  it('leaves small maps to the web app and places large ones', () => {
    const g = sample(50);
    const small = placeNetworkMap(g, buildNetworkMap(g, [], 1), false);
    expect(small.nodes.every((n) => n.x === null && n.y === null)).toBe(true);
    const large = placeNetworkMap(g, buildNetworkMap(g, [], 1), false, 10);
    expect(large.nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number')).toBe(true);
  });
});
