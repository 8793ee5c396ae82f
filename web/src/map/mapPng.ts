/**
 * The map as a PNG (white background, whole graph): the community areas and the edges, then
 * Cytoscape's picture of the nodes and their labels, then the texts, at the scale Cytoscape's
 * png({ full: true, scale }) draws. Apart from map.ts because it paints its own canvas, nothing
 * on screen.
 */
import type { CommunityArea } from './areas';
import { planEdges, strokeBatches, type EdgeModel, type EdgeState } from './edgeLayer';
import type { ScreenView } from './labels';
import { paintAreas, paintTexts, type MapText } from './overlay';

type Box = { x1: number; y1: number; w: number; h: number };

/** The view Cytoscape's png({ full: true, scale }) draws of the elements' box (its bufferCanvasImage). */
export function pngView(bb: Box, scale: number): ScreenView {
  return {
    zoom: scale,
    pan: { x: -bb.x1 * scale, y: -bb.y1 * scale },
    width: Math.ceil(bb.w) * scale,
    height: Math.ceil(bb.h) * scale,
  };
}

/** The picture: areas and edges, Cytoscape's `nodesPng` over them, the texts on top. */
export async function paintPng(p: {
  bb: Box;
  scale: number;
  view: ScreenView;
  areas: readonly CommunityArea[];
  edges: EdgeModel;
  edgeState: EdgeState;
  nodesPng: Blob;
  texts: MapText[];
}): Promise<Blob> {
  const { bb, scale, view } = p;
  const canvas = document.createElement('canvas');
  canvas.width = view.width;
  canvas.height = view.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -bb.x1 * scale, -bb.y1 * scale);
  paintAreas(ctx, p.areas, scale, p.edgeState.emphasis !== null);
  strokeBatches(ctx, planEdges(p.edges, p.edgeState, view));
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(await createImageBitmap(p.nodesPng), 0, 0);
  paintTexts(ctx, p.texts, view);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG not made'))), 'image/png'),
  );
}
