/**
 * The network map (Cytoscape.js). Shape and colour by kind, persons tinted by community and
 * sized by key-person score, the キーパーソン群 with a thick gold border. WebGL renderer when
 * the browser has WebGL2, else the canvas renderer with viewport textures. Cytoscape draws the
 * nodes and the highlighted ties; all the other edges are drawn by the edge layer beneath it
 * (edgeLayer.ts: 20k edges as Cytoscape elements cost seconds per full frame). Positions come
 * from the server when it has cached them, else from fcose in a worker (layout.ts).
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { EdgeLayer, planEdges, strokeBatches, type EdgeState } from './edgeLayer';
import { computeLayout, LARGE } from './layout';
import type { LayoutResult } from './layoutCore';
import type { MapNodeKind } from '../store/state';
import type { MapNode, NetworkMap } from '../types';
import { buildGraph, hiddenNodes, linked, type Graph } from './mapGraph';
import { fitViewport, MIN_LABEL_PX, SMALL_FONT, smallLabelsOn } from './viewport';

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;

export const KIND_STYLE: Record<MapNodeKind, { shape: string; color: string; size: number }> = {
  Region: { shape: 'round-octagon', color: '#6c7a89', size: 40 },
  RegionalHRDept: { shape: 'star', color: '#c0392b', size: 46 },
  Organization: { shape: 'round-hexagon', color: '#1f5fa8', size: 30 },
  SME: { shape: 'round-rectangle', color: '#2a8c5a', size: 22 },
  Person: { shape: 'ellipse', color: '#8a94a3', size: 18 },
  Skill: { shape: 'round-triangle', color: '#a3acb9', size: 14 },
  Challenge: { shape: 'vee', color: '#b98a3e', size: 16 },
  Event: { shape: 'round-tag', color: '#7b4fbf', size: 18 },
};
export const TALENT_SHAPE = 'round-diamond';

/** Community tints for persons (distinct from the kind colours above). */
export const COMMUNITY_COLORS = [
  '#f28e2b',
  '#4e9f3d',
  '#a0cbe8',
  '#3fa7a3',
  '#e2b21c',
  '#b07aa1',
  '#ff8fa3',
  '#9c755f',
  '#5b8fd6',
  '#8cb369',
  '#d37295',
  '#79706e',
];

/** Above this many nodes the canvas renderer gets its performance settings (viewport textures). */
export const LARGE_CANVAS = 800;

export const GOLD = '#c99700';
export const HIGHLIGHT = '#e66100';
export const SELECTED = '#0b57d0';
export const CUT = '#d7263d';

export function personColor(community: number | null): string {
  if (community === null || community < 0) return KIND_STYLE.Person.color;
  return COMMUNITY_COLORS[community % COMMUNITY_COLORS.length]!;
}

export function nodeSize(n: MapNode): number {
  if (n.kind === 'Person') return 14 + Math.round(36 * Math.min(1, Math.max(0, n.score ?? 0)));
  return KIND_STYLE[n.kind]?.size ?? 18;
}

export interface Highlight {
  /** The subject: strong orange border. */
  primary: string[];
  /** Also involved: lighter border. */
  secondary: string[];
  /** Cut off (what-if): red. */
  cut: string[];
  /** The removed person (what-if): grey. */
  removed: string[];
  /** Consecutive node pairs whose existing edges are drawn as a path. */
  path: Array<[string, string]>;
  /** Ties that do not exist yet (a suggested introduction): drawn as an extra edge. */
  proposed: Array<[string, string]>;
}

export function emptyHighlight(): Highlight {
  return { primary: [], secondary: [], cut: [], removed: [], path: [], proposed: [] };
}

export interface MapHandlers {
  onSelect(id: string | null): void;
  onProgress(text: string | null): void;
  progressText(step: 'layout' | 'drawing', nodes: number): string;
}

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

export class MapView {
  private cy: Core | undefined;
  private positions: LayoutResult = {};
  private readonly webgl: boolean;
  private nodeById = new Map<string, MapNode>();
  private readonly edgeLayer: EdgeLayer;
  private graph: Graph | undefined;
  private edgeState: EdgeState = { hidden: new Uint8Array(0), emphasis: null };
  /** Whether the small labels are on (class `lb` on every node). */
  private smallLabels = false;
  private labelTimer: ReturnType<typeof setTimeout> | undefined;
  /** Milliseconds of the last setData's steps (for the e2e performance check). */
  timings: { layout: number; draw: number; drawCreate?: number } = { layout: 0, draw: 0 };

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: MapHandlers,
  ) {
    // `?renderer=webgl|canvas` overrides the choice (for checks and troubleshooting).
    const force = new URLSearchParams(location.search).get('renderer');
    this.webgl =
      force === 'canvas'
        ? false
        : force === 'webgl'
          ? !!document.createElement('canvas').getContext('webgl2')
          : webglAvailable();
    container.dataset.renderer = this.webgl ? 'webgl' : 'canvas';
    this.edgeLayer = new EdgeLayer(
      container,
      () => {
        const cy = this.cy;
        return {
          zoom: cy ? cy.zoom() : 1,
          pan: cy ? cy.pan() : { x: 0, y: 0 },
          width: container.clientWidth,
          height: container.clientHeight,
        };
      },
      () => (this.graph && this.graph.ids.length > LARGE ? 1 : window.devicePixelRatio || 1),
    );
  }

  get renderer(): 'webgl' | 'canvas' {
    return this.webgl ? 'webgl' : 'canvas';
  }

  get core(): Core | undefined {
    return this.cy;
  }

  /**
   * Draws a new map. Keeps the positions of nodes already placed when every node has one.
   * `kinds`: the kinds shown (the others are hidden from the first frame on).
   */
  async setData(
    map: NetworkMap,
    groupByRegion = false,
    cacheKey?: string,
    kinds?: readonly MapNodeKind[],
  ): Promise<void> {
    // Each region its own cluster in the 「すべて」 view; shared nodes (banks, skills …) go with
    // the first region they belong to; nodes of no region form a group of their own.
    const groupOf = (n: MapNode): string | undefined =>
      groupByRegion ? (n.regionIds[0] ?? '') : undefined;
    this.nodeById = new Map(map.nodes.map((n) => [n.id, n]));
    const ids = new Set(map.nodes.map((n) => n.id));
    const edges = map.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const serverPositions = map.nodes.every(
      (n) => typeof n.x === 'number' && typeof n.y === 'number',
    );
    let positions: LayoutResult;
    const t0 = performance.now();
    // Laid out before in this browser for exactly these nodes (reload, a shared link again).
    const cached = cacheKey ? readCache(cacheKey, map.nodes) : undefined;
    if (serverPositions) {
      positions = Object.fromEntries(map.nodes.map((n) => [n.id, { x: n.x!, y: n.y! }]));
    } else if (map.nodes.length > 0 && map.nodes.every((n) => this.positions[n.id])) {
      positions = this.positions;
    } else if (cached) {
      positions = cached;
    } else {
      this.handlers.onProgress(this.handlers.progressText('layout', map.nodes.length));
      positions = await computeLayout({
        nodes: map.nodes.map((n) => ({ id: n.id, size: nodeSize(n), group: groupOf(n) })),
        edges: edges.map((e, i) => ({ id: `e${i}`, source: e.source, target: e.target })),
      });
      if (cacheKey) writeCache(cacheKey, positions);
    }
    this.positions = { ...this.positions, ...positions };
    const t1 = performance.now();
    this.handlers.onProgress(this.handlers.progressText('drawing', map.nodes.length));
    await nextFrame();

    const graph = buildGraph(map.nodes, edges, positions);
    const hidden = kinds ? hiddenNodes(graph, kinds, null) : new Uint8Array(graph.ids.length);
    const sameNodes = !!this.cy && this.cy.nodes().length === map.nodes.length;
    const viewport =
      this.cy && sameNodes ? { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } } : undefined;
    // The first viewport from the positions (cy.fit would measure every element first).
    const view =
      viewport ??
      fitViewport(
        map.nodes.map((n, i) => ({
          x: graph.edges.xs[i]!,
          y: graph.edges.ys[i]!,
          size: nodeSize(n),
        })),
        this.container.clientWidth,
        this.container.clientHeight,
        30,
        MIN_ZOOM,
        MAX_ZOOM,
      );
    this.smallLabels = smallLabelsOn(view.zoom, false);
    // Nodes only: the edge layer draws the edges.
    const elements: ElementDefinition[] = map.nodes.map((n, i) => {
      const data = nodeData(n);
      const labelled = data.font > SMALL_FONT || this.smallLabels;
      return {
        group: 'nodes' as const,
        data,
        position: positions[n.id] ?? { x: 0, y: 0 },
        classes:
          (n.inKeyPersonGroup ? 'kp' : '') + (hidden[i] ? ' hidden' : '') + (labelled ? ' lb' : ''),
      };
    });
    const t2 = performance.now();
    this.cy?.destroy();
    const cy = cytoscape({
      container: this.container,
      elements,
      style: this.style(),
      // The positions are in the elements already: no layout pass, no fit.
      layout: { name: 'preset', fit: false },
      zoom: view.zoom,
      pan: view.pan,
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: !this.webgl && map.nodes.length > LARGE_CANVAS,
      pixelRatio: map.nodes.length > LARGE ? 1 : 'auto',
      // A top-level rendering hint: cytoscape merges it into `renderer: { name: 'canvas' }`.
      webgl: this.webgl,
    });
    this.cy = cy;
    this.graph = graph;
    this.edgeState = { hidden, emphasis: null };
    this.edgeLayer.set(graph.edges, this.edgeState);
    const t3 = performance.now();
    cy.on('viewport', () => {
      this.edgeLayer.viewChanged();
      clearTimeout(this.labelTimer);
      this.labelTimer = setTimeout(() => this.updateLabels(), 150);
    });
    cy.on('resize', () => this.edgeLayer.draw());
    cy.on('position', 'node', (evt) => {
      const i = graph.index.get(evt.target.id() as string);
      if (i === undefined) return;
      const p = evt.target.position() as { x: number; y: number };
      this.edgeLayer.moveNode(i, p.x, p.y);
    });
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id() as string;
      if (!id.startsWith('proposed:')) this.handlers.onSelect(id);
    });
    cy.on('tap', (evt) => {
      if (evt.target === cy) this.handlers.onSelect(null);
    });
    await nextFrame();
    this.timings = {
      layout: Math.round(t1 - t0),
      draw: Math.round(performance.now() - t1),
      // of which creating the Cytoscape instance (elements and their style)
      drawCreate: Math.round(t3 - t2),
    };
    this.handlers.onProgress(null);
  }

  /** Small labels on or off for the current zoom (see smallLabelsOn). */
  private updateLabels(force?: boolean): void {
    const cy = this.cy;
    if (!cy) return;
    const on = force ?? smallLabelsOn(cy.zoom(), this.smallLabels);
    if (on === this.smallLabels) return;
    this.smallLabels = on;
    cy.batch(() => {
      const small = cy.nodes().filter((n) => (n.data('font') as number) <= SMALL_FONT);
      if (on) small.addClass('lb');
      else small.removeClass('lb');
    });
  }

  private style(): StylesheetJson {
    return [
      {
        selector: 'node',
        style: {
          shape: 'data(shape)' as never,
          'background-color': 'data(color)',
          width: 'data(size)',
          height: 'data(size)',
          'border-width': 1,
          'border-color': '#3d4652',
        },
      },
      {
        // Labels only on nodes with the class `lb` (updateLabels).
        selector: 'node.lb',
        style: {
          label: 'data(label)',
          'font-size': 'data(font)',
          'font-family':
            'system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif',
          color: '#1b1f24',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          'min-zoomed-font-size': MIN_LABEL_PX,
          'text-max-width': '120px',
          'text-wrap': 'ellipsis',
        },
      },
      { selector: 'node.kp', style: { 'border-width': 5, 'border-color': GOLD } },
      // Cytoscape holds only the highlighted ties (.path, .proposed); the others are drawn by
      // the edge layer.
      { selector: 'edge', style: { 'curve-style': 'straight', opacity: 1 } },
      { selector: '.hidden', style: { display: 'none' } },
      { selector: 'node.faded', style: { opacity: 0.18, 'text-opacity': 0 } },
      {
        selector: 'node.hl2',
        style: { 'border-width': 4, 'border-color': '#f0a35e', 'z-index': 9 },
      },
      {
        selector: 'node.hl',
        style: {
          'border-width': 6,
          'border-color': HIGHLIGHT,
          'z-index': 10,
          'font-weight': 'bold',
        },
      },
      {
        selector: 'node.cut',
        style: {
          'background-color': CUT,
          'border-color': '#7a0010',
          'border-width': 3,
          'z-index': 10,
        },
      },
      {
        selector: 'node.removed',
        style: { 'background-color': '#c4c8cc', 'border-color': '#5f6368', 'border-width': 4 },
      },
      {
        selector: 'edge.path',
        style: { 'line-color': HIGHLIGHT, width: 5, opacity: 1, 'z-index': 10 },
      },
      {
        selector: 'edge.proposed',
        style: {
          'line-color': HIGHLIGHT,
          'line-style': 'dashed',
          width: 4,
          opacity: 1,
          'z-index': 10,
          'curve-style': 'straight',
        },
      },
      {
        selector: 'node:selected',
        style: { 'border-width': 6, 'border-color': SELECTED, 'z-index': 11 },
      },
    ];
  }

  /** Shows only the given kinds, and only the selection's neighbourhood when focusing. */
  applyFilter(kinds: readonly MapNodeKind[], focus: { id: string; depth: number } | null): void {
    const cy = this.cy;
    const g = this.graph;
    if (!cy || !g) return;
    const hidden = hiddenNodes(g, kinds, focus);
    const before = this.edgeState.hidden;
    cy.batch(() => {
      hidden.forEach((h, i) => {
        if (h !== before[i]) cy.getElementById(g.ids[i]!).toggleClass('hidden', h === 1);
      });
    });
    this.edgeState = { ...this.edgeState, hidden };
    this.edgeLayer.setState(this.edgeState);
  }

  counts(): { nodes: number; edges: number } {
    const g = this.graph;
    if (!this.cy || !g) return { nodes: 0, edges: 0 };
    const hidden = this.edgeState.hidden;
    let nodes = 0;
    for (let i = 0; i < hidden.length; i++) if (!hidden[i]) nodes++;
    let edges = 0;
    const { src, dst } = g.edges;
    for (let k = 0; k < src.length; k++) if (!hidden[src[k]!] && !hidden[dst[k]!]) edges++;
    return { nodes, edges };
  }

  select(id: string | null, center: boolean): void {
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (id) cy.getElementById(id).select();
    });
    if (id && center) {
      const n = cy.getElementById(id);
      if (n.nonempty() && !n.hasClass('hidden')) this.reveal(n);
    }
  }

  highlight(h: Highlight, fit: boolean): void {
    const cy = this.cy;
    if (!cy) return;
    const all = new Set([...h.primary, ...h.secondary, ...h.cut, ...h.removed]);
    for (const [a, b] of [...h.path, ...h.proposed]) {
      all.add(a);
      all.add(b);
    }
    const g = this.graph;
    // Nothing highlighted before or now: leave the styles (and Cytoscape's caches) alone.
    if (all.size === 0 && !this.edgeState.emphasis && cy.edges().empty()) return;
    cy.batch(() => {
      cy.remove(cy.edges());
      cy.elements().removeClass('faded hl hl2 cut removed');
      if (all.size === 0) return;
      cy.elements().addClass('faded');
      const mark = (ids: string[], cls: string) => {
        for (const id of ids) cy.getElementById(id).removeClass('faded').addClass(cls);
      };
      mark(h.secondary, 'hl2');
      mark(h.primary, 'hl');
      mark(h.cut, 'cut');
      mark(h.removed, 'removed');
      // The path's ties that exist, drawn over the edge layer.
      for (const [a, b] of h.path) {
        if (!g || !linked(g, a, b)) continue;
        cy.add({
          group: 'edges',
          data: { id: `path:${a}:${b}`, source: a, target: b },
          classes: 'path',
        });
        cy.getElementById(a).removeClass('faded');
        cy.getElementById(b).removeClass('faded');
      }
      for (const [a, b] of h.proposed) {
        if (cy.getElementById(a).empty() || cy.getElementById(b).empty()) continue;
        cy.add({
          group: 'edges',
          data: { id: `proposed:${a}:${b}`, source: a, target: b },
          classes: 'proposed',
        });
        cy.getElementById(a).removeClass('faded');
        cy.getElementById(b).removeClass('faded');
      }
    });
    // The edge layer fades all ties but those among the highlighted nodes.
    if (g) {
      let emphasis: Uint8Array | null = null;
      if (all.size > 0) {
        emphasis = new Uint8Array(g.ids.length);
        for (const id of all) {
          const i = g.index.get(id);
          if (i !== undefined) emphasis[i] = 1;
        }
      }
      this.edgeState = { ...this.edgeState, emphasis };
      this.edgeLayer.setState(this.edgeState);
    }
    if (fit) {
      const nodes = cy.nodes().filter((n) => all.has(n.id()) && !n.hasClass('hidden'));
      if (nodes.nonempty()) this.reveal(nodes);
    }
  }

  private reveal(eles: cytoscape.CollectionArgument): void {
    const cy = this.cy!;
    const bb = eles.boundingBox();
    const w = cy.width();
    const h = cy.height();
    const zoom = Math.min(
      2,
      Math.max(0.25, Math.min(w / (bb.w + 200), h / (bb.h + 200)), cy.zoom() > 2 ? 2 : 0),
    );
    cy.viewport({
      zoom,
      pan: { x: w / 2 - zoom * (bb.x1 + bb.w / 2), y: h / 2 - zoom * (bb.y1 + bb.h / 2) },
    });
  }

  fit(): void {
    this.cy?.fit(this.cy.nodes().not('.hidden'), 30);
  }

  /** The current map as a PNG (white background, whole graph): the edges, then Cytoscape's. */
  async png(): Promise<Blob> {
    const cy = this.cy;
    if (!cy || !this.graph) throw new Error('no map');
    const scale = cy.nodes().length > LARGE ? 1 : 2;
    // The PNG is drawn at zoom `scale`: the small labels it shows must be on meanwhile.
    const labelsBefore = this.smallLabels;
    if (scale * SMALL_FONT >= MIN_LABEL_PX) this.updateLabels(true);
    // The box and scale Cytoscape's png({ full: true, scale }) draws (its bufferCanvasImage).
    const bb = cy.elements().boundingBox();
    const nodesPng = cy.png({ output: 'blob', full: true, scale, maxWidth: 6000, maxHeight: 6000 });
    this.updateLabels(labelsBefore);
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(bb.w) * scale;
    canvas.height = Math.ceil(bb.h) * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(scale, 0, 0, scale, -bb.x1 * scale, -bb.y1 * scale);
    const view = { zoom: scale, pan: { x: -bb.x1 * scale, y: -bb.y1 * scale } };
    strokeBatches(
      ctx,
      planEdges(this.graph.edges, this.edgeState, {
        ...view,
        width: canvas.width,
        height: canvas.height,
      }),
    );
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(await createImageBitmap(nodesPng), 0, 0);
    return new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG not made'))), 'image/png'),
    );
  }
}

function nodeData(n: MapNode): Record<string, unknown> & { font: number } {
  const base = KIND_STYLE[n.kind] ?? KIND_STYLE.Person;
  const isPerson = n.kind === 'Person';
  return {
    id: n.id,
    kind: n.kind,
    label: (n.declaredKeyPerson ? '★' : '') + n.name,
    shape: isPerson && n.isTalent ? TALENT_SHAPE : base.shape,
    color: isPerson ? personColor(n.community) : base.color,
    size: nodeSize(n),
    // Small labels appear only when zoomed in (min-zoomed-font-size), so the overview stays legible.
    font:
      n.kind === 'RegionalHRDept' || n.kind === 'Region'
        ? 15
        : n.kind === 'Organization' || n.inKeyPersonGroup
          ? 11
          : 7,
  };
}

/** Positions laid out before for exactly these nodes, from localStorage. */
function readCache(key: string, nodes: MapNode[]): LayoutResult | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const pos = JSON.parse(raw) as LayoutResult;
    if (Object.keys(pos).length !== nodes.length || !nodes.every((n) => pos[n.id]))
      return undefined;
    return pos;
  } catch {
    return undefined;
  }
}

function writeCache(key: string, pos: LayoutResult): void {
  try {
    localStorage.setItem(key, JSON.stringify(pos));
  } catch {
    // storage full or disabled: lay out again next time
  }
}

function nextFrame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}
