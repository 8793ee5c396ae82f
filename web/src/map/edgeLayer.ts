/**
 * The map's edges, drawn on a canvas of their own beneath Cytoscape (which draws the nodes, the
 * highlighted paths and the proposed ties). Cytoscape spends about 100 µs per edge on creating
 * it, computing its style and drawing it, on every full frame: 20k+ edges of a 5k-node map made
 * seconds before the first picture and after each pan. Here all edges are a few strokes (one per
 * colour, width and opacity), culled to the view; while the view moves the last picture is moved
 * with it (a CSS transform) and drawn again once it rests, unless drawing is cheap.
 *
 * `planEdges` (pure) decides what is drawn and how; `EdgeLayer` owns the canvas. Beneath the
 * lines it draws the community areas (overlay.ts's paintAreas).
 */
import type { CommunityArea } from './areas';
import { clearCanvas, paintAreas } from './overlay';

/** The edges in index form: node i at (xs[i], ys[i]); edge k from src[k] to dst[k]. */
export interface EdgeModel {
  xs: Float64Array;
  ys: Float64Array;
  src: Uint32Array;
  dst: Uint32Array;
  /** Index into `styles`. */
  style: Uint16Array;
  styles: Array<{ color: string; width: number; dashed?: boolean }>;
  /**
   * Edges between two parts of the map (two communities, a community and the core …): drawn
   * fainter, so that each community's own ties read first. Absent: none.
   */
  cross?: Uint8Array;
}

export interface EdgeState {
  /** Nodes not shown (filtered out): their edges are not drawn. */
  hidden: Uint8Array;
  /**
   * While something is highlighted: the highlighted nodes (1). Edges between two of them keep
   * their opacity, all others are faded. Null when nothing is highlighted.
   */
  emphasis: Uint8Array | null;
}

export interface View {
  zoom: number;
  pan: { x: number; y: number };
  width: number;
  height: number;
}

export interface Batch {
  color: string;
  /** In model units (scaled with the zoom, as Cytoscape's edge widths are). */
  width: number;
  alpha: number;
  /** Dashed (an unconfirmed survey tie). */
  dashed?: boolean;
  /** x1, y1, x2, y2 of each segment, model coordinates. */
  segments: number[];
}

export const EDGE_OPACITY = 0.6;
export const CROSS_OPACITY = 0.22;
export const FADED_OPACITY = 0.06;

/** Which edges to draw, grouped into strokes; edges wholly outside the view are left out. */
export function planEdges(model: EdgeModel, state: EdgeState, view: View): Batch[] {
  const { xs, ys, src, dst, style } = model;
  // The view in model coordinates, with a margin for the line width.
  const m = 4 / Math.max(view.zoom, 1e-9);
  const vx1 = -view.pan.x / view.zoom - m;
  const vy1 = -view.pan.y / view.zoom - m;
  const vx2 = (view.width - view.pan.x) / view.zoom + m;
  const vy2 = (view.height - view.pan.y) / view.zoom + m;
  const faded = state.emphasis;
  const batches = new Map<number, Batch>();
  for (let k = 0; k < src.length; k++) {
    const a = src[k]!;
    const b = dst[k]!;
    if (state.hidden[a] || state.hidden[b]) continue;
    const ax = xs[a]!;
    const ay = ys[a]!;
    const bx = xs[b]!;
    const by = ys[b]!;
    if (
      (ax < vx1 && bx < vx1) ||
      (ax > vx2 && bx > vx2) ||
      (ay < vy1 && by < vy1) ||
      (ay > vy2 && by > vy2)
    )
      continue;
    const dim = faded !== null && !(faded[a] && faded[b]);
    // A highlighted tie is drawn in full even between two parts.
    const cross = !dim && faded === null && model.cross?.[k] === 1;
    const key = style[k]! * 3 + (dim ? 1 : cross ? 2 : 0);
    let batch = batches.get(key);
    if (!batch) {
      const s = model.styles[style[k]!]!;
      batch = {
        color: s.color,
        width: s.width,
        alpha: dim ? FADED_OPACITY : cross ? CROSS_OPACITY : EDGE_OPACITY,
        ...(s.dashed ? { dashed: true } : {}),
        segments: [],
      };
      batches.set(key, batch);
    }
    batch.segments.push(ax, ay, bx, by);
  }
  // Faded strokes first, so the emphasised ones lie on top.
  return [...batches.values()].sort((p, q) => p.alpha - q.alpha);
}

/** Strokes the batches onto a 2D context whose transform maps model coordinates. */
export function strokeBatches(ctx: CanvasRenderingContext2D, batches: Batch[]): void {
  // Long paths with many sub-paths rasterise slowly: a stroke every CHUNK segments.
  const CHUNK = 64;
  ctx.lineCap = 'butt';
  for (const b of batches) {
    ctx.strokeStyle = b.color;
    ctx.lineWidth = b.width;
    ctx.globalAlpha = b.alpha;
    ctx.setLineDash(b.dashed ? [b.width * 3, b.width * 2] : []);
    const s = b.segments;
    ctx.beginPath();
    for (let i = 0, n = 0; i < s.length; i += 4) {
      ctx.moveTo(s[i]!, s[i + 1]!);
      ctx.lineTo(s[i + 2]!, s[i + 3]!);
      if (++n === CHUNK) {
        ctx.stroke();
        ctx.beginPath();
        n = 0;
      }
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
}

/** Below this many milliseconds a draw is done on every moved frame; above, when the view rests. */
const CHEAP_DRAW_MS = 6;
const REST_MS = 120;

export class EdgeLayer {
  readonly canvas: HTMLCanvasElement;
  private model: EdgeModel | undefined;
  private state: EdgeState | undefined;
  private areas: readonly CommunityArea[] = [];
  /** The view of the picture on the canvas. */
  private drawn: View | undefined;
  private lastDrawMs = 0;
  private frame = 0;
  private restTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Cytoscape's container: the canvas goes just before it, with the same box. */
    private readonly container: HTMLElement,
    private readonly getView: () => View,
    private readonly pixelRatio: () => number,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'edge-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    Object.assign(this.canvas.style, {
      position: 'absolute',
      inset: '0',
      pointerEvents: 'none',
      transformOrigin: '0 0',
    });
    container.before(this.canvas);
  }

  set(model: EdgeModel, state: EdgeState): void {
    this.model = model;
    this.state = state;
    this.draw();
  }

  /** Node i moved (a drag). */
  moveNode(i: number, x: number, y: number): void {
    if (!this.model) return;
    this.model.xs[i] = x;
    this.model.ys[i] = y;
    this.schedule(true);
  }

  setState(state: EdgeState): void {
    this.state = state;
    this.schedule(true);
  }

  /** The community areas drawn beneath the lines. */
  setAreas(areas: readonly CommunityArea[]): void {
    this.areas = areas;
    this.schedule(true);
  }

  /** The view moved or zoomed (Cytoscape's `viewport` event). */
  viewChanged(): void {
    if (this.lastDrawMs <= CHEAP_DRAW_MS) {
      this.schedule(false);
      return;
    }
    // Move the last picture along, draw it again when the view rests.
    const d = this.drawn;
    if (d) {
      const v = this.getView();
      const s = v.zoom / d.zoom;
      this.canvas.style.transform = `matrix(${s}, 0, 0, ${s}, ${v.pan.x - d.pan.x * s}, ${v.pan.y - d.pan.y * s})`;
    }
    clearTimeout(this.restTimer);
    this.restTimer = setTimeout(() => this.schedule(false), REST_MS);
  }

  private schedule(now: boolean): void {
    if (now) clearTimeout(this.restTimer);
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws now. */
  draw(): void {
    const t0 = performance.now();
    const view = this.getView();
    const ratio = this.pixelRatio();
    const c = this.canvas;
    const ctx = clearCanvas(c, view, ratio);
    if (!ctx) return;
    c.style.transform = '';
    this.drawn = view;
    if (!this.model || !this.state) return;
    ctx.setTransform(
      view.zoom * ratio,
      0,
      0,
      view.zoom * ratio,
      view.pan.x * ratio,
      view.pan.y * ratio,
    );
    paintAreas(ctx, this.areas, view.zoom, this.state.emphasis !== null);
    strokeBatches(ctx, planEdges(this.model, this.state, view));
    this.lastDrawMs = performance.now() - t0;
  }
}
