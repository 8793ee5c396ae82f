/**
 * The map's first viewport, computed from the node positions and sizes instead of Cytoscape's
 * `fit` (which measures every element's rendered bounding box, labels and edges included: over
 * a second for 5k nodes and 20k edges, before anything is drawn), and the view that brings some
 * nodes into the middle (a selection, a highlight).
 */
export interface Placed {
  x: number;
  y: number;
  /** Diameter of the node. */
  size: number;
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/**
 * The zoom and pan that show every node inside a `width` × `height` container with `padding`
 * pixels around, centred; the zoom clamped to [minZoom, maxZoom] (as cy.fit does).
 */
export function fitViewport(
  nodes: Iterable<Placed>,
  width: number,
  height: number,
  padding = 30,
  minZoom = 0.05,
  maxZoom = 4,
): Viewport {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const n of nodes) {
    const r = n.size / 2;
    if (n.x - r < x1) x1 = n.x - r;
    if (n.y - r < y1) y1 = n.y - r;
    if (n.x + r > x2) x2 = n.x + r;
    if (n.y + r > y2) y2 = n.y + r;
  }
  if (x1 === Infinity) return { zoom: 1, pan: { x: width / 2, y: height / 2 } };
  const w = Math.max(1, x2 - x1);
  const h = Math.max(1, y2 - y1);
  const zoom = Math.min(
    maxZoom,
    Math.max(
      minZoom,
      Math.min(Math.max(1, width - 2 * padding) / w, Math.max(1, height - 2 * padding) / h),
    ),
  );
  return {
    zoom,
    pan: { x: (width - zoom * (x1 + x2)) / 2, y: (height - zoom * (y1 + y2)) / 2 },
  };
}

/**
 * The view that shows a box of nodes (model coordinates) in the middle of a `width` × `height`
 * map, 100 px spare around, the zoom between 0.25 and 2 (a view zoomed in beyond 2 goes to 2).
 */
export function revealViewport(
  bb: { x1: number; y1: number; w: number; h: number },
  width: number,
  height: number,
  zoomNow: number,
): Viewport {
  const zoom = Math.min(
    2,
    Math.max(0.25, Math.min(width / (bb.w + 200), height / (bb.h + 200)), zoomNow > 2 ? 2 : 0),
  );
  return {
    zoom,
    pan: { x: width / 2 - zoom * (bb.x1 + bb.w / 2), y: height / 2 - zoom * (bb.y1 + bb.h / 2) },
  };
}

/** Cytoscape's `min-zoomed-font-size` of the map: smaller labels on screen are not drawn. */
export const MIN_LABEL_PX = 10;
/** The font size of the many small labels (persons, SMEs, events …). */
export const SMALL_FONT = 7;

/**
 * Whether the small labels are given to Cytoscape at this zoom. Below MIN_LABEL_PX on screen
 * Cytoscape would not draw them anyway, but it still measures every label (text width,
 * ellipsis) for each full frame: thousands of nodes pay for labels nobody sees. They are
 * switched on a little before they become visible and off a little after (hysteresis, so a
 * zoom around the threshold does not restyle thousands of nodes back and forth).
 */
export function smallLabelsOn(zoom: number, on: boolean): boolean {
  const px = zoom * SMALL_FONT;
  return on ? px >= 0.6 * MIN_LABEL_PX : px >= 0.8 * MIN_LABEL_PX;
}
