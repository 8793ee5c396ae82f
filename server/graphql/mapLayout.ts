/**
 * Server-side positions for the web map (MapNode.x/y, "cached layout position"): computed once
 * per scope and graph version in the projection's memo, so a large map (thousands of nodes)
 * reaches the browser laid out and is drawn at once instead of running fcose there.
 *
 * The map is split into parts as the web app splits it (common/mapParts.ts: each community of
 * each region, the region's core — its 地域 and 地域の人事部 — and the rest); each part is laid
 * out on its own by ForceAtlas2 (graphology-layout-forceatlas2, Barnes-Hut above a few hundred
 * nodes) from deterministic seeded positions (a disc, by a hash of each id), and the parts are
 * placed apart with common/mapParts.ts's `arrangeParts`, exactly as the web app places its
 * fcose parts (web/src/map/layoutCore.ts). The iterations are bounded by a work budget (about
 * 1 s for a 5k-node region on one core). Hubs (a big organisation's staff star) are placed at
 * their neighbours' centre. Each part is scaled to the web map's edge length, and no two nodes
 * share a point.
 */
import { createHash } from 'node:crypto';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { NetworkGraph } from '../analytics/graph';
import type { NetworkMapData } from './networkMap';
import { rememberRecent } from '../../common/keepNewest';
import { arrangeParts, mapParts, partLinks } from '../../common/mapParts';

export type Positions = Map<string, { x: number; y: number }>;

export interface MapLayoutOptions {
  /** Community of a node (persons: Louvain); others are assigned from their neighbours. */
  communityOf?: (id: string) => number | null;
  /** Nodes of the same group are laid out together and the groups packed (all regions). */
  groupOf?: (id: string) => string;
  /** Node-iterations of ForceAtlas2 (iterations = budget / nodes, clamped to 15..300). */
  budget?: number;
}

/** Below this many nodes the web app lays the map out itself (fcose looks best there). */
export const SERVER_LAYOUT_MIN_NODES = 1000;

/** Median edge length of the result in map pixels (fcose's idealEdgeLength is 55). */
const EDGE_LENGTH = 60;
const DEFAULT_BUDGET = 150_000;
const MIN_ITERATIONS = 15;
const MAX_ITERATIONS = 300;
/** Minimum square root of the area per node (pixels). */
const ROOM = 38;
/** Nodes with more neighbours than this (and than n / 50) are hubs (see layoutGroup). */
const HUB_MIN_DEGREE = 40;

function bounds(g: Graph): { w: number; h: number } {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  g.forEachNode((_id, a) => {
    x1 = Math.min(x1, a.x as number);
    y1 = Math.min(y1, a.y as number);
    x2 = Math.max(x2, a.x as number);
    y2 = Math.max(y2, a.y as number);
  });
  return { w: Math.max(x2 - x1, 1e-9), h: Math.max(y2 - y1, 1e-9) };
}

/** FNV-1a of a string, as a number in [0, 1). */
export function hash01(s: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

interface Part {
  pos: Positions;
  w: number;
  h: number;
}

/** Layouts remembered by their inputs (layoutKey), across graph versions. */
const LAYOUTS_KEPT = 16;
const layouts = new Map<string, Positions>();
/** Layouts computed and layouts answered from memory (tests, logs). */
export const layoutStats = { computed: 0, remembered: 0 };

/**
 * A hash of everything the layout reads: each node's id, kind, community and group (in id
 * order), each edge's ends and weight (in the graph's order, which ForceAtlas2's sums follow)
 * and the iterations. Most writes change none of it (a title, a note): the next version's map
 * then gets the same positions without running ForceAtlas2 again (its budget, above).
 */
function layoutKey(
  g: NetworkGraph,
  nodes: { kind: string; community: number | null; region: string }[],
  ids: string[],
  iterations: number,
): string {
  const h = createHash('sha256');
  h.update(`${iterations}\n`);
  ids.forEach((id, i) => {
    const n = nodes[i]!;
    h.update(`${JSON.stringify([id, n.kind, n.community, n.region])}\n`);
  });
  g.forEachEdge((_e, a, s, t) => {
    h.update(`${JSON.stringify([s, t, a.weight])}\n`);
  });
  return h.digest('base64');
}

/** Forgets the remembered layouts (tests that compute a layout twice). */
export function forgetLayouts(): void {
  layouts.clear();
}

/** Positions for every node of `g` (deterministic for the same graph). */
export function layoutMap(g: NetworkGraph, opts: MapLayoutOptions = {}): Positions {
  const ids = g.nodes().sort();
  if (ids.length === 0) return new Map();
  const nodes = ids.map((id) => ({
    kind: g.getNodeAttribute(id, 'kind'),
    community: opts.communityOf?.(id) ?? null,
    region: opts.groupOf?.(id) ?? '',
  }));
  // One iteration count for all parts: the budget is shared by the whole map.
  const iterations = Math.max(
    MIN_ITERATIONS,
    Math.min(MAX_ITERATIONS, Math.round((opts.budget ?? DEFAULT_BUDGET) / ids.length)),
  );
  const before = layoutStats.computed;
  const out = rememberRecent(layouts, layoutKey(g, nodes, ids, iterations), LAYOUTS_KEPT, () => {
    layoutStats.computed++;
    return computeLayout(g, ids, nodes, iterations);
  });
  if (layoutStats.computed === before) layoutStats.remembered++;
  // A copy: the caller may not change what the next caller reads.
  return new Map(out);
}

function computeLayout(
  g: NetworkGraph,
  ids: string[],
  nodes: { kind: string; community: number | null; region: string }[],
  iterations: number,
): Positions {
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairs: Array<[number, number]> = [];
  g.forEachEdge((_e, _a, s, t) => {
    if (s !== t) pairs.push([index.get(s)!, index.get(t)!]);
  });
  const partition = mapParts(nodes, pairs);
  const parts = partition.parts.map((p) =>
    layoutPart(
      g,
      p.members.map((i) => ids[i]!),
      iterations,
    ),
  );
  const offsets = arrangeParts(partition, parts, partLinks(partition.partOf, pairs));
  const out: Positions = new Map();
  parts.forEach((p, i) => {
    const o = offsets[i]!;
    for (const [id, q] of p.pos) {
      out.set(id, { x: Math.round((q.x + o.x) * 10) / 10, y: Math.round((q.y + o.y) * 10) / 10 });
    }
  });
  return out;
}

/**
 * Sets x/y of every node of a map of at least SERVER_LAYOUT_MIN_NODES nodes (smaller maps are
 * left to the web app's fcose); `groupByRegion` lays out each node's first region on its own
 * (the 「すべて」 view), as the web app does.
 */
export function placeNetworkMap(
  g: NetworkGraph,
  map: NetworkMapData,
  groupByRegion: boolean,
  minNodes = SERVER_LAYOUT_MIN_NODES,
): NetworkMapData {
  if (map.nodes.length < minNodes) return map;
  const nodeOf = new Map(map.nodes.map((n) => [n.id, n]));
  const pos = layoutMap(g, {
    communityOf: (id) => nodeOf.get(id)?.community ?? null,
    ...(groupByRegion ? { groupOf: (id: string) => nodeOf.get(id)?.regionIds[0] ?? '' } : {}),
  });
  for (const n of map.nodes) {
    const p = pos.get(n.id);
    if (p) {
      n.x = p.x;
      n.y = p.y;
    }
  }
  return map;
}

/** Room around a part's node centres for the nodes themselves (the largest is 50 across). */
const NODE_MARGIN = 25;
/** Spacing of the grid of a part's untied nodes. */
const GRID = 56;
/** Order of the untied nodes in their grid. */
const KIND_RANK = [
  'RegionalHRDept',
  'Region',
  'Organization',
  'SME',
  'Person',
  'Event',
  'Skill',
  'Challenge',
];

/** Lays out one part; positions relative to its box's top-left corner (margin included). */
function layoutPart(g: NetworkGraph, ids: string[], iterations: number): Part {
  const n = ids.length;
  const m = NODE_MARGIN;
  if (n === 1) return { pos: new Map([[ids[0]!, { x: m, y: m }]]), w: 2 * m, h: 2 * m };
  const inGroup = new Set(ids);
  const simple = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });

  // Seeds: a disc, each node at a place given by a hash of its id.
  const r = Math.sqrt(n) * 4 + 1;
  for (const id of ids) {
    const a = 2 * Math.PI * hash01(id, 1);
    const d = r * Math.sqrt(hash01(id, 2));
    simple.addNode(id, { x: d * Math.cos(a), y: d * Math.sin(a) });
  }
  // Hubs (a large organisation and its staff …) would pull everything
  // together and, with ForceAtlas2's degree-weighted repulsion, end up on the rim: their edges
  // are left out of the simulation and they are placed at the centre of their neighbours.
  const degree = new Map<string, number>();
  for (const id of ids) {
    g.forEachNeighbor(id, (u) => {
      if (inGroup.has(u) && u !== id) degree.set(id, (degree.get(id) ?? 0) + 1);
    });
  }
  const hubAbove = Math.max(HUB_MIN_DEGREE, n / 50);
  const isHub = (id: string) => (degree.get(id) ?? 0) > hubAbove;
  for (const id of ids) {
    g.forEachOutEdge(id, (_e, attrs, s, t) => {
      if (s === t || !inGroup.has(t) || isHub(s) || isHub(t)) return;
      const w = Math.max(1, attrs.weight || 1);
      if (simple.hasEdge(s, t)) {
        simple.updateEdgeAttribute(s, t, 'weight', (v: number | undefined) =>
          Math.min(3, (v ?? 1) + w / 2),
        );
      } else simple.addEdge(s, t, { weight: Math.min(3, w) });
    });
  }

  // Nodes without a tie inside the part (a region's core: its dept, region and events) go in
  // a grid below the rest, as fcose tiles them in the browser; the others are laid out.
  const isolated = ids.filter((id) => simple.degree(id) === 0 && !isHub(id));
  for (const id of isolated) simple.dropNode(id);
  if (simple.order > 1) {
    const inferred = forceAtlas2.inferSettings(simple);
    forceAtlas2.assign(simple, {
      iterations,
      getEdgeWeight: 'weight',
      settings: {
        ...inferred,
        barnesHutOptimize: simple.order > 300,
        barnesHutTheta: 0.6,
        gravity: 1,
        scalingRatio: 10,
        strongGravityMode: false,
        // LinLog separates the communities (the coordinators' groups) most clearly.
        linLogMode: true,
        outboundAttractionDistribution: false,
      },
    });
  }

  // Hubs at the mean position of their (non-hub) neighbours that were laid out; a hub whose
  // neighbours all went to the grid joins them there, first.
  const gridHubs: string[] = [];
  for (const id of ids) {
    if (!isHub(id)) continue;
    let sx = 0;
    let sy = 0;
    let k = 0;
    g.forEachNeighbor(id, (u) => {
      if (!inGroup.has(u) || isHub(u) || !simple.hasNode(u)) return;
      sx += simple.getNodeAttribute(u, 'x') as number;
      sy += simple.getNodeAttribute(u, 'y') as number;
      k++;
    });
    if (k > 0) simple.mergeNodeAttributes(id, { x: sx / k, y: sy / k });
    else gridHubs.push(id);
  }
  for (const id of gridHubs) simple.dropNode(id);
  isolated.unshift(...gridHubs);

  // Scale so that the median edge is EDGE_LENGTH pixels long, and every node has some room.
  const lengths: number[] = [];
  simple.forEachEdge((_e, _a, _s, _t, sa, ta) => {
    lengths.push(Math.hypot(sa.x - ta.x, sa.y - ta.y));
  });
  lengths.sort((a, b) => a - b);
  const median = lengths.length > 0 ? lengths[lengths.length >> 1]! : 0;
  let scale = median > 1e-9 ? EDGE_LENGTH / median : 1;
  if (simple.order > 1) {
    const box = bounds(simple);
    const room = Math.sqrt((box.w * scale * (box.h * scale)) / simple.order);
    if (room < ROOM) scale *= ROOM / Math.max(room, 1e-9);
  }

  const raw: Array<{ id: string; x: number; y: number }> = [];
  simple.forEachNode((id, a) => {
    const x = Number.isFinite(a.x) ? (a.x as number) * scale : 0;
    const y = Number.isFinite(a.y) ? (a.y as number) * scale : 0;
    raw.push({ id, x, y });
  });
  separate(raw);
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of raw) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (isolated.length > 0) {
    const laidOut = raw.length > 0;
    // As wide as the laid-out nodes above, at least a 16:10 block.
    const cols = Math.max(
      1,
      Math.round(Math.sqrt(isolated.length * 1.6)),
      laidOut ? Math.floor((x2 - x1) / GRID) + 1 : 0,
    );
    const ox = laidOut ? x1 : 0;
    const oy = laidOut ? y2 + GRID : 0;
    const first = new Set(gridHubs);
    isolated
      .map((id) => ({
        id,
        rank: first.has(id) ? -1 : KIND_RANK.indexOf(g.getNodeAttribute(id, 'kind')),
      }))
      .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
      .forEach(({ id }, k) => {
        const p = { id, x: ox + (k % cols) * GRID, y: oy + Math.floor(k / cols) * GRID };
        raw.push(p);
        x1 = Math.min(x1, p.x);
        y1 = Math.min(y1, p.y);
        x2 = Math.max(x2, p.x);
        y2 = Math.max(y2, p.y);
      });
  }
  const pos: Positions = new Map();
  for (const p of raw) pos.set(p.id, { x: p.x - x1 + m, y: p.y - y1 + m });
  return { pos, w: x2 - x1 + 2 * m, h: y2 - y1 + 2 * m };
}

/** Moves nodes closer than MIN_GAP apart (grid buckets, a few passes): no two share a point. */
const MIN_GAP = 8;
function separate(points: Array<{ id: string; x: number; y: number }>): void {
  for (let pass = 0; pass < 4; pass++) {
    const grid = new Map<string, number[]>();
    const cell = (v: number) => Math.floor(v / MIN_GAP);
    points.forEach((p, i) => {
      const k = `${cell(p.x)},${cell(p.y)}`;
      let list = grid.get(k);
      if (!list) grid.set(k, (list = []));
      list.push(i);
    });
    let moved = false;
    points.forEach((p, i) => {
      const cx = cell(p.x);
      const cy = cell(p.y);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (j <= i) continue;
            const q = points[j]!;
            let vx = q.x - p.x;
            let vy = q.y - p.y;
            let d = Math.hypot(vx, vy);
            if (d >= MIN_GAP) continue;
            if (d < 1e-6) {
              // Same point: a direction from the ids, so the result stays deterministic.
              const a = 2 * Math.PI * hash01(q.id, 3);
              vx = Math.cos(a);
              vy = Math.sin(a);
              d = 0;
            } else {
              vx /= d;
              vy /= d;
            }
            const push = (MIN_GAP - d) / 2 + 0.05;
            p.x -= vx * push;
            p.y -= vy * push;
            q.x += vx * push;
            q.y += vy * push;
            moved = true;
          }
        }
      }
    });
    if (!moved) break;
  }
}
