/**
 * fcose on a headless Cytoscape: shared by the layout worker and the main-thread fallback.
 *
 * The map is split into its parts (common/mapParts.ts: each community of each region, the
 * region's core, the rest), each part is laid out on its own by fcose, and the parts are placed
 * apart, each beside the parts it has the most ties with (as the server does for large maps):
 * the communities read as separate groups instead of one hairball, and fcose's CoSE phase (at
 * least 5 × n iterations) stays affordable. A part above DRAFT_ABOVE nodes gets the spectral
 * 'draft' quality only.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { arrangeParts, mapParts, partLinks, type MapPartition } from '../../../common/mapParts';

let registered = false;

export const DRAFT_ABOVE = 400;

export interface LayoutInput {
  /**
   * `group`: the node's region in the all-regions view (parts never cross it); `kind` and
   * `community` (persons) decide its part (common/mapParts.ts).
   */
  nodes: Array<{
    id: string;
    size: number;
    group?: string;
    kind?: string;
    community?: number | null;
  }>;
  edges: Array<{ id: string; source: string; target: string }>;
  /** Width : height of the map's box on screen (the parts are arranged for it). */
  aspect?: number;
}

export type LayoutResult = Record<string, { x: number; y: number }>;

export interface Part {
  pos: LayoutResult;
  w: number;
  h: number;
}

/** Lays out one part (positions relative to its top-left corner, node sizes included). */
export function layoutOne(input: LayoutInput): Part {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
    elements: [
      ...input.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, size: n.size } })),
      ...input.edges.map((e) => ({
        group: 'edges' as const,
        data: { id: e.id, source: e.source, target: e.target },
      })),
    ],
  });
  const n = input.nodes.length;
  if (n === 1) {
    cy.destroy();
    return {
      pos: { [input.nodes[0]!.id]: { x: 0, y: 0 } },
      w: input.nodes[0]!.size,
      h: input.nodes[0]!.size,
    };
  }
  cy.layout({
    name: 'fcose',
    quality: n > DRAFT_ABOVE ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: false,
    nodeSeparation: 60,
    nodeRepulsion: () => 4500,
    idealEdgeLength: () => 55,
    tile: true,
  } as cytoscape.LayoutOptions).run();
  const bb = cy.nodes().boundingBox({});
  const pos: LayoutResult = {};
  cy.nodes().forEach((node) => {
    const p = node.position();
    pos[node.id()] = { x: p.x - bb.x1, y: p.y - bb.y1 };
  });
  cy.destroy();
  return { pos, w: Math.max(bb.w, 1), h: Math.max(bb.h, 1) };
}

/**
 * The input split into its parts (common/mapParts.ts: the communities of each region, its core
 * and the rest), each with the edges inside it; and the ties between parts.
 */
export function splitParts(input: LayoutInput): {
  partition: MapPartition;
  inputs: LayoutInput[];
  links: Array<[number, number, number]>;
} {
  const index = new Map(input.nodes.map((n, i) => [n.id, i]));
  const pairs: Array<[number, number]> = [];
  for (const e of input.edges) {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a !== undefined && b !== undefined) pairs.push([a, b]);
  }
  const partition = mapParts(
    input.nodes.map((n) => ({
      kind: n.kind ?? '',
      community: n.community ?? null,
      region: n.group ?? '',
    })),
    pairs,
  );
  const inputs: LayoutInput[] = partition.parts.map((p) => ({
    nodes: p.members.map((i) => input.nodes[i]!),
    edges: [],
  }));
  input.edges.forEach((e, k) => {
    const [a, b] = pairs[k] ?? [];
    if (a === undefined || b === undefined) return;
    const p = partition.partOf[a]!;
    if (p === partition.partOf[b]) inputs[p]!.edges.push(e);
  });
  return { partition, inputs, links: partLinks(partition.partOf, pairs) };
}

/** Places the laid-out parts (common/mapParts.ts, as the server does for large maps). */
export function assemble(
  partition: MapPartition,
  parts: Part[],
  links: Array<[number, number, number]>,
  aspect?: number,
): LayoutResult {
  const offsets = arrangeParts(partition, parts, links, aspect);
  const out: LayoutResult = {};
  parts.forEach((p, i) => {
    const o = offsets[i]!;
    for (const [id, q] of Object.entries(p.pos)) out[id] = { x: q.x + o.x, y: q.y + o.y };
  });
  return round(out);
}

function round(pos: LayoutResult): LayoutResult {
  for (const p of Object.values(pos)) {
    p.x = Math.round(p.x * 10) / 10;
    p.y = Math.round(p.y * 10) / 10;
  }
  return pos;
}
