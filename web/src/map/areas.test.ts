import { describe, expect, it } from 'vitest';
import { mapParts, type PartNode } from '../../../common/mapParts';
import {
  AREA_PADDING,
  communityAreas,
  convexHull,
  overlaps,
  regionAreas,
  type Point,
} from './areas';
import { assemble, layoutOne, splitParts, type LayoutInput } from './layoutCore';

/** Whether p lies inside the convex polygon (counter-clockwise). */
function inside(poly: Point[], p: Point): boolean {
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    if ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < -1e-9) return false;
  }
  return true;
}

describe('convexHull', () => {
  it('keeps the corners and drops inner and collinear points', () => {
    const hull = convexHull([
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 4, y: 0 },
      { x: 4, y: 4 },
      { x: 0, y: 4 },
      { x: 1, y: 1 },
      { x: 2, y: 3 },
    ]);
    expect(hull).toHaveLength(4);
    expect(hull).toEqual(
      expect.arrayContaining([
        { x: 0, y: 0 },
        { x: 4, y: 0 },
        { x: 4, y: 4 },
        { x: 0, y: 4 },
      ]),
    );
  });
});

/** Three communities of six persons (rings), an organisation each, a region in the core. */
function sample(): LayoutInput {
  const nodes: LayoutInput['nodes'] = [{ id: 'r', size: 40, kind: 'Region', community: null }];
  const edges: LayoutInput['edges'] = [];
  for (let c = 0; c < 3; c++) {
    for (let k = 0; k < 6; k++) {
      nodes.push({ id: `p${c}-${k}`, size: 14 + 6 * k, kind: 'Person', community: c });
      edges.push({ id: `k${c}-${k}`, source: `p${c}-${k}`, target: `p${c}-${(k + 1) % 6}` });
      edges.push({ id: `l${c}-${k}`, source: `p${c}-${k}`, target: 'r' });
    }
    nodes.push({ id: `o${c}`, size: 30, kind: 'Organization', community: null });
    edges.push({ id: `w${c}`, source: `p${c}-0`, target: `o${c}` });
    edges.push({ id: `w${c}b`, source: `p${c}-3`, target: `o${c}` });
  }
  // a tie between two communities
  edges.push({ id: 'bridge', source: 'p0-1', target: 'p1-1' });
  return { nodes, edges };
}

describe('community areas of a laid-out map (fcose parts, as the browser lays out)', () => {
  const input = sample();
  const { partition, inputs, links } = splitParts(input);
  const pos = assemble(partition, inputs.map(layoutOne), links);
  const xs = input.nodes.map((n) => pos[n.id]!.x);
  const ys = input.nodes.map((n) => pos[n.id]!.y);
  const sizes = input.nodes.map((n) => n.size);
  const kinds = input.nodes.map((n) => n.kind!);
  const areas = communityAreas(partition, { xs, ys, sizes, kinds });

  it('one area per community, holding its persons and the organisation they work at', () => {
    expect(areas.map((a) => a.community)).toEqual([0, 1, 2]);
    expect(areas.map((a) => a.persons)).toEqual([6, 6, 6]);
    for (const a of areas) {
      for (const i of partition.parts.find((p) => p.community === a.community)!.members) {
        // the node's centre and the rim of its disc (plus padding) lie inside the outline
        const r = sizes[i]! / 2 + AREA_PADDING - 0.5;
        for (const [dx, dy] of [
          [0, 0],
          [r, 0],
          [-r, 0],
          [0, r],
          [0, -r],
        ]) {
          expect(inside(a.hull, { x: xs[i]! + dx!, y: ys[i]! + dy! })).toBe(true);
        }
      }
      expect(kinds[partition.parts.find((p) => p.community === a.community)!.members.at(-1)!]).toBe(
        'Organization',
      );
    }
  });

  it('the communities lie apart: no two areas overlap, nor does any area take in the core', () => {
    for (let i = 0; i < areas.length; i++) {
      for (let j = i + 1; j < areas.length; j++) {
        expect(overlaps(areas[i]!.box, areas[j]!.box)).toBe(false);
      }
      const region = { x: xs[0]!, y: ys[0]! };
      expect(inside(areas[i]!.hull, region)).toBe(false);
    }
  });

  it('an area leaves out the hidden nodes (and is gone when all are hidden)', () => {
    const keep = input.nodes.findIndex((n) => n.id === 'p0-0');
    const hidden = Uint8Array.from(input.nodes, (n, i) =>
      i === keep || n.id.startsWith('p1') ? 0 : 1,
    );
    const shown = communityAreas(partition, { xs, ys, sizes, kinds, hidden });
    expect(shown.map((a) => [a.community, a.persons])).toEqual([
      [0, 1],
      [1, 6],
    ]);
    // just the one person's disc and padding
    const r = sizes[keep]! / 2 + AREA_PADDING;
    expect(shown[0]!.box.x2 - shown[0]!.box.x1).toBeLessThan(2.2 * r);
    expect(shown[0]!.box.x2 - shown[0]!.box.x1).toBeGreaterThanOrEqual(2 * r - 1e-9);
  });
});

describe('regionAreas', () => {
  it('names each region cluster at its centre, leaving out clusters too small to name', () => {
    const nodes: PartNode[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (const [region, x0, count] of [
      ['a', 0, 12],
      ['b', 1000, 12],
      ['c', 2000, 2],
    ] as const) {
      for (let k = 0; k < count; k++) {
        nodes.push({ kind: 'SME', community: null, region });
        xs.push(x0 + k * 10);
        ys.push(k % 2 === 0 ? 0 : 100);
      }
    }
    const regions = regionAreas(mapParts(nodes, []), { xs, ys });
    expect(regions.map((r) => r.region)).toEqual(['a', 'b']);
    expect(regions[1]!.centre).toEqual({ x: 1055, y: 50 });
  });
});
