/**
 * The areas drawn behind the nodes (pure, no DOM): each community's tinted hull with its number,
 * and each region's name at the centre of its cluster in the all-regions view. Both come from
 * the map's parts (common/mapParts.ts), which the layout keeps apart, so no two hulls overlap.
 */
import type { MapPartition } from '../../../common/mapParts';

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Andrew's monotone chain: the convex hull, counter-clockwise, without collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length <= 2) return p;
  const cross = (o: Point, a: Point, b: Point) =>
    (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0)
      lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0)
      upper.pop();
    upper.push(q);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Room between a node's edge and its area's outline (map pixels). */
export const AREA_PADDING = 12;

export interface CommunityArea {
  /** The community's number from 0 (largest first), as the API numbers them. */
  community: number;
  region: string;
  /** Convex outline around every node of the area, node sizes and padding included. */
  hull: Point[];
  box: Rect;
  /** The middle of the outline's top edge: where the area's tag sits. */
  top: Point;
  /** Persons of the community in this area. */
  persons: number;
}

export interface PlacedNodes {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Diameter of each node. */
  sizes: ArrayLike<number>;
  kinds: readonly string[];
  /** Nodes not shown (1): left out of the outlines. */
  hidden?: ArrayLike<number>;
}

/** The outline of every community part with at least one shown node. */
export function communityAreas(partition: MapPartition, nodes: PlacedNodes): CommunityArea[] {
  const out: CommunityArea[] = [];
  for (const part of partition.parts) {
    if (part.kind !== 'community' || part.community === null) continue;
    let persons = 0;
    const shown: number[] = [];
    for (const i of part.members) {
      if (nodes.hidden?.[i]) continue;
      if (nodes.kinds[i] === 'Person') persons++;
      shown.push(i);
    }
    if (shown.length === 0) continue;
    // An octagon around each node: the hull of these contains the node's disc (r / cos 22.5°).
    const radius = (i: number) => (nodes.sizes[i]! / 2 + AREA_PADDING) / Math.cos(Math.PI / 8);
    // Only nodes near the outline of the centres can reach the outline of the discs: a node
    // whose octagon lies inside the centres' hull adds nothing (most of a large community).
    const centres = convexHull(shown.map((i) => ({ x: nodes.xs[i]!, y: nodes.ys[i]! })));
    const pts: Point[] = [];
    for (const i of shown) {
      const x = nodes.xs[i]!;
      const y = nodes.ys[i]!;
      const R = radius(i);
      if (centres.length >= 3 && depthInside(centres, x, y) >= R) continue;
      for (let k = 0; k < 8; k++) {
        const a = (Math.PI / 4) * k + Math.PI / 8;
        pts.push({ x: x + R * Math.cos(a), y: y + R * Math.sin(a) });
      }
    }
    const hull = convexHull(pts);
    const box = boxOf(hull);
    // The top edge: the outline's points near its highest (an octagon's flat top at least).
    const near = hull.filter((p) => p.y <= box.y1 + 1);
    const top = { x: near.reduce((sum, p) => sum + p.x, 0) / near.length, y: box.y1 };
    out.push({ community: part.community, region: part.region, hull, box, top, persons });
  }
  return out;
}

/**
 * How far a point lies inside a convex polygon (counter-clockwise): its distance to the nearest
 * edge's line; negative outside.
 */
export function depthInside(poly: readonly Point[], x: number, y: number): number {
  let depth = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len === 0) continue;
    const d = ((b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x)) / len;
    if (d < depth) depth = d;
  }
  return depth;
}

export interface RegionArea {
  region: string;
  box: Rect;
  centre: Point;
  nodes: number;
}

/**
 * The box and centre of each region group (the all-regions view) of at least `minNodes` nodes
 * (a prefecture's lone node is no cluster to name).
 */
export function regionAreas(
  partition: MapPartition,
  nodes: Pick<PlacedNodes, 'xs' | 'ys'>,
  minNodes = 10,
): RegionArea[] {
  const members = new Map<string, number[]>();
  for (const part of partition.parts) {
    let list = members.get(part.region);
    if (!list) members.set(part.region, (list = []));
    list.push(...part.members);
  }
  const out: RegionArea[] = [];
  for (const [region, list] of members) {
    if (list.length < minNodes) continue;
    const box = boxOf(list.map((i) => ({ x: nodes.xs[i]!, y: nodes.ys[i]! })));
    out.push({
      region,
      box,
      centre: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 },
      nodes: list.length,
    });
  }
  return out;
}

export function boxOf(points: readonly Point[]): Rect {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of points) {
    if (p.x < x1) x1 = p.x;
    if (p.y < y1) y1 = p.y;
    if (p.x > x2) x2 = p.x;
    if (p.y > y2) y2 = p.y;
  }
  return { x1, y1, x2, y2 };
}

/** Whether two rectangles overlap (touching edges do not). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}
