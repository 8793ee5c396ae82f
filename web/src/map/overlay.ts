/**
 * What the map draws besides Cytoscape's nodes and the edge layer's lines: the community areas
 * (beneath the lines, drawn by the edge layer's canvas) and the texts above everything — region
 * names at the centre of each region's cluster, community tags above each area — on a canvas of
 * their own over Cytoscape. The same painters draw the PNG export.
 */
import type { CommunityArea, Rect } from './areas';
import { communityColour } from './palette';

export const FONT_FAMILY =
  'system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif';

/** The community areas onto a 2D context whose transform maps model coordinates at `zoom`. */
export function paintAreas(
  ctx: CanvasRenderingContext2D,
  areas: readonly CommunityArea[],
  zoom: number,
  faded: boolean,
): void {
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.globalAlpha = faded ? 0.35 : 1;
  for (const a of areas) {
    if (a.hull.length < 3) continue;
    const c = communityColour(a.community);
    ctx.beginPath();
    ctx.moveTo(a.hull[0]!.x, a.hull[0]!.y);
    for (let i = 1; i < a.hull.length; i++) ctx.lineTo(a.hull[i]!.x, a.hull[i]!.y);
    ctx.closePath();
    ctx.fillStyle = c.fill;
    ctx.fill();
    ctx.strokeStyle = c.stroke;
    ctx.lineWidth = 1.5 / zoom;
    ctx.stroke();
  }
  ctx.restore();
}

/** A text above the map, in model coordinates, its size in screen pixels. */
export interface MapText {
  text: string;
  x: number;
  y: number;
  /** 'centre': centred on (x, y); 'above': its bottom centre at (x, y). */
  anchor: 'centre' | 'above';
  px: number;
  bold: boolean;
  color: string;
  /** White halo width (px); or, with `tab`, the room between text and tab edge. */
  halo: number;
  alpha: number;
  /** Drawn on a tab of these colours (a community's tag) instead of a halo. */
  tab?: { fill: string; stroke: string };
}

export function fontOf(px: number, bold: boolean): string {
  return `${bold ? '700 ' : ''}${px}px ${FONT_FAMILY}`;
}

/** Where a text lands on screen (px), from its anchor and its measured width. */
export function textBox(
  t: MapText,
  width: number,
  view: { zoom: number; pan: { x: number; y: number } },
): Rect {
  const sx = t.x * view.zoom + view.pan.x;
  const sy = t.y * view.zoom + view.pan.y;
  const h = t.px * 1.3 + t.halo;
  const w = width + 2 * t.halo;
  const y1 = t.anchor === 'centre' ? sy - h / 2 : sy - h;
  return { x1: sx - w / 2, y1, x2: sx + w / 2, y2: y1 + h };
}

/**
 * The texts onto a 2D context in screen pixels (identity transform but for `ratio`), at the
 * view's zoom and pan.
 */
export function paintTexts(
  ctx: CanvasRenderingContext2D,
  texts: readonly MapText[],
  view: { zoom: number; pan: { x: number; y: number } },
  ratio = 1,
): void {
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const t of texts) {
    ctx.font = fontOf(t.px, t.bold);
    const box = textBox(t, ctx.measureText(t.text).width, view);
    const cx = (box.x1 + box.x2) / 2;
    const cy = (box.y1 + box.y2) / 2;
    ctx.globalAlpha = t.alpha;
    if (t.tab) {
      ctx.beginPath();
      ctx.roundRect(box.x1, box.y1, box.x2 - box.x1, box.y2 - box.y1, 4);
      ctx.fillStyle = t.tab.fill;
      ctx.fill();
      ctx.strokeStyle = t.tab.stroke;
      ctx.lineWidth = 1.5;
      ctx.stroke();
    } else if (t.halo > 0) {
      ctx.strokeStyle = 'rgba(255,255,255,0.92)';
      ctx.lineWidth = t.halo * 2;
      ctx.strokeText(t.text, cx, cy);
    }
    ctx.fillStyle = t.color;
    ctx.fillText(t.text, cx, cy);
  }
  ctx.restore();
}

/**
 * Sizes a layer's canvas to the view (CSS pixels × ratio) and clears it; its 2D context with
 * the identity transform, null without one.
 */
export function clearCanvas(
  c: HTMLCanvasElement,
  view: { width: number; height: number },
  ratio: number,
): CanvasRenderingContext2D | null {
  const w = Math.round(view.width * ratio);
  const h = Math.round(view.height * ratio);
  if (c.width !== w || c.height !== h) {
    c.width = w;
    c.height = h;
    c.style.width = `${view.width}px`;
    c.style.height = `${view.height}px`;
  }
  const ctx = c.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

/** The canvas of the texts, over Cytoscape's; drawn again on every view change (few texts). */
export class TextLayer {
  readonly canvas: HTMLCanvasElement;
  private texts: MapText[] = [];
  private frame = 0;

  constructor(
    container: HTMLElement,
    private readonly getView: () => {
      zoom: number;
      pan: { x: number; y: number };
      width: number;
      height: number;
    },
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'text-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    Object.assign(this.canvas.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    container.after(this.canvas);
  }

  set(texts: MapText[]): void {
    this.texts = texts;
    this.schedule();
  }

  get current(): readonly MapText[] {
    return this.texts;
  }

  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  draw(): void {
    const v = this.getView();
    const ratio = window.devicePixelRatio || 1;
    const ctx = clearCanvas(this.canvas, v, ratio);
    if (ctx) paintTexts(ctx, this.texts, v, ratio);
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    this.canvas.remove();
  }
}
