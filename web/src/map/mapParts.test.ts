/** common/mapParts.ts: the parts of a map and where their boxes go (shared with the server). */
import { describe, expect, it } from 'vitest';
import {
  arrangeParts,
  mapParts,
  MIN_COMMUNITY,
  PART_GAP,
  partLinks,
  partsSignature,
  placeBoxes,
  type Box,
  type Offset,
  type PartNode,
} from '../../../common/mapParts';

const person = (community: number | null, region = ''): PartNode => ({
  kind: 'Person',
  community,
  region,
});
const node = (kind: string, region = ''): PartNode => ({ kind, community: null, region });

/** Whether two placed boxes come closer than `gap` (or overlap). */
function tooClose(a: Offset, A: Box, b: Offset, B: Box, gap: number): boolean {
  const dx = Math.max(b.x - (a.x + A.w), a.x - (b.x + B.w));
  const dy = Math.max(b.y - (a.y + A.h), a.y - (b.y + B.h));
  return dx < gap - 1e-6 && dy < gap - 1e-6;
}

describe('mapParts', () => {
  // 0-3: community 0; 4-6: community 1; 7: community 2 alone (too small); 8: an organisation
  // where 0 and 1 and 4 work; 9: an SME supported by 8; 10: region; 11: dept; 12: a skill of
  // nobody; 13: an event 4, 5 and 6 attended; 14: a skill 0, 1 and 2 have.
  const nodes: PartNode[] = [
    person(0),
    person(0),
    person(0),
    person(0),
    person(1),
    person(1),
    person(1),
    person(2),
    node('Organization'),
    node('SME'),
    node('Region'),
    node('RegionalHRDept'),
    node('Skill'),
    node('Event'),
    node('Skill'),
  ];
  const edges: Array<[number, number]> = [
    [0, 1],
    [1, 2],
    [2, 3],
    [4, 5],
    [5, 6],
    [0, 8],
    [1, 8],
    [4, 8],
    [8, 9],
    [7, 5],
    [10, 0],
    [10, 4],
    [10, 8],
    [8, 11],
    [4, 13],
    [5, 13],
    [6, 13],
    [0, 14],
    [1, 14],
    [2, 14],
  ];

  it('puts persons in their community, the region, dept and events in the core, skills in the rest, the others by their ties', () => {
    const { partOf, parts } = mapParts(nodes, edges);
    const kindOf = (i: number) => parts[partOf[i]!]!;
    expect([0, 1, 2, 3].map((i) => kindOf(i).community)).toEqual([0, 0, 0, 0]);
    expect([4, 5, 6].map((i) => kindOf(i).community)).toEqual([1, 1, 1]);
    // a community below MIN_COMMUNITY persons: placed by its tie (to a person of community 1)
    expect(MIN_COMMUNITY).toBeGreaterThan(1);
    expect(kindOf(7).community).toBe(1);
    // two of its three staff are in community 0; the SME follows its supporter
    expect(kindOf(8).community).toBe(0);
    expect(kindOf(9).community).toBe(0);
    expect(kindOf(10).kind).toBe('core');
    expect(kindOf(11).kind).toBe('core');
    expect(kindOf(12).kind).toBe('rest');
    // an event all of community 1 attended is still in the core; a skill of community 0 in the rest
    expect(kindOf(13).kind).toBe('core');
    expect(kindOf(14).kind).toBe('rest');
    expect(parts.map((p) => p.kind)).toEqual(['core', 'community', 'community', 'rest']);
  });

  it('does not depend on the order of the nodes', () => {
    const perm = nodes.map((_, i) => i).reverse();
    const inv = new Map(perm.map((old, i) => [old, i]));
    const shuffled = perm.map((i) => nodes[i]!);
    const shuffledEdges = edges.map(([a, b]) => [inv.get(b)!, inv.get(a)!] as [number, number]);
    const a = mapParts(nodes, edges);
    const b = mapParts(shuffled, shuffledEdges);
    const describe = (p: ReturnType<typeof mapParts>, i: number) => {
      const part = p.parts[p.partOf[i]!]!;
      return `${part.kind}:${part.community}`;
    };
    nodes.forEach((_, i) => expect(describe(b, inv.get(i)!)).toBe(describe(a, i)));
  });

  it('never mixes regions: a tie across regions gives no vote', () => {
    const ns = [person(0, 'a'), person(0, 'a'), person(0, 'a'), node('SME', 'b')];
    const { partOf, parts } = mapParts(ns, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(parts[partOf[3]!]!.region).toBe('b');
    expect(parts[partOf[3]!]!.kind).toBe('rest');
    expect(parts[partOf[0]!]!.region).toBe('a');
  });

  it('signs the parts: the same for the same parts in any order, another when one moves', () => {
    const ids = nodes.map((_, i) => `n${i}`);
    const sig = partsSignature(ids, mapParts(nodes, edges));
    const perm = nodes.map((_, i) => i).reverse();
    const inv = new Map(perm.map((old, i) => [old, i]));
    const again = partsSignature(
      perm.map((i) => ids[i]!),
      mapParts(
        perm.map((i) => nodes[i]!),
        edges.map(([a, b]) => [inv.get(a)!, inv.get(b)!] as [number, number]),
      ),
    );
    expect(again).toBe(sig);
    // person 3 moves from community 0 to community 1
    const moved = nodes.map((x, i) => (i === 3 ? person(1) : x));
    expect(partsSignature(ids, mapParts(moved, edges))).not.toBe(sig);
  });

  it('counts the ties between parts', () => {
    const { partOf } = mapParts(nodes, edges);
    const links = partLinks(partOf, edges);
    // core–community 0 (10-0, 10-8, 8-11), core–community 1 (10-4 and the event 13),
    // community 0–1 (4-8), community 0–rest (the skill 14)
    expect(links).toEqual([
      [0, 1, 3],
      [0, 2, 4],
      [1, 2, 1],
      [1, 3, 3],
    ]);
  });
});

describe('placeBoxes', () => {
  const boxes: Box[] = [
    { w: 300, h: 200 },
    { w: 120, h: 120 },
    { w: 80, h: 260 },
    { w: 200, h: 90 },
    { w: 40, h: 40 },
    { w: 250, h: 250 },
    { w: 60, h: 60 },
    { w: 140, h: 70 },
  ];

  it('places every box with at least the gap between any two, deterministically', () => {
    const links: Array<[number, number, number]> = [
      [0, 1, 5],
      [1, 2, 3],
      [3, 4, 1],
      [5, 6, 2],
    ];
    const at = placeBoxes(boxes, links);
    expect(at).toEqual(placeBoxes(boxes, links));
    expect(Math.min(...at.map((o) => o.x))).toBeCloseTo(0);
    expect(Math.min(...at.map((o) => o.y))).toBeCloseTo(0);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(tooClose(at[i]!, boxes[i]!, at[j]!, boxes[j]!, PART_GAP), `${i} and ${j}`).toBe(
          false,
        );
      }
    }
  });

  it('keeps strongly tied boxes nearer each other than untied ones', () => {
    const same = Array.from({ length: 9 }, () => ({ w: 100, h: 100 }));
    // 0 is the core; 7 is tied to 8 only, heavily; the others to 0.
    const links: Array<[number, number, number]> = [
      [0, 1, 2],
      [0, 2, 2],
      [0, 3, 2],
      [0, 4, 2],
      [0, 5, 2],
      [0, 6, 2],
      [0, 7, 1],
      [7, 8, 20],
    ];
    const at = placeBoxes(same, links, { first: 0 });
    const d = (a: number, b: number) => Math.hypot(at[a]!.x - at[b]!.x, at[a]!.y - at[b]!.y);
    const others = [1, 2, 3, 4, 5, 6].map((j) => d(8, j));
    expect(d(7, 8)).toBeLessThan(Math.min(...others));
  });

  it('starts with the given first box in the middle', () => {
    const same = Array.from({ length: 9 }, () => ({ w: 100, h: 100 }));
    const at = placeBoxes(same, [], { first: 4 });
    const cx = at.reduce((s, o) => s + o.x, 0) / at.length;
    const cy = at.reduce((s, o) => s + o.y, 0) / at.length;
    // The first box is nearer the middle of the arrangement than any other.
    const dist = at.map((o) => Math.hypot(o.x - cx, o.y - cy));
    expect(dist[4]).toBe(Math.min(...dist));
  });
});

describe('arrangeParts', () => {
  it('keeps the parts of one region together and regions apart, with no boxes overlapping', () => {
    const ns: PartNode[] = [];
    const edges: Array<[number, number]> = [];
    for (const region of ['a', 'b', 'c']) {
      const base = ns.length;
      ns.push(node('Region', region));
      for (let c = 0; c < 3; c++) {
        for (let k = 0; k < 4; k++) {
          ns.push(person(c, region));
          edges.push([base, ns.length - 1]);
          if (k > 0) edges.push([ns.length - 2, ns.length - 1]);
        }
      }
    }
    const partition = mapParts(ns, edges);
    expect(partition.parts).toHaveLength(12);
    const boxes = partition.parts.map((p) => ({ w: 40 + 30 * p.members.length, h: 100 }));
    const at = arrangeParts(partition, boxes, partLinks(partition.partOf, edges));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        expect(tooClose(at[i]!, boxes[i]!, at[j]!, boxes[j]!, PART_GAP - 1)).toBe(false);
      }
    }
    // the bounding boxes of the regions do not overlap either
    const regionBox = (r: string) => {
      const idx = partition.parts.flatMap((p, i) => (p.region === r ? [i] : []));
      return {
        x1: Math.min(...idx.map((i) => at[i]!.x)),
        y1: Math.min(...idx.map((i) => at[i]!.y)),
        x2: Math.max(...idx.map((i) => at[i]!.x + boxes[i]!.w)),
        y2: Math.max(...idx.map((i) => at[i]!.y + boxes[i]!.h)),
      };
    };
    const [a, b, c] = ['a', 'b', 'c'].map(regionBox);
    const apart = (p: typeof a, q: typeof a) =>
      p!.x2 <= q!.x1 || q!.x2 <= p!.x1 || p!.y2 <= q!.y1 || q!.y2 <= p!.y1;
    expect(apart(a, b) && apart(b, c) && apart(a, c)).toBe(true);
  });
});
