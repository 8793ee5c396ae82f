/**
 * How the web map is composed before any force layout runs, shared by the server's layout of
 * large maps (server/graphql/mapLayout.ts, ForceAtlas2) and the browser's of small ones
 * (web/src/map/layoutCore.ts, fcose), so both draw the same picture:
 *
 * 1. `mapParts`: every node gets a *part*. A person of a community (Louvain over KNOWS) of at
 *    least MIN_COMMUNITY persons is in that community's part; the 地域, the 地域の人事部 and its
 *    events (協議会, 情報共有会, seminars: occasions shared by several communities) are the
 *    region's *core*; skills and challenges (a catalogue many share, hidden by default) are its
 *    *rest*; every other node (organisations, SMEs, persons of tiny communities) joins the part
 *    most of its neighbours are in (three rounds, ties to the lower community number, so the
 *    result does not depend on the order of the nodes); what is still without a part goes to
 *    the rest. In the all-regions view parts never cross regions (a node's region is its
 *    first one).
 * 2. Each part is laid out on its own (by the caller) into a box.
 * 3. `arrangeParts`: the parts of a region are placed around its core, each next to the parts
 *    it has the most ties with, never overlapping (a gap of PART_GAP between boxes), keeping
 *    the whole close to the screen's shape (16:10 on the server, which does not know the
 *    screen; the browser's own size); the regions are then packed in rows (shelfPack).
 *
 * So the communities of a map lie apart, each in a box of its own that no other community
 * enters — the web map draws each as a tinted area with its number.
 */
import { shelfOffsets } from './shelfPack';

/** Persons of a smaller community are placed by their ties, like the other nodes. */
export const MIN_COMMUNITY = 3;
/** Space between the boxes of two parts of one region (map pixels at zoom 1). */
export const PART_GAP = 56;
/** Kinds that form the core of their region. */
const CORE_KINDS = new Set(['Region', 'RegionalHRDept', 'Event']);
/** Kinds that go to the rest of their region, whatever their ties. */
const REST_KINDS = new Set(['Skill', 'Challenge']);
/** Width : height the arrangement aims for by default (a landscape screen). */
export const ASPECT = 1.6;

export interface PartNode {
  kind: string;
  /** The person's community (null or negative: none). */
  community: number | null;
  /** Region group (the all-regions view), '' when the map is one region. */
  region: string;
}

export type PartKind = 'community' | 'core' | 'rest';

export interface PartInfo {
  region: string;
  kind: PartKind;
  /** The community of a community part, else null. */
  community: number | null;
  /** Node indices of the part, ascending. */
  members: number[];
}

export interface MapPartition {
  /** Part index of each node. */
  partOf: Int32Array;
  /**
   * The parts: by region (in order of first appearance), then the core, the communities by
   * number, the rest.
   */
  parts: PartInfo[];
}

/**
 * The parts of a map. `edges` are node-index pairs (any direction, repeats allowed).
 */
export function mapParts(
  nodes: readonly PartNode[],
  edges: ReadonlyArray<[number, number]>,
): MapPartition {
  const n = nodes.length;
  const size = new Map<string, number>();
  const key = (region: string, c: number) => `${region}\u0000${c}`;
  for (const x of nodes) {
    if (x.kind === 'Person' && x.community !== null && x.community >= 0) {
      const k = key(x.region, x.community);
      size.set(k, (size.get(k) ?? 0) + 1);
    }
  }
  // -1: none yet, -2: core; else the community.
  const CORE = -2;
  let label = new Int32Array(n).fill(-1);
  const fixed = new Uint8Array(n);
  nodes.forEach((x, i) => {
    if (CORE_KINDS.has(x.kind)) {
      label[i] = CORE;
      fixed[i] = 1;
    } else if (REST_KINDS.has(x.kind)) {
      fixed[i] = 1;
    } else if (
      x.kind === 'Person' &&
      x.community !== null &&
      x.community >= 0 &&
      (size.get(key(x.region, x.community)) ?? 0) >= MIN_COMMUNITY
    ) {
      label[i] = x.community;
      fixed[i] = 1;
    }
  });
  // Neighbours within the same region, as CSR.
  const deg = new Uint32Array(n + 1);
  const same = (a: number, b: number) => a !== b && nodes[a]!.region === nodes[b]!.region;
  for (const [a, b] of edges) {
    if (!same(a, b)) continue;
    deg[a]!++;
    deg[b]!++;
  }
  const off = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) off[i + 1] = off[i]! + deg[i]!;
  const fill = off.slice(0, n);
  const adj = new Uint32Array(off[n]!);
  for (const [a, b] of edges) {
    if (!same(a, b)) continue;
    adj[fill[a]!++] = b;
    adj[fill[b]!++] = a;
  }
  // Three rounds of majority votes, each from the previous round's labels (order-free).
  for (let round = 0; round < 3; round++) {
    const next = label.slice();
    let changed = false;
    const votes = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      votes.clear();
      for (let k = off[i]!; k < off[i + 1]!; k++) {
        const c = label[adj[k]!]!;
        if (c >= 0) votes.set(c, (votes.get(c) ?? 0) + 1);
      }
      let best = -1;
      let bestVotes = 0;
      for (const [c, v] of votes) {
        if (v > bestVotes || (v === bestVotes && c < best)) {
          best = c;
          bestVotes = v;
        }
      }
      if (best !== next[i]) {
        next[i] = best;
        changed = true;
      }
    }
    label = next;
    if (!changed) break;
  }
  // Parts, in a stable order.
  const regions: string[] = [];
  const seenRegion = new Set<string>();
  for (const x of nodes) {
    if (!seenRegion.has(x.region)) {
      seenRegion.add(x.region);
      regions.push(x.region);
    }
  }
  const byRegion = new Map<string, Map<number, number[]>>(regions.map((r) => [r, new Map()]));
  nodes.forEach((x, i) => {
    const m = byRegion.get(x.region)!;
    const c = label[i]!;
    let list = m.get(c);
    if (!list) m.set(c, (list = []));
    list.push(i);
  });
  const parts: PartInfo[] = [];
  const partOf = new Int32Array(n);
  for (const r of regions) {
    const m = byRegion.get(r)!;
    const order = [...m.keys()].sort((a, b) => rank(a) - rank(b));
    for (const c of order) {
      const members = m.get(c)!;
      const info: PartInfo = {
        region: r,
        kind: c === CORE ? 'core' : c < 0 ? 'rest' : 'community',
        community: c >= 0 ? c : null,
        members,
      };
      for (const i of members) partOf[i] = parts.length;
      parts.push(info);
    }
  }
  return { partOf, parts };

  /** Core first, then communities by number, the rest last. */
  function rank(c: number): number {
    return c === CORE ? -1 : c < 0 ? Number.MAX_SAFE_INTEGER : c;
  }
}

/**
 * Which part each node is in, as a short string (a hash of the sorted rows "id, region, part
 * kind, community"): positions laid out for one signature fit only maps of the same one.
 */
export function partsSignature(ids: readonly string[], partition: MapPartition): string {
  const rows = ids.map((id, i) => {
    const p = partition.parts[partition.partOf[i]!]!;
    return `${id}\t${p.region}\t${p.kind}\t${p.community ?? ''}`;
  });
  rows.sort();
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) {
      const c = r.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    }
    h1 = Math.imul(h1 ^ 10, 0x01000193) >>> 0;
  }
  return `${rows.length}:${h1.toString(36)}${h2.toString(36)}`;
}

/** Ties between parts: [part a, part b, how many ties], a < b. */
export function partLinks(
  partOf: ArrayLike<number>,
  edges: ReadonlyArray<[number, number]>,
): Array<[number, number, number]> {
  const count = new Map<number, number>();
  const parts = new Map<number, [number, number]>();
  for (const [a, b] of edges) {
    let p = partOf[a]!;
    let q = partOf[b]!;
    if (p === q) continue;
    if (p > q) [p, q] = [q, p];
    const k = p * 1_000_003 + q;
    count.set(k, (count.get(k) ?? 0) + 1);
    parts.set(k, [p, q]);
  }
  return [...count.entries()]
    .map(([k, w]) => [...parts.get(k)!, w] as [number, number, number])
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

export interface Box {
  w: number;
  h: number;
}

export interface Offset {
  x: number;
  y: number;
}

/**
 * Top-left corners for boxes that never overlap (PART_GAP apart at least): the first box (the
 * core, else the largest) in the middle, then, one at a time, the box with the most ties to
 * those placed, at the spot beside a placed box that keeps it nearest to the boxes it is tied
 * to and the whole smallest on a screen of the given aspect (16:10 by default). Deterministic.
 * The result starts at (0, 0).
 */
export function placeBoxes(
  boxes: readonly Box[],
  links: ReadonlyArray<[number, number, number]> = [],
  opts: { first?: number; gap?: number; aspect?: number } = {},
): Offset[] {
  const k = boxes.length;
  if (k === 0) return [];
  const gap = opts.gap ?? PART_GAP;
  const aspect = opts.aspect ?? ASPECT;
  const weight = new Map<number, Map<number, number>>();
  const addW = (a: number, b: number, w: number) => {
    let m = weight.get(a);
    if (!m) weight.set(a, (m = new Map()));
    m.set(b, (m.get(b) ?? 0) + w);
  };
  for (const [a, b, w] of links) {
    if (a === b || a >= k || b >= k) continue;
    addW(a, b, w);
    addW(b, a, w);
  }
  const area = (i: number) => boxes[i]!.w * boxes[i]!.h;
  let first = opts.first ?? -1;
  if (first < 0 || first >= k) {
    first = 0;
    for (let i = 1; i < k; i++) if (area(i) > area(first)) first = i;
  }
  // Centres of the placed boxes.
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const placed: number[] = [first];
  const isPlaced = new Uint8Array(k);
  isPlaced[first] = 1;
  let bx1 = -boxes[first]!.w / 2;
  let bx2 = boxes[first]!.w / 2;
  let by1 = -boxes[first]!.h / 2;
  let by2 = boxes[first]!.h / 2;
  const tie = new Float64Array(k);
  for (const [j, w] of weight.get(first) ?? []) tie[j] = tie[j]! + w;

  while (placed.length < k) {
    // The next box: most ties to the placed ones, then the largest, then the lowest index.
    let next = -1;
    for (let i = 0; i < k; i++) {
      if (isPlaced[i]) continue;
      if (next < 0 || tie[i]! > tie[next]! || (tie[i] === tie[next] && area(i) > area(next)))
        next = i;
    }
    const b = boxes[next]!;
    const links = [...(weight.get(next) ?? [])].filter(([j]) => isPlaced[j]);
    const total = links.reduce((s, [, w]) => s + w, 0);
    let best = Infinity;
    let bestX = 0;
    let bestY = 0;
    const consider = (x: number, y: number) => {
      for (const j of placed) {
        const o = boxes[j]!;
        if (
          Math.abs(x - cx[j]!) < (b.w + o.w) / 2 + gap - 1e-6 &&
          Math.abs(y - cy[j]!) < (b.h + o.h) / 2 + gap - 1e-6
        )
          return;
      }
      const w = Math.max(bx2, x + b.w / 2) - Math.min(bx1, x - b.w / 2);
      const h = Math.max(by2, y + b.h / 2) - Math.min(by1, y - b.h / 2);
      // The size the whole needs on a 16:10 screen, plus the mean distance to its tied boxes.
      let cost = Math.max(w / aspect, h);
      if (total > 0) {
        let d = 0;
        for (const [j, wt] of links) d += wt * Math.hypot(x - cx[j]!, y - cy[j]!);
        cost += (0.5 * d) / total;
      }
      if (cost < best - 1e-9) {
        best = cost;
        bestX = x;
        bestY = y;
      }
    };
    for (const j of placed) {
      const o = boxes[j]!;
      const dx = (b.w + o.w) / 2 + gap;
      const dy = (b.h + o.h) / 2 + gap;
      const alongX = [0, (b.w - o.w) / 2, (o.w - b.w) / 2];
      const alongY = [0, (b.h - o.h) / 2, (o.h - b.h) / 2];
      for (const s of alongY) {
        consider(cx[j]! + dx, cy[j]! + s);
        consider(cx[j]! - dx, cy[j]! + s);
      }
      for (const s of alongX) {
        consider(cx[j]! + s, cy[j]! + dy);
        consider(cx[j]! + s, cy[j]! - dy);
      }
    }
    cx[next] = bestX;
    cy[next] = bestY;
    bx1 = Math.min(bx1, bestX - b.w / 2);
    bx2 = Math.max(bx2, bestX + b.w / 2);
    by1 = Math.min(by1, bestY - b.h / 2);
    by2 = Math.max(by2, bestY + b.h / 2);
    placed.push(next);
    isPlaced[next] = 1;
    for (const [j, w] of weight.get(next) ?? []) tie[j] = tie[j]! + w;
  }
  const out: Offset[] = [];
  for (let i = 0; i < k; i++) {
    out.push({ x: cx[i]! - boxes[i]!.w / 2 - bx1, y: cy[i]! - boxes[i]!.h / 2 - by1 });
  }
  return out;
}

/**
 * Where each part's box goes: the parts of each region placed with `placeBoxes` (around the
 * core), the regions in rows (shelfPack), in the order of `partition.parts`.
 */
export function arrangeParts(
  partition: Pick<MapPartition, 'parts'>,
  boxes: readonly Box[],
  links: ReadonlyArray<[number, number, number]>,
  /** Width : height of the screen (a single region's arrangement aims for it). */
  aspect = ASPECT,
): Offset[] {
  const { parts } = partition;
  const regions: string[] = [];
  const partsOfRegion = new Map<string, number[]>();
  parts.forEach((p, i) => {
    let list = partsOfRegion.get(p.region);
    if (!list) {
      partsOfRegion.set(p.region, (list = []));
      regions.push(p.region);
    }
    list.push(i);
  });
  const local = new Map<number, number>();
  const inner: Array<{ parts: number[]; at: Offset[]; w: number; h: number }> = [];
  for (const r of regions) {
    const ids = partsOfRegion.get(r)!;
    ids.forEach((p, j) => local.set(p, j));
    const own = links
      .filter(([a, b]) => parts[a]?.region === r && parts[b]?.region === r)
      .map(([a, b, w]) => [local.get(a)!, local.get(b)!, w] as [number, number, number]);
    const core = ids.findIndex((p) => parts[p]!.kind === 'core');
    const at = placeBoxes(
      ids.map((p) => boxes[p]!),
      own,
      { aspect, ...(core >= 0 ? { first: core } : {}) },
    );
    let w = 0;
    let h = 0;
    ids.forEach((p, j) => {
      w = Math.max(w, at[j]!.x + boxes[p]!.w);
      h = Math.max(h, at[j]!.y + boxes[p]!.h);
    });
    inner.push({ parts: ids, at, w, h });
  }
  const rows = inner.length > 1 ? shelfOffsets(inner) : [{ x: 0, y: 0 }];
  const out: Offset[] = new Array(parts.length);
  inner.forEach((g, r) => {
    g.parts.forEach((p, j) => {
      out[p] = { x: rows[r]!.x + g.at[j]!.x, y: rows[r]!.y + g.at[j]!.y };
    });
  });
  return out;
}
