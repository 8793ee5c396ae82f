/**
 * Which node labels the map draws at the current view (pure, no DOM). Labels have a constant
 * size on screen (LABEL_PX), so zooming in makes room for more of them; at each view the most
 * important nodes — the 地域の人事部 and 地域, the キーパーソン群, organisations — are labelled
 * first, and a label is drawn only where it overlaps no label already placed, no region name or
 * community tag, and no important node. So no two labels overlap at any zoom.
 */
import type { MapNode } from '../types';
import type { Rect } from './areas';

/** Label text size on screen (CSS pixels). */
export const LABEL_PX = 12;
/** Larger text for the 地域の人事部 and 地域. */
export const LABEL_PX_LARGE = 14;
/** Labels longer than this many characters end with "…". */
export const LABEL_MAX_CHARS = 14;

export interface LabelCandidate {
  /** Node centre and diameter, in model coordinates. */
  x: number;
  y: number;
  size: number;
  /** Size of the label's text on screen (px), without LABEL_PAD. */
  w: number;
  h: number;
  /** Higher is labelled first. */
  priority: number;
}

export interface ScreenView {
  zoom: number;
  pan: { x: number; y: number };
  width: number;
  height: number;
}

/** Priority of nodes whose bodies no other label may cover (organisations and above). */
export const OBSTACLE_PRIORITY = 600;

/** How important a node's label is (see LabelCandidate.priority). */
export function labelPriority(n: MapNode): number {
  const score = Math.min(1, Math.max(0, n.score ?? 0));
  switch (n.kind) {
    case 'RegionalHRDept':
      return 1000;
    case 'Region':
      return 950;
    case 'Organization':
      return 700;
    case 'Person':
      return n.inKeyPersonGroup ? 800 + 100 * score : (n.isTalent ? 450 : 200) + 100 * score;
    case 'SME':
      return 300;
    case 'Event':
      return 150;
    default:
      return 100;
  }
}

/** A node's label: ★ for a declared key person, long names shortened with "…". */
export function labelText(n: Pick<MapNode, 'name' | 'declaredKeyPerson'>): string {
  const chars = [...n.name];
  const name =
    chars.length > LABEL_MAX_CHARS ? chars.slice(0, LABEL_MAX_CHARS - 1).join('') + '…' : n.name;
  return (n.declaredKeyPerson ? '★' : '') + name;
}

/**
 * A width estimate for text without a canvas (tests; the map measures with a canvas): full-width
 * characters 1 em, capitals 0.75, other characters 0.62 (a little more than most fonts need).
 */
export function estimateWidth(text: string, px: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    em += c > 0x2e7f ? 1 : c >= 65 && c <= 90 ? 0.75 : c === 32 ? 0.35 : 0.62;
  }
  return em * px;
}

/**
 * Room around a label's text: its outline (LABEL_HALO), the 2 px Cytoscape adds to a label's
 * bounds for rounding, and 1 px to spare. Two label boxes that do not overlap leave the texts
 * at least twice this apart.
 */
export const LABEL_HALO = 2.5;
export const LABEL_PAD = LABEL_HALO + 3;

/** A stored rectangle; `rank`: it blocks only placements of a lower priority than this. */
interface Stored extends Rect {
  rank: number;
}

/** Grid buckets of rectangles, for overlap tests in constant time per rectangle. */
class RectGrid {
  private readonly cells = new Map<number, Stored[]>();
  constructor(private readonly cell = 48) {}

  private keys(r: Rect): number[] {
    const out: number[] = [];
    const c = this.cell;
    for (let gx = Math.floor(r.x1 / c); gx <= Math.floor(r.x2 / c); gx++) {
      for (let gy = Math.floor(r.y1 / c); gy <= Math.floor(r.y2 / c); gy++) {
        out.push((gx + 32768) * 65536 + (gy + 32768));
      }
    }
    return out;
  }

  add(r: Rect, rank = Infinity): void {
    const stored: Stored = { ...r, rank };
    for (const k of this.keys(r)) {
      let list = this.cells.get(k);
      if (!list) this.cells.set(k, (list = []));
      list.push(stored);
    }
  }

  /** Whether r overlaps a stored rectangle that blocks a placement of this priority. */
  hits(r: Rect, priority: number, except?: Rect): boolean {
    for (const k of this.keys(r)) {
      for (const q of this.cells.get(k) ?? []) {
        if (q.rank < priority || (except && sameRect(q, except))) continue;
        if (r.x1 < q.x2 && q.x1 < r.x2 && r.y1 < q.y2 && q.y1 < r.y2) return true;
      }
    }
    return false;
  }
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;
}

/** Where a label goes around its node, in the order tried. */
export const LABEL_SIDES = ['bottom', 'top', 'right', 'left'] as const;
export type LabelSide = (typeof LABEL_SIDES)[number];

/**
 * The screen box of candidate c's label on a side of its node, px, LABEL_PAD around its text:
 * where Cytoscape draws it (bottom: text-valign bottom; right: text-halign right, valign center;
 * …).
 */
export function labelBox(c: LabelCandidate, view: ScreenView, side: LabelSide = 'bottom'): Rect {
  const sx = c.x * view.zoom + view.pan.x;
  const sy = c.y * view.zoom + view.pan.y;
  const r = (c.size / 2) * view.zoom;
  const p = LABEL_PAD;
  switch (side) {
    case 'bottom':
      return { x1: sx - c.w / 2 - p, y1: sy + r - p, x2: sx + c.w / 2 + p, y2: sy + r + c.h + p };
    case 'top':
      return { x1: sx - c.w / 2 - p, y1: sy - r - c.h - p, x2: sx + c.w / 2 + p, y2: sy - r + p };
    case 'right':
      return { x1: sx + r - p, y1: sy - c.h / 2 - p, x2: sx + r + c.w + p, y2: sy + c.h / 2 + p };
    case 'left':
      return { x1: sx - r - c.w - p, y1: sy - c.h / 2 - p, x2: sx - r + p, y2: sy + c.h / 2 + p };
  }
}

/** The screen box of candidate c's node, px. */
export function bodyBox(c: LabelCandidate, view: ScreenView): Rect {
  const sx = c.x * view.zoom + view.pan.x;
  const sy = c.y * view.zoom + view.pan.y;
  const r = (c.size / 2) * view.zoom;
  return { x1: sx - r, y1: sy - r, x2: sx + r, y2: sy + r };
}

/** A label to place: where it may go and (for a node's label) its node's box, on screen (px). */
export interface Placement {
  /** The boxes it may take, the preferred first; null: a place it cannot take. */
  boxes: Array<Rect | null>;
  /** The node the label belongs to: it blocks other labels once labelled. */
  body?: Rect;
  /**
   * The node is important: no label of a lower priority may cover it, labelled or not (a
   * label of a higher priority may).
   */
  obstacle?: boolean;
  /** Higher is placed first; equal priorities in the order given. */
  priority: number;
}

export interface Picked {
  /** Index of the placement. */
  index: number;
  /** Index of the box it took. */
  choice: number;
}

/**
 * Which placements to draw, most important first: each takes the first of its boxes that
 * overlaps none of the boxes taken before, none of the `blocked` rectangles, no body of an
 * obstacle of at least its priority and no body of a node labelled before (its own body
 * aside); a placement none of whose boxes is free is left out. Returns what was taken, in that
 * order. So no two labels taken overlap.
 */
export function pickLabels(items: readonly Placement[], blocked: readonly Rect[] = []): Picked[] {
  const grid = new RectGrid();
  for (const r of blocked) grid.add(r);
  for (const it of items) if (it.obstacle && it.body) grid.add(it.body, it.priority);
  const order = items.map((_, i) => i);
  order.sort((a, b) => items[b]!.priority - items[a]!.priority || a - b);
  const taken: Picked[] = [];
  for (const i of order) {
    const it = items[i]!;
    const choice = it.boxes.findIndex(
      (box) => box !== null && !grid.hits(box, it.priority, it.body),
    );
    if (choice < 0) continue;
    grid.add(it.boxes[choice]!);
    // A labelled node is not covered by later labels either.
    if (it.body) grid.add(it.body);
    taken.push({ index: i, choice });
  }
  return taken;
}

/** How many of the most important labels on screen are tried at most (a 5k-node overview). */
export const MAX_TRIED = 1500;

export interface PlacementOptions {
  /** Nodes of at least this priority are obstacles (OBSTACLE_PRIORITY). */
  obstaclePriority?: number;
  /** At most this many candidates are tried, the most important first (MAX_TRIED). */
  limit?: number;
  /** A candidate's priority now (a selection raises it); NaN: not labelled now (faded, hidden). */
  priority?: (i: number) => number;
  /** The text width of a candidate whose `w` is NaN (measured only when it is tried). */
  width?: (i: number) => number;
}

/**
 * The placements of node labels at a view: the candidates whose node is on screen, the most
 * important first (at most `limit`), with their label boxes on each side (LABEL_SIDES; a side
 * where the label would leave the screen cannot be taken) and node boxes; `index` maps each
 * placement back to its candidate.
 */
export function nodePlacements(
  candidates: LabelCandidate[],
  view: ScreenView,
  opts: PlacementOptions = {},
): { items: Placement[]; index: number[] } {
  const obstaclePriority = opts.obstaclePriority ?? OBSTACLE_PRIORITY;
  const order: number[] = [];
  const prio = new Float64Array(candidates.length);
  candidates.forEach((c, i) => {
    const p = opts.priority ? opts.priority(i) : c.priority;
    if (Number.isNaN(p)) return;
    const sx = c.x * view.zoom + view.pan.x;
    const sy = c.y * view.zoom + view.pan.y;
    if (!(sx >= 0 && sy >= 0 && sx <= view.width && sy <= view.height)) return;
    prio[i] = p;
    order.push(i);
  });
  order.sort((a, b) => prio[b]! - prio[a]! || a - b);
  if (order.length > (opts.limit ?? MAX_TRIED)) order.length = opts.limit ?? MAX_TRIED;
  // Only the sides where the whole label is on screen.
  const inside = (b: Rect) => b.x1 >= 0 && b.y1 >= 0 && b.x2 <= view.width && b.y2 <= view.height;
  const items: Placement[] = order.map((i) => {
    const c = candidates[i]!;
    if (Number.isNaN(c.w) && opts.width) c.w = opts.width(i);
    return {
      boxes: LABEL_SIDES.map((side) => {
        const b = labelBox(c, view, side);
        return inside(b) ? b : null;
      }),
      body: bodyBox(c, view),
      obstacle: prio[i]! >= obstaclePriority,
      priority: prio[i]!,
    };
  });
  return { items, index: order };
}
