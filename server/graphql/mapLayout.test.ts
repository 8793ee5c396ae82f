import { describe, expect, it } from 'vitest';
import { createNetworkGraph, putEdge, putNode, type NetworkGraph } from '../analytics/graph';
import { hash01, layoutMap, placeNetworkMap } from './mapLayout';
import { buildNetworkMap } from './networkMap';

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
    const community = (id: string) =>
      id.startsWith('p') ? Math.floor(Number(id.slice(1)) / 20) : null;
    const a = layoutMap(g, { communityOf: community });
    const b = layoutMap(g, { communityOf: community });
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

  it('hash01 is in [0, 1) and differs by salt', () => {
    for (const s of ['a', 'person:1', '']) {
      expect(hash01(s)).toBeGreaterThanOrEqual(0);
      expect(hash01(s)).toBeLessThan(1);
    }
    expect(hash01('x', 1)).not.toBe(hash01('x', 2));
  });
});

describe('placeNetworkMap', () => {
  it('leaves small maps to the web app and places large ones', () => {
    const g = sample(50);
    const small = placeNetworkMap(g, buildNetworkMap(g, [], 1), false);
    expect(small.nodes.every((n) => n.x === null && n.y === null)).toBe(true);
    const large = placeNetworkMap(g, buildNetworkMap(g, [], 1), false, 10);
    expect(large.nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number')).toBe(true);
  });
});
