/**
 * Where the map's nodes stand, in this order of preference: the server's cached positions, the
 * ones drawn now (the same parts), the ones this browser laid out before (localStorage), the
 * drawn ones with the new nodes beside their neighbours (a small change, incremental.ts), else a
 * full fcose layout in a worker (layout.ts). Apart from map.ts because it only picks positions:
 * it draws nothing.
 */
import type { MapEdge, MapNode } from '../types';
import { edgeKey, planLayout, type DrawnLayout } from './incremental';
import { computeLayout } from './layout';
import type { LayoutResult } from './layoutCore';
import { nodeSize } from './mapStyle';

/** Bumped when the layout changes, so positions cached in a browser are not reused. */
export const LAYOUT_VERSION = 2;

/** Positions laid out, for the parts they were laid out for (partsSignature), scope and ties. */
export type LaidOut = DrawnLayout & { signature: string };

/** How a drawing got its positions (server, kept or cached, incremental, full). */
export type LayoutKind = 'server' | 'kept' | 'incremental' | 'full';

export async function placeNodes(input: {
  nodes: MapNode[];
  /** The ties between the nodes. */
  edges: MapEdge[];
  /** The group a node is laid out with (its first region in the all-regions view). */
  groupOf(n: MapNode): string | undefined;
  /** The parts' signature (partsSignature). */
  signature: string;
  /** What the positions are for (the map and the view), so other maps' are not reused. */
  scope: string;
  cacheKey?: string;
  /** The positions drawn now. */
  laidOut: LaidOut | undefined;
  /** The map's box, width over height (read only for a full layout). */
  aspect(): number;
  /** Called before a full layout (it takes a while). */
  onFullLayout(): void;
}): Promise<{ laidOut: LaidOut; kind: LayoutKind }> {
  const { nodes, edges, groupOf, signature, scope, cacheKey, laidOut } = input;
  const serverPositions = nodes.every((n) => typeof n.x === 'number' && typeof n.y === 'number');
  let positions: LayoutResult;
  let plan: ReturnType<typeof planLayout> | undefined;
  const layoutNode = (n: MapNode): { id: string; group?: string; community?: number | null } => ({
    id: n.id,
    group: groupOf(n),
    community: n.community,
  });
  const key = cacheKey ? `${cacheKey}:v${LAYOUT_VERSION}` : undefined;
  // Laid out before in this browser for exactly these parts (reload, a shared link again).
  const cached = key ? readCache(key, signature, nodes) : undefined;
  if (serverPositions) {
    positions = Object.fromEntries(nodes.map((n) => [n.id, { x: n.x!, y: n.y! }]));
  } else if (nodes.length > 0 && laidOut?.signature === signature) {
    positions = laidOut.positions;
  } else if (cached) {
    positions = cached;
  } else if (
    (plan = planLayout(
      laidOut,
      { nodes: nodes.map((n) => ({ ...layoutNode(n), size: nodeSize(n) })), edges },
      scope,
    )).kind === 'incremental'
  ) {
    // A small change (a save): the drawn nodes stay, the new ones beside their neighbours.
    positions = plan.positions;
    if (key) writeCache(key, signature, positions);
  } else {
    input.onFullLayout();
    positions = await computeLayout({
      nodes: nodes.map((n) => ({ ...layoutNode(n), size: nodeSize(n), kind: n.kind })),
      edges: edges.map((e, i) => ({ id: `e${i}`, source: e.source, target: e.target })),
      // The parts arranged for this map's box (a tablet upright, a wide screen).
      aspect: input.aspect(),
    });
    if (key) writeCache(key, signature, positions);
  }
  return {
    laidOut: {
      signature,
      positions,
      scope,
      edges: new Set(edges.map((e) => edgeKey(e.source, e.target))),
    },
    kind: serverPositions ? 'server' : plan ? plan.kind : 'kept',
  };
}

/** Positions laid out before for exactly these parts, from localStorage. */
function readCache(key: string, signature: string, nodes: MapNode[]): LayoutResult | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const entry = JSON.parse(raw) as { signature?: string; positions?: LayoutResult };
    const pos = entry.positions;
    if (entry.signature !== signature || !pos || !nodes.every((n) => pos[n.id])) return undefined;
    return pos;
  } catch {
    return undefined;
  }
}

function writeCache(key: string, signature: string, positions: LayoutResult): void {
  try {
    localStorage.setItem(key, JSON.stringify({ signature, positions }));
  } catch {
    // storage full or disabled: lay out again next time
  }
}
