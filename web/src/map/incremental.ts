/**
 * Incremental layout after a small change (a save that adds a person or a tie): when the new
 * map differs from the drawn one by few nodes and ties, every node already drawn keeps its
 * position and each new node is placed beside its placed neighbours, so the map is drawn at
 * once instead of running fcose again (SPEC §9: a save until the map shows it ≤ 1 s). A first
 * load, another region or a big change is laid out in full (layout.ts). Pure: no DOM, no
 * Cytoscape.
 */
import type { LayoutResult } from './layoutCore';

/** Share of nodes, and of ties, that may be added or removed for an incremental layout. */
export const INCREMENTAL_SHARE = 0.05;

export interface DrawnLayout {
  /** What the layout was for (cache key, region, all-regions view): another scope → full. */
  scope: string;
  positions: LayoutResult;
  /** Tie keys (edgeKey) of the drawn map. */
  edges: ReadonlySet<string>;
}

export interface NextMap {
  nodes: ReadonlyArray<{ id: string; size?: number; group?: string; community?: number | null }>;
  edges: ReadonlyArray<{ source: string; target: string }>;
}

export type LayoutPlan =
  | { kind: 'full'; reason: string }
  | { kind: 'incremental'; positions: LayoutResult; added: string[]; removed: number };

/** A tie's key, the same either way round. */
export function edgeKey(a: string, b: string): string {
  return a < b ? `${a}\t${b}` : `${b}\t${a}`;
}

/** Changes allowed for `n` items: the share, at least one. */
function allowed(n: number, share: number): number {
  return Math.max(1, Math.floor(n * share));
}

/**
 * Decides between a full layout and an incremental one and, for the latter, gives the
 * positions of every node of `next` (the kept ones unchanged, nodes no longer there dropped).
 */
export function planLayout(
  prev: DrawnLayout | undefined,
  next: NextMap,
  scope: string,
  share = INCREMENTAL_SHARE,
): LayoutPlan {
  if (!prev) return { kind: 'full', reason: 'first' };
  if (prev.scope !== scope) return { kind: 'full', reason: 'scope' };
  const ids = new Set(next.nodes.map((n) => n.id));
  const prevIds = Object.keys(prev.positions);
  const removed = prevIds.filter((id) => !ids.has(id)).length;
  const added = next.nodes.filter((n) => !prev.positions[n.id]).map((n) => n.id);
  const kept = next.nodes.length - added.length;
  if (kept === 0) return { kind: 'full', reason: 'nothing kept' };
  const nodeBase = Math.max(prevIds.length, next.nodes.length);
  if (added.length + removed > allowed(nodeBase, share)) return { kind: 'full', reason: 'nodes' };
  const keys = new Set<string>();
  for (const e of next.edges) {
    if (ids.has(e.source) && ids.has(e.target)) keys.add(edgeKey(e.source, e.target));
  }
  let edgeDelta = 0;
  for (const k of keys) if (!prev.edges.has(k)) edgeDelta++;
  for (const k of prev.edges) if (!keys.has(k)) edgeDelta++;
  if (edgeDelta > allowed(Math.max(prev.edges.size, keys.size), share)) {
    return { kind: 'full', reason: 'edges' };
  }
  return { kind: 'incremental', positions: placeNew(prev.positions, next), added, removed };
}

const DEFAULT_SIZE = 20;
/** Space kept between a new node and any other (px, beyond both radii). */
const GAP = 12;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/**
 * Positions for `next`: the nodes in `placed` keep theirs; each other node goes next to the
 * centroid of its placed neighbours (new nodes placed before it count), else its community's
 * centre, else its group's, else the map's, on the first free point of a spiral around it.
 */
export function placeNew(placed: LayoutResult, next: NextMap): LayoutResult {
  const out: LayoutResult = {};
  const size = new Map<string, number>();
  for (const n of next.nodes) {
    size.set(n.id, n.size ?? DEFAULT_SIZE);
    const p = placed[n.id];
    if (p) out[n.id] = { x: p.x, y: p.y };
  }
  const neighbours = new Map<string, string[]>();
  for (const e of next.edges) {
    if (!size.has(e.source) || !size.has(e.target) || e.source === e.target) continue;
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  let todo = next.nodes.filter((n) => !out[n.id]);
  // Those with placed neighbours first, in rounds (a new node tied only to another new one
  // waits for it); the rest by community, group, map.
  for (;;) {
    const later: typeof todo = [];
    for (const n of todo) {
      const c = centroid((neighbours.get(n.id) ?? []).map((m) => out[m]));
      if (c) out[n.id] = freeSpot(c, n.id, size, out);
      else later.push(n);
    }
    if (later.length === todo.length) break;
    todo = later;
  }
  for (const n of todo) {
    const same = (m: (typeof next.nodes)[number]): boolean =>
      m.id !== n.id && out[m.id] !== undefined;
    const community =
      n.community != null
        ? centroid(
            next.nodes
              .filter((m) => same(m) && m.community === n.community && m.group === n.group)
              .map((m) => out[m.id]),
          )
        : undefined;
    const group =
      community ??
      (n.group !== undefined
        ? centroid(next.nodes.filter((m) => same(m) && m.group === n.group).map((m) => out[m.id]))
        : undefined);
    const c = group ?? centroid(Object.values(out)) ?? { x: 0, y: 0 };
    out[n.id] = freeSpot(c, n.id, size, out);
  }
  return out;
}

function centroid(
  points: Array<{ x: number; y: number } | undefined>,
): { x: number; y: number } | undefined {
  let x = 0;
  let y = 0;
  let k = 0;
  for (const p of points) {
    if (!p) continue;
    x += p.x;
    y += p.y;
    k++;
  }
  return k ? { x: x / k, y: y / k } : undefined;
}

/**
 * The first point of a golden-angle spiral around `c` (its start turned by a hash of the id, so
 * the placement is deterministic) that keeps clear of every placed node.
 */
function freeSpot(
  c: { x: number; y: number },
  id: string,
  size: ReadonlyMap<string, number>,
  out: LayoutResult,
): { x: number; y: number } {
  const r = (size.get(id) ?? DEFAULT_SIZE) / 2;
  const start = (hash(id) % 360) * (Math.PI / 180);
  const step = r + GAP;
  const others = Object.entries(out);
  for (let k = 1; k < 2000; k++) {
    const d = step * Math.sqrt(k);
    const a = start + k * GOLDEN;
    const p = { x: c.x + d * Math.cos(a), y: c.y + d * Math.sin(a) };
    const clear = others.every(([o, q]) => {
      const min = r + (size.get(o) ?? DEFAULT_SIZE) / 2 + GAP;
      return (q.x - p.x) ** 2 + (q.y - p.y) ** 2 >= min * min;
    });
    if (clear) return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  }
  return { x: c.x, y: c.y };
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
