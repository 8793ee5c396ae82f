/**
 * The map's Cytoscape instance: the renderer (WebGL when the browser has it hardware-accelerated,
 * else canvas; `?renderer=` overrides), the zoom bounds, the node elements it starts with and the
 * options it is created with. Apart from map.ts because it is all decided once per drawing, before
 * any event or label update.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { LabelSide } from './labels';
import { LARGE } from './layout';
import type { LayoutResult } from './layoutCore';
import { labelScale, mapStylesheet, nodeData, SIDE_STYLE } from './mapStyle';
import type { MapNode } from '../types';
import type { Viewport } from './viewport';

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

/** Above this many nodes the canvas renderer gets its performance settings (viewport textures). */
export const LARGE_CANVAS = 800;

/**
 * Whether WebGL2 is there and hardware-accelerated. A software WebGL (SwiftShader, llvmpipe:
 * headless browsers, remote desktops) is slower than the canvas renderer, so it is not used.
 */
export function webglAvailable(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
  } catch {
    return false;
  }
}

/** Whether the map draws with WebGL: `?renderer=webgl|canvas` overrides the choice (for checks and troubleshooting). */
export function useWebgl(): boolean {
  const force = new URLSearchParams(location.search).get('renderer');
  return force === 'canvas'
    ? false
    : force === 'webgl'
      ? !!document.createElement('canvas').getContext('webgl2')
      : webglAvailable();
}

/** The nodes as Cytoscape elements (nodes only: the edge layer draws the edges). */
export function nodeElements(
  nodes: readonly MapNode[],
  positions: LayoutResult,
  sizes: Float64Array,
  zoom: number,
  labels: ReadonlyMap<number, LabelSide>,
  hidden: Uint8Array,
): ElementDefinition[] {
  return nodes.map((n, i) => ({
    group: 'nodes' as const,
    data: {
      ...nodeData(n, sizes[i]!),
      ...labelScale(n, zoom),
      ...SIDE_STYLE[labels.get(i) ?? 'bottom'],
    },
    position: positions[n.id] ?? { x: 0, y: 0 },
    classes:
      (n.inKeyPersonGroup ? 'kp' : '') +
      (hidden[i] ? ' hidden' : '') +
      (labels.has(i) ? ' lb' : ''),
  }));
}

export function createCore(
  container: HTMLElement,
  elements: ElementDefinition[],
  view: Viewport,
  webgl: boolean,
): Core {
  const nodes = elements.length;
  return cytoscape({
    container,
    elements,
    style: mapStylesheet(),
    // The positions are in the elements already: no layout pass, no fit.
    layout: { name: 'preset', fit: false },
    zoom: view.zoom,
    pan: view.pan,
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    boxSelectionEnabled: false,
    selectionType: 'single',
    textureOnViewport: !webgl && nodes > LARGE_CANVAS,
    pixelRatio: nodes > LARGE ? 1 : 'auto',
    // A top-level rendering hint: cytoscape merges it into `renderer: { name: 'canvas' }`.
    webgl,
  });
}
