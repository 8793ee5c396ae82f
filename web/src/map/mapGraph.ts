/**
 * The map's nodes and edges in index form (pure, no DOM): the edge layer's model, the kind and
 * neighbourhood filters and the counts work on typed arrays instead of Cytoscape collections.
 */
import type { EdgeModel } from './edgeLayer';
import type { LayoutResult } from './layoutCore';
import type { MapNodeKind } from '../store/state';
import type { MapEdge, MapNode } from '../types';
import { LINE_GROUPS, lineGroup } from './palette';

/** An edge's width by its weight (1–3), in model units: 0.6 … 2.4 (was mapData(weight, 1, 3, 0.6, 2.4)). */
export function edgeWidth(weight: number): number {
  const w = Math.min(3, Math.max(1, weight || 1));
  // Rounded to 0.1, so that the edges fall into a few strokes.
  return Math.round((0.6 + ((w - 1) * 1.8) / 2) * 10) / 10;
}

/** The map's nodes and edges in index form, for the edge layer, the filters and the counts. */
export interface Graph {
  ids: string[];
  index: Map<string, number>;
  kinds: MapNodeKind[];
  /** The edges drawn (not those of palette.ts's UNDRAWN_TYPES). */
  edges: EdgeModel;
  /** Neighbours of node i through drawn edges: adj[off[i] .. off[i+1]). */
  off: Uint32Array;
  adj: Uint32Array;
}

/**
 * Node indices, the edges for the edge layer and the adjacency for the neighbourhood filter:
 * the drawn ties only (a focus follows the lines one sees; through LOCATED_IN every node of a
 * region would be two steps from every other).
 */
export function buildGraph(
  nodes: MapNode[],
  edges: MapEdge[],
  positions: LayoutResult,
  /** The part of each node (common/mapParts.ts): ties between parts are marked `cross`. */
  partOf?: ArrayLike<number>,
): Graph {
  const n = nodes.length;
  const ids = nodes.map((x) => x.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  nodes.forEach((x, i) => {
    const p = positions[x.id];
    xs[i] = p?.x ?? 0;
    ys[i] = p?.y ?? 0;
  });
  const drawn = edges.filter((e) => lineGroup(e.type) !== null);
  const m = drawn.length;
  const src = new Uint32Array(m);
  const dst = new Uint32Array(m);
  const style = new Uint16Array(m);
  const styles: EdgeModel['styles'] = [];
  const styleKey = new Map<string, number>();
  const cross = new Uint8Array(m);
  drawn.forEach((e, k) => {
    src[k] = index.get(e.source)!;
    dst[k] = index.get(e.target)!;
    if (partOf && partOf[src[k]!] !== partOf[dst[k]!]) cross[k] = 1;
    const color = LINE_GROUPS[lineGroup(e.type)!];
    const width = edgeWidth(e.weight);
    // An unconfirmed survey tie (named by one of the two) is dashed (docs/surveys.md).
    const dashed = e.unconfirmed === true;
    const key = `${color} ${width} ${dashed}`;
    let s = styleKey.get(key);
    if (s === undefined) {
      s = styles.length;
      styles.push(dashed ? { color, width, dashed } : { color, width });
      styleKey.set(key, s);
    }
    style[k] = s;
  });
  const degree = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) {
    degree[src[k]!]!++;
    degree[dst[k]!]!++;
  }
  const off = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) off[i + 1] = off[i]! + degree[i]!;
  const fill = off.slice(0, n);
  const adj = new Uint32Array(2 * m);
  for (let k = 0; k < m; k++) {
    adj[fill[src[k]!]!++] = dst[k]!;
    adj[fill[dst[k]!]!++] = src[k]!;
  }
  return {
    ids,
    index,
    kinds: nodes.map((x) => x.kind),
    edges: { xs, ys, src, dst, style, styles, cross },
    off,
    adj,
  };
}

/**
 * Which nodes the filters hide (1): kinds not shown, and when focusing, all but the nodes within
 * `depth` ties of the focused one (through shown nodes); the focused node itself is always shown.
 */
export function hiddenNodes(
  g: Pick<Graph, 'ids' | 'index' | 'kinds' | 'off' | 'adj'>,
  kinds: readonly MapNodeKind[],
  focus: { id: string; depth: number } | null,
): Uint8Array {
  const shown = new Set(kinds);
  const hidden = new Uint8Array(g.ids.length);
  g.kinds.forEach((k, i) => (hidden[i] = shown.has(k) ? 0 : 1));
  const start = focus ? g.index.get(focus.id) : undefined;
  if (focus && start !== undefined) {
    const inHood = new Uint8Array(g.ids.length);
    inHood[start] = 1;
    let frontier = [start];
    for (let d = 0; d < focus.depth; d++) {
      const next: number[] = [];
      for (const i of frontier) {
        for (let j = g.off[i]!; j < g.off[i + 1]!; j++) {
          const nb = g.adj[j]!;
          if (!inHood[nb] && !hidden[nb]) {
            inHood[nb] = 1;
            next.push(nb);
          }
        }
      }
      frontier = next;
    }
    for (let i = 0; i < hidden.length; i++) if (!inHood[i]) hidden[i] = 1;
    hidden[start] = 0;
  }
  return hidden;
}

/** Whether the map has a tie between the two nodes. */
export function linked(g: Graph, a: string, b: string): boolean {
  const i = g.index.get(a);
  const j = g.index.get(b);
  if (i === undefined || j === undefined) return false;
  for (let k = g.off[i]!; k < g.off[i + 1]!; k++) if (g.adj[k] === j) return true;
  return false;
}

/** How many nodes and drawn ties the filters leave shown. */
export function shownCounts(g: Graph, hidden: Uint8Array): { nodes: number; edges: number } {
  let nodes = 0;
  for (let i = 0; i < hidden.length; i++) if (!hidden[i]) nodes++;
  let edges = 0;
  const { src, dst } = g.edges;
  for (let k = 0; k < src.length; k++) if (!hidden[src[k]!] && !hidden[dst[k]!]) edges++;
  return { nodes, edges };
}
