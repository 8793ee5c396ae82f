/**
 * The network map (Cytoscape.js). Shape and colour by kind, persons tinted by community and
 * sized by key-person score, the キーパーソン群 with a thick gold border. WebGL renderer when
 * the browser has WebGL2 (thousands of nodes pan and zoom smoothly), else the canvas renderer
 * with haystack edges and viewport textures. Positions come from the server when it has cached
 * them, else from fcose in a worker (layout.ts).
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { computeLayout, LARGE } from './layout';
import type { LayoutResult } from './layoutCore';
import type { MapNodeKind } from './state';
import type { MapNode, NetworkMap } from './types';

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

const EDGE_COLORS: Record<string, string> = {
  KNOWS: '#7d8fa6',
  WORKS_AT: '#b8c2cf',
  SUPPORTS: '#7fb89a',
  MEMBER_OF: '#d9a0a0',
  LEADS: '#c0392b',
  PARTNERS_WITH: '#8aa8d6',
};

/** Above this many nodes the canvas renderer gets its performance settings (haystack …). */
export const LARGE_CANVAS = 800;

/**
 * The edge style of a large map without per-element mappers (`data(color)`, `mapData(weight)`
 * are parsed for every element; 20k+ edges make that seconds): the same colours and widths
 * from a few selectors on the type and the weight.
 */
function edgeStylesByType(curve: string): StylesheetJson {
  return [
    {
      selector: 'edge',
      style: { 'curve-style': curve as never, 'line-color': '#c3cad4', width: 0.6, opacity: 0.6 },
    },
    ...Object.entries(EDGE_COLORS).map(([type, color]) => ({
      selector: `edge[type = "${type}"]`,
      style: { 'line-color': color },
    })),
    { selector: 'edge[weight >= 2]', style: { width: 1.5 } },
    { selector: 'edge[weight >= 3]', style: { width: 2.4 } },
  ];
}

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
  }

  get renderer(): 'webgl' | 'canvas' {
    return this.webgl ? 'webgl' : 'canvas';
  }

  get core(): Core | undefined {
    return this.cy;
  }

  /** Draws a new map. Keeps the positions of nodes already placed when every node has one. */
  async setData(map: NetworkMap, groupByRegion = false, cacheKey?: string): Promise<void> {
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

    const elements: ElementDefinition[] = [
      ...map.nodes.map((n) => ({
        group: 'nodes' as const,
        data: nodeData(n),
        position: positions[n.id] ?? { x: 0, y: 0 },
        classes: n.inKeyPersonGroup ? 'kp' : '',
      })),
      ...edges.map((e, i) => ({
        group: 'edges' as const,
        data: {
          id: `e:${i}`,
          source: e.source,
          target: e.target,
          type: e.type,
          weight: Math.min(3, Math.max(1, e.weight || 1)),
          color: EDGE_COLORS[e.type] ?? '#c3cad4',
        },
      })),
    ];
    const t2 = performance.now();
    const viewport = this.cy ? { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } } : undefined;
    const sameNodes = !!this.cy && this.cy.nodes().length === map.nodes.length;
    this.cy?.destroy();
    const cy = cytoscape({
      container: this.container,
      elements,
      style: this.style(map.nodes.length),
      layout: { name: 'preset' },
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      hideEdgesOnViewport: !this.webgl && map.nodes.length > LARGE_CANVAS,
      textureOnViewport: !this.webgl && map.nodes.length > LARGE_CANVAS,
      pixelRatio: map.nodes.length > LARGE ? 1 : 'auto',
      // A top-level rendering hint: cytoscape merges it into `renderer: { name: 'canvas' }`.
      webgl: this.webgl,
    });
    this.cy = cy;
    const t3 = performance.now();
    if (viewport && sameNodes) cy.viewport(viewport);
    else cy.fit(undefined, 30);
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

  private style(n: number): StylesheetJson {
    const edgeCurve = this.webgl ? 'straight' : n > LARGE_CANVAS ? 'haystack' : 'straight';
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
          label: 'data(label)',
          'font-size': 'data(font)',
          'font-family':
            'system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", sans-serif',
          color: '#1b1f24',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-outline-color': '#ffffff',
          'text-outline-width': 2,
          'min-zoomed-font-size': 10,
          'text-max-width': '120px',
          'text-wrap': 'ellipsis',
        },
      },
      { selector: 'node.kp', style: { 'border-width': 5, 'border-color': GOLD } },
      ...(n > LARGE_CANVAS
        ? edgeStylesByType(edgeCurve)
        : [
            {
              selector: 'edge',
              style: {
                'curve-style': edgeCurve as never,
                'line-color': 'data(color)',
                width: 'mapData(weight, 1, 3, 0.6, 2.4)',
                opacity: 0.6,
              },
            },
          ]),
      { selector: '.hidden', style: { display: 'none' } },
      { selector: 'node.faded', style: { opacity: 0.18, 'text-opacity': 0 } },
      { selector: 'edge.faded', style: { opacity: 0.06 } },
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
    if (!cy) return;
    const shown = new Set(kinds);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const kind = n.data('kind') as MapNodeKind | undefined;
        n.toggleClass('hidden', !!kind && !shown.has(kind));
      });
      if (focus) {
        const start = cy.getElementById(focus.id);
        if (start.nonempty()) {
          let hood = start.union(start);
          for (let i = 0; i < focus.depth; i++) {
            hood = hood.union(hood.neighborhood().nodes().not('.hidden'));
          }
          cy.nodes().not(hood).addClass('hidden');
          start.removeClass('hidden');
        }
      }
    });
  }

  /** The ids of nodes currently shown (not filtered out). */
  visibleNodeIds(): string[] {
    return this.cy
      ? this.cy
          .nodes()
          .not('.hidden')
          .map((n) => n.id())
      : [];
  }

  counts(): { nodes: number; edges: number } {
    if (!this.cy) return { nodes: 0, edges: 0 };
    const nodes = this.cy.nodes().not('.hidden');
    const edges = this.cy
      .edges()
      .filter((e) => !e.source().hasClass('hidden') && !e.target().hasClass('hidden'));
    return { nodes: nodes.length, edges: edges.length };
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
    cy.batch(() => {
      cy.remove(cy.edges('.proposed'));
      cy.elements().removeClass('faded hl hl2 cut removed path');
      if (all.size === 0) return;
      cy.elements().addClass('faded');
      const mark = (ids: string[], cls: string) => {
        for (const id of ids) cy.getElementById(id).removeClass('faded').addClass(cls);
      };
      mark(h.secondary, 'hl2');
      mark(h.primary, 'hl');
      mark(h.cut, 'cut');
      mark(h.removed, 'removed');
      for (const [a, b] of h.path) {
        const between = cy.getElementById(a).edgesWith(cy.getElementById(b));
        between.removeClass('faded').addClass('path');
        cy.getElementById(a).removeClass('faded');
        cy.getElementById(b).removeClass('faded');
      }
      for (const [a, b] of h.proposed) {
        if (cy.getElementById(a).empty() || cy.getElementById(b).empty()) continue;
        cy.add({
          group: 'edges',
          data: { id: `proposed:${a}:${b}`, source: a, target: b, weight: 3, color: HIGHLIGHT },
          classes: 'proposed',
        });
        cy.getElementById(a).removeClass('faded');
        cy.getElementById(b).removeClass('faded');
      }
      // The ties among the highlighted nodes stay readable.
      const nodes = cy.nodes().filter((n) => all.has(n.id()));
      nodes.edgesWith(nodes).removeClass('faded');
    });
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

  /** The current map as a PNG (white background, whole graph). */
  png(): Blob {
    if (!this.cy) throw new Error('no map');
    const big = this.cy.nodes().length > LARGE;
    return this.cy.png({
      output: 'blob',
      bg: '#ffffff',
      full: true,
      scale: big ? 1 : 2,
      maxWidth: 6000,
      maxHeight: 6000,
    });
  }

  destroy(): void {
    this.cy?.destroy();
    this.cy = undefined;
  }
}

function nodeData(n: MapNode): Record<string, unknown> {
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
