/**
 * fcose on a headless Cytoscape: shared by the layout worker and the main-thread fallback.
 *
 * With several groups (the regions of the 「すべて」 view) each group is laid out on its own and
 * the groups are packed in rows: a region's network stays readable, and fcose's CoSE phase
 * (at least 5 × n iterations) stays affordable. A group above DRAFT_ABOVE nodes gets the
 * spectral 'draft' quality only.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { shelfOffsets } from '../../../common/shelfPack';

let registered = false;

export const DRAFT_ABOVE = 400;

export interface LayoutInput {
  /** `group`: nodes with the same group are laid out together (e.g. their region). */
  nodes: Array<{ id: string; size: number; group?: string }>;
  edges: Array<{ id: string; source: string; target: string }>;
}

export type LayoutResult = Record<string, { x: number; y: number }>;

export interface Part {
  pos: LayoutResult;
  w: number;
  h: number;
}

/** Lays out one connected part (positions relative to its top-left corner). */
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

/** Splits the input into its groups (each with the edges inside it). */
export function splitGroups(input: LayoutInput): LayoutInput[] {
  const groups = new Map<string, LayoutInput>();
  const groupOf = new Map<string, string>();
  for (const n of input.nodes) {
    const g = n.group ?? '';
    groupOf.set(n.id, g);
    if (!groups.has(g)) groups.set(g, { nodes: [], edges: [] });
    groups.get(g)!.nodes.push(n);
  }
  for (const e of input.edges) {
    const g = groupOf.get(e.source);
    if (g !== undefined && g === groupOf.get(e.target)) groups.get(g)!.edges.push(e);
  }
  return [...groups.values()];
}

/** Places the parts in rows (common/shelfPack.ts, as the server does for large maps). */
export function pack(parts: Part[]): LayoutResult {
  if (parts.length === 1) return round(parts[0]!.pos);
  const offsets = shelfOffsets(parts);
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
