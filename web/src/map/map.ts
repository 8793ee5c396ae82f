/**
 * The network map (Cytoscape.js), drawn to be read at a glance (docs/decisions.md, "The map's
 * visual design"): each community in an area of its own (the layout keeps them apart, areas.ts
 * draws their tinted outlines and numbers), node kinds by shape and fill (palette.ts), persons
 * sized by key-person score, the キーパーソン群 amber with a black ring, labels only where they
 * fit (labels.ts), region names over the all-regions view. WebGL renderer when the browser has
 * WebGL2, else the canvas renderer with viewport textures. Cytoscape draws the nodes and the
 * highlighted ties; the areas and all other edges are drawn by the edge layer beneath it
 * (edgeLayer.ts: 20k edges as Cytoscape elements cost seconds per full frame), the texts by the
 * text layer above it (overlay.ts). Positions come from the server when it has cached them,
 * else from fcose in a worker (layout.ts). The stylesheet and each node's data are mapStyle.ts's;
 * a node's menu (right-click, long press) is asked for through contextMenu.ts.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { mapParts, partsSignature, type MapPartition } from '../../../common/mapParts';
import { t } from '../i18n';
import type { MapNodeKind } from '../store/state';
import type { MapNode, NetworkMap } from '../types';
import {
  communityAreas,
  overlaps,
  regionAreas,
  type CommunityArea,
  type Rect,
  type RegionArea,
} from './areas';
import { EdgeLayer, planEdges, strokeBatches, type EdgeState } from './edgeLayer';
import {
  estimateWidth,
  labelPriority,
  LABEL_SIDES,
  labelText,
  nodePlacements,
  pickLabels,
  type LabelCandidate,
  type LabelSide,
  type ScreenView,
} from './labels';
import { menuAnchor, NodeContext, type NodeMenuHandlers } from './contextMenu';
import { computeLayout, LARGE } from './layout';
import type { LayoutResult } from './layoutCore';
import { edgeKey, planLayout, type DrawnLayout } from './incremental';
import { buildGraph, hiddenNodes, linked, type Graph } from './mapGraph';
import { fontOf, paintAreas, paintTexts, TextLayer, textBox, type MapText } from './overlay';
import { communityColour, KEY_PERSON, KIND_STYLE } from './palette';
import { fitViewport } from './viewport';
import { emptyHighlight, type Highlight } from './highlight';
import { isStrong, labelPx, labelScale, mapStylesheet, nodeData, SIDE_STYLE } from './mapStyle';

export { emptyHighlight, type Highlight };

const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;

/** Above this many nodes the canvas renderer gets its performance settings (viewport textures). */
export const LARGE_CANVAS = 800;

/** Bumped when the layout changes, so positions cached in a browser are not reused. */
export const LAYOUT_VERSION = 2;

export function nodeSize(n: MapNode): number {
  if (n.kind === 'Person') return 14 + Math.round(36 * Math.min(1, Math.max(0, n.score ?? 0)));
  return KIND_STYLE[n.kind]?.size ?? 18;
}

/** Label priority of the selected and highlighted nodes: above every other. */
const BOOST = 10_000;
/** Size of a region's name over the all-regions view, and of a community's tag (px). */
const REGION_PX = 22;
const TAG_PX = 12;
/** A community tag is placed after the 地域の人事部 and 地域, before everyone else. */
const TAG_PRIORITY = 900;

export interface MapHandlers extends NodeMenuHandlers {
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
  /** The last positions, the parts they were laid out for (partsSignature), scope and ties. */
  private laidOut: (DrawnLayout & { signature: string }) | undefined;
  private readonly webgl: boolean;
  private nodeById = new Map<string, MapNode>();
  private readonly edgeLayer: EdgeLayer;
  private readonly textLayer: TextLayer;
  private graph: Graph | undefined;
  private edgeState: EdgeState = { hidden: new Uint8Array(0), emphasis: null };
  private partition: MapPartition | undefined;
  private sizes = new Float64Array(0);
  private areas: CommunityArea[] = [];
  private regions: Array<RegionArea & { name: string }> = [];
  /** Per node: its label candidate (model position, size, text size, priority). */
  private candidates: LabelCandidate[] = [];
  /** Nodes labelled now (class `lb`), by index, with the side of their label. */
  private labelled = new Map<number, LabelSide>();
  /** Zoom the labels' font sizes were set for. */
  private labelZoom = 0;
  /** Selected and highlighted nodes (labelled first), faded ones (not labelled). */
  private boosted = new Set<number>();
  private faded: Uint8Array | null = null;
  private labelTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the view is still the one the map chose (not moved by the user). */
  private autoFit = false;
  /** Milliseconds of the last setData's steps (for the e2e performance check). */
  timings: { layout: number; draw: number; drawCreate?: number; incremental?: number } = {
    layout: 0,
    draw: 0,
  };
  /** How the last setData got its positions (server, kept or cached, incremental, full). */
  lastLayoutKind: 'server' | 'kept' | 'incremental' | 'full' = 'full';

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
      () => this.view(),
      () => (this.graph && this.graph.ids.length > LARGE ? 1 : window.devicePixelRatio || 1),
    );
    this.textLayer = new TextLayer(container, () => this.view());
  }

  get renderer(): 'webgl' | 'canvas' {
    return this.webgl ? 'webgl' : 'canvas';
  }

  get core(): Core | undefined {
    return this.cy;
  }

  private view(): ScreenView {
    const cy = this.cy;
    return {
      zoom: cy ? cy.zoom() : 1,
      pan: cy ? { ...cy.pan() } : { x: 0, y: 0 },
      width: this.container.clientWidth,
      height: this.container.clientHeight,
    };
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
    // The parts (common/mapParts.ts) the layout keeps apart; they also give the community
    // areas, the region names and the fainter ties between parts. Positions laid out before
    // are reused only for the same nodes in the same parts (a save that moved someone into
    // another community, or another region's map, is laid out anew).
    const index = new Map(map.nodes.map((n, i) => [n.id, i]));
    const partition = mapParts(
      map.nodes.map((n) => ({ kind: n.kind, community: n.community, region: groupOf(n) ?? '' })),
      edges.map((e) => [index.get(e.source)!, index.get(e.target)!] as [number, number]),
    );
    this.partition = partition;
    const signature = partsSignature(
      map.nodes.map((n) => n.id),
      partition,
    );
    let positions: LayoutResult;
    let plan: ReturnType<typeof planLayout> | undefined;
    const layoutNode = (n: MapNode): { id: string; group?: string; community?: number | null } => ({
      id: n.id,
      group: groupOf(n),
      community: n.community,
    });
    const scope = `${cacheKey ?? ''}|${groupByRegion ? 'all' : 'one'}`;
    const t0 = performance.now();
    const key = cacheKey ? `${cacheKey}:v${LAYOUT_VERSION}` : undefined;
    // Laid out before in this browser for exactly these parts (reload, a shared link again).
    const cached = key ? readCache(key, signature, map.nodes) : undefined;
    if (serverPositions) {
      positions = Object.fromEntries(map.nodes.map((n) => [n.id, { x: n.x!, y: n.y! }]));
    } else if (map.nodes.length > 0 && this.laidOut?.signature === signature) {
      positions = this.laidOut.positions;
    } else if (cached) {
      positions = cached;
    } else if (
      (plan = planLayout(
        this.laidOut,
        { nodes: map.nodes.map((n) => ({ ...layoutNode(n), size: nodeSize(n) })), edges },
        scope,
      )).kind === 'incremental'
    ) {
      // A small change (a save): the drawn nodes stay, the new ones beside their neighbours.
      positions = plan.positions;
      if (key) writeCache(key, signature, positions);
    } else {
      this.handlers.onProgress(this.handlers.progressText('layout', map.nodes.length));
      positions = await computeLayout({
        nodes: map.nodes.map((n) => ({ ...layoutNode(n), size: nodeSize(n), kind: n.kind })),
        edges: edges.map((e, i) => ({ id: `e${i}`, source: e.source, target: e.target })),
        // The parts arranged for this map's box (a tablet upright, a wide screen).
        aspect: Math.min(
          2.5,
          Math.max(0.6, this.container.clientWidth / Math.max(1, this.container.clientHeight)),
        ),
      });
      if (key) writeCache(key, signature, positions);
    }
    this.laidOut = {
      signature,
      positions,
      scope,
      edges: new Set(edges.map((e) => edgeKey(e.source, e.target))),
    };
    this.lastLayoutKind = serverPositions ? 'server' : plan ? plan.kind : 'kept';
    const t1 = performance.now();
    this.handlers.onProgress(this.handlers.progressText('drawing', map.nodes.length));
    await nextFrame();

    const graph = buildGraph(map.nodes, edges, positions, this.partition.partOf);
    this.sizes = Float64Array.from(map.nodes, nodeSize);
    this.regions = groupByRegion
      ? regionAreas(this.partition, graph.edges).map((r) => ({
          ...r,
          name: this.nodeById.get(r.region)?.name ?? '',
        }))
      : [];
    this.candidates = map.nodes.map((n, i) => ({
      x: graph.edges.xs[i]!,
      y: graph.edges.ys[i]!,
      size: this.labelSize(n, i, false),
      // measured when first tried (layoutTexts)
      w: NaN,
      // Cytoscape measures some texts (with （ or …) a third taller than their font.
      h: labelPx(n) * 1.35,
      priority: labelPriority(n),
    }));
    this.boosted = new Set();
    this.faded = null;
    const hidden = kinds ? hiddenNodes(graph, kinds, null) : new Uint8Array(graph.ids.length);
    this.graph = graph;
    this.edgeState = { hidden, emphasis: null };
    this.areas = this.computeAreas();
    const sameNodes = !!this.cy && this.cy.nodes().length === map.nodes.length;
    const viewport =
      this.cy && sameNodes ? { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } } : undefined;
    const view = viewport ?? this.fitView();
    // The labels of the first view, chosen before Cytoscape styles anything.
    const first: ScreenView = {
      ...view,
      width: this.container.clientWidth,
      height: this.container.clientHeight,
    };
    const { labels, texts } = this.layoutTexts(first);
    this.labelled = labels;
    this.labelZoom = view.zoom;
    // Nodes only: the edge layer draws the edges.
    const elements: ElementDefinition[] = map.nodes.map((n, i) => ({
      group: 'nodes' as const,
      data: {
        ...nodeData(n, this.sizes[i]!),
        ...labelScale(n, view.zoom),
        ...SIDE_STYLE[labels.get(i) ?? 'bottom'],
      },
      position: positions[n.id] ?? { x: 0, y: 0 },
      classes:
        (n.inKeyPersonGroup ? 'kp' : '') +
        (hidden[i] ? ' hidden' : '') +
        (this.labelled.has(i) ? ' lb' : ''),
    }));
    const t2 = performance.now();
    this.cy?.destroy();
    const cy = cytoscape({
      container: this.container,
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
      textureOnViewport: !this.webgl && map.nodes.length > LARGE_CANVAS,
      pixelRatio: map.nodes.length > LARGE ? 1 : 'auto',
      // A top-level rendering hint: cytoscape merges it into `renderer: { name: 'canvas' }`.
      webgl: this.webgl,
    });
    this.cy = cy;
    this.edgeLayer.setAreas(this.areas);
    this.edgeLayer.set(graph.edges, this.edgeState);
    this.textLayer.set(texts);
    const t3 = performance.now();
    cy.on('viewport', () => {
      this.edgeLayer.viewChanged();
      this.textLayer.schedule();
      clearTimeout(this.labelTimer);
      this.labelTimer = setTimeout(() => this.updateLabels(), 150);
    });
    // Until someone moves the view, a resize (the legend or the panels settling) fits the map
    // again, so the first picture always shows the whole map.
    this.autoFit = !viewport;
    cy.on('dragpan scrollzoom pinchzoom', () => (this.autoFit = false));
    cy.on('resize', () => {
      if (this.autoFit) this.fitShown();
      this.edgeLayer.draw();
      this.updateLabels();
    });
    cy.on('position', 'node', (evt) => {
      const i = graph.index.get(evt.target.id() as string);
      if (i === undefined) return;
      const p = evt.target.position() as { x: number; y: number };
      this.edgeLayer.moveNode(i, p.x, p.y);
      const c = this.candidates[i];
      if (c) {
        c.x = p.x;
        c.y = p.y;
      }
      clearTimeout(this.labelTimer);
      this.labelTimer = setTimeout(() => this.updateLabels(), 150);
    });
    const context = new NodeContext(cy, this.handlers);
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id() as string;
      if (context.swallowTap()) return;
      if (!id.startsWith('proposed:')) this.handlers.onSelect(id);
    });
    cy.on('tap', (evt) => {
      if (evt.target === cy) this.handlers.onSelect(null);
    });
    // Cytoscape selects what a tap lands on after the tap's handlers ran; when the store did not
    // follow (the other end of つなぐ…, the release of a long press) the store's selection stays.
    cy.on('tapselect tapunselect', () => this.keepSelection());
    await nextFrame();
    this.timings = {
      layout: Math.round(t1 - t0),
      draw: Math.round(performance.now() - t1),
      // of which creating the Cytoscape instance (elements and their style)
      drawCreate: Math.round(t3 - t2),
      incremental: this.lastLayoutKind === 'incremental' ? 1 : 0,
    };
    this.handlers.onProgress(null);
  }

  /** The community areas of the shown nodes. */
  private computeAreas(): CommunityArea[] {
    const g = this.graph;
    if (!g || !this.partition) return [];
    return communityAreas(this.partition, {
      xs: g.edges.xs,
      ys: g.edges.ys,
      sizes: this.sizes,
      kinds: g.kinds,
      hidden: this.edgeState.hidden,
    });
  }

  /**
   * The texts of a view: region names (all-regions view) first, then the node labels and the
   * community tags that fit (labels.ts), the 地域の人事部 and 地域 before the tags, the tags
   * before the キーパーソン群 and everyone else.
   */
  private layoutTexts(view: ScreenView): { labels: Map<number, LabelSide>; texts: MapText[] } {
    const texts: MapText[] = [];
    const blocked: Rect[] = [];
    const onScreen = (b: Rect) => b.x2 > 0 && b.y2 > 0 && b.x1 < view.width && b.y1 < view.height;
    for (const r of this.regions) {
      // Faint once the region fills the view: its own labels take over.
      const across = (r.box.x2 - r.box.x1) * view.zoom;
      const m: MapText = {
        text: r.name,
        x: r.centre.x,
        y: r.centre.y,
        anchor: 'centre',
        px: REGION_PX,
        bold: true,
        color: '#1b1f24',
        halo: 4,
        alpha: across > 0.8 * view.width ? 0.35 : 0.95,
      };
      const box = textBox(m, textWidth(m.text, m.px, m.bold), view);
      if (!onScreen(box) || blocked.some((q) => overlaps(q, box))) continue;
      blocked.push(box);
      texts.push(m);
    }
    const hidden = this.edgeState.hidden;
    const faded = this.faded;
    const boosted = this.boosted;
    const cands = this.candidates;
    const { items, index } = nodePlacements(cands, view, {
      priority: (i) =>
        hidden[i] || (faded && faded[i])
          ? NaN
          : boosted.has(i)
            ? cands[i]!.priority + BOOST
            : cands[i]!.priority,
      width: (i) => {
        const n = this.nodeById.get(this.graph!.ids[i]!)!;
        return textWidth(labelText(n), labelPx(n), isStrong(n));
      },
    });
    const nodeItems = items.length;
    const tags: MapText[] = [];
    for (const a of this.areas) {
      const text = t('map.community', { n: a.community + 1, persons: a.persons });
      const width = textWidth(text, TAG_PX, true);
      // A tag only for an area at least half as wide on screen as the tag.
      if ((a.box.x2 - a.box.x1) * view.zoom < width / 2) continue;
      const colour = communityColour(a.community);
      // A tab on the top of its area's outline (its bottom 5 px inside the area).
      const m: MapText = {
        text,
        x: a.top.x,
        y: a.top.y + 5 / view.zoom,
        anchor: 'above',
        px: TAG_PX,
        bold: true,
        color: colour.text,
        halo: 4,
        alpha: faded ? 0.4 : 1,
        tab: { fill: colour.fill, stroke: colour.stroke },
      };
      const box = textBox(m, width, view);
      if (!onScreen(box)) continue;
      items.push({ boxes: [box], priority: TAG_PRIORITY });
      tags.push(m);
    }
    const labels = new Map<number, LabelSide>();
    for (const { index: k, choice } of pickLabels(items, blocked)) {
      if (k < nodeItems) labels.set(index[k]!, LABEL_SIDES[choice]!);
      else texts.push(tags[k - nodeItems]!);
    }
    return { labels, texts };
  }

  /** Labels and texts for the current view (see layoutTexts). */
  private updateLabels(): void {
    const cy = this.cy;
    if (!cy || !this.graph) return;
    const view = this.view();
    const { labels, texts } = this.layoutTexts(view);
    this.textLayer.set(texts);
    this.applyLabels(labels, view.zoom);
  }

  private applyLabels(next: Map<number, LabelSide>, zoom: number): void {
    const cy = this.cy;
    const g = this.graph;
    if (!cy || !g) return;
    const rescale = Math.abs(zoom - this.labelZoom) > 1e-9;
    cy.batch(() => {
      for (const i of this.labelled.keys()) {
        if (!next.has(i)) cy.getElementById(g.ids[i]!).removeClass('lb');
      }
      for (const [i, side] of next) {
        const el = cy.getElementById(g.ids[i]!);
        const was = this.labelled.get(i);
        if (rescale || was === undefined) {
          const n = this.nodeById.get(g.ids[i]!);
          if (n) el.data(labelScale(n, zoom));
        }
        if (side !== (el.data('side') as LabelSide | undefined)) el.data(SIDE_STYLE[side]);
        if (was === undefined) el.addClass('lb');
      }
    });
    this.labelled = next;
    this.labelZoom = zoom;
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
    this.areas = this.computeAreas();
    this.edgeLayer.setAreas(this.areas);
    this.updateLabels();
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

  /**
   * What is on screen now, for checks: the labelled nodes with their label boxes (screen px),
   * the region names and community tags drawn.
   */
  onScreen(): {
    labels: Array<{ id: string; text: string; box: Rect }>;
    texts: Array<{ text: string; box: Rect }>;
  } {
    const view = this.view();
    const g = this.graph;
    const cy = this.cy;
    const labels: Array<{ id: string; text: string; box: Rect }> = [];
    if (g && cy) {
      for (const i of this.labelled.keys()) {
        const el = cy.getElementById(g.ids[i]!);
        if (el.empty() || el.hasClass('hidden')) continue;
        const bb = el.boundingBox({
          includeNodes: false,
          includeLabels: true,
          includeOverlays: false,
          includeUnderlays: false,
        } as cytoscape.BoundingBoxOptions);
        const z = view.zoom;
        labels.push({
          id: g.ids[i]!,
          text: String(el.data('label')),
          box: {
            x1: bb.x1 * z + view.pan.x,
            y1: bb.y1 * z + view.pan.y,
            x2: bb.x2 * z + view.pan.x,
            y2: bb.y2 * z + view.pan.y,
          },
        });
      }
    }
    const texts = this.textLayer.current.map((m) => ({
      text: m.text,
      box: textBox(m, textWidth(m.text, m.px, m.bold), view),
    }));
    return { labels, texts };
  }

  /** The selection as the store has it (what select() was last told). */
  private selectedId: string | null = null;

  select(id: string | null, center: boolean): void {
    this.selectedId = id;
    const cy = this.cy;
    if (!cy) return;
    cy.batch(() => {
      cy.$(':selected').unselect();
      if (id) cy.getElementById(id).select();
    });
    this.boost(id ? [id] : [], 'selected');
    if (id && center) {
      const n = cy.getElementById(id);
      if (n.nonempty() && !n.hasClass('hidden')) this.reveal(n);
    }
    this.updateLabels();
  }

  private keepSelection(): void {
    const cy = this.cy;
    if (!cy) return;
    const want = this.selectedId;
    const now = cy.nodes(':selected');
    if (want ? now.length === 1 && now.first().id() === want : now.empty()) return;
    cy.batch(() => {
      now.unselect();
      if (want) cy.getElementById(want).select();
    });
  }

  private boostSets: Record<'selected' | 'highlight', string[]> = { selected: [], highlight: [] };

  /** The selected and highlighted nodes are labelled before all others. */
  private boost(ids: string[], why: 'selected' | 'highlight'): void {
    this.boostSets[why] = ids;
    const g = this.graph;
    const before = this.boosted;
    this.boosted = new Set();
    if (!g) return;
    for (const id of [...this.boostSets.selected, ...this.boostSets.highlight]) {
      const i = g.index.get(id);
      if (i !== undefined) this.boosted.add(i);
    }
    // A highlight's border moves the label down: its candidate's size says so.
    for (const i of new Set([...before, ...this.boosted])) {
      const c = this.candidates[i];
      const n = this.nodeById.get(g.ids[i]!);
      if (c && n) c.size = this.labelSize(n, i, this.boosted.has(i));
    }
  }

  /**
   * The size Cytoscape places a node's label from: its outer size, border included (the
   * highlight's, up to 6, when `lit`).
   */
  private labelSize(n: MapNode, i: number, lit: boolean): number {
    return this.sizes[i]! + (lit ? 6 : n.inKeyPersonGroup ? KEY_PERSON.borderWidth : 1);
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
      // Faded nodes are not labelled; the highlighted ones first.
      this.faded = emphasis
        ? Uint8Array.from(emphasis, (v, i) =>
            v ? 0 : cy.getElementById(g.ids[i]!).hasClass('faded') ? 1 : 0,
          )
        : null;
      this.boost([...all], 'highlight');
    }
    if (fit) {
      const nodes = cy.nodes().filter((n) => all.has(n.id()) && !n.hasClass('hidden'));
      if (nodes.nonempty()) this.reveal(nodes);
    }
    this.updateLabels();
  }

  private reveal(eles: cytoscape.CollectionArgument): void {
    const cy = this.cy!;
    this.autoFit = false;
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

  /** Where a shown node's menu stands (px from the map's top left); null when not shown. */
  menuAnchor(id: string): { x: number; y: number } | null {
    const n = this.cy?.getElementById(id);
    if (!n || n.empty() || n.hasClass('hidden') || !n.isNode()) return null;
    return menuAnchor(n);
  }

  fit(): void {
    this.cy?.fit(this.cy.nodes().not('.hidden'), 30);
  }

  /** Shows every shown node (as the first view does). */
  private fitShown(): void {
    this.cy?.viewport(this.fitView());
  }

  /**
   * The view that shows every shown node, from the positions (cy.fit would measure every
   * element's rendered box first: too slow for the first frame of a large map).
   */
  private fitView(): { zoom: number; pan: { x: number; y: number } } {
    const g = this.graph;
    const hidden = this.edgeState.hidden;
    return fitViewport(
      (g?.ids ?? []).flatMap((_id, i) =>
        hidden[i] ? [] : [{ x: g!.edges.xs[i]!, y: g!.edges.ys[i]!, size: this.sizes[i]! }],
      ),
      this.container.clientWidth,
      this.container.clientHeight,
      30,
      MIN_ZOOM,
      MAX_ZOOM,
    );
  }

  /**
   * The current map as a PNG (white background, whole graph): the community areas and the
   * edges, then Cytoscape's nodes and labels (chosen for the picture's scale), then the texts.
   */
  async png(): Promise<Blob> {
    const cy = this.cy;
    if (!cy || !this.graph) throw new Error('no map');
    const scale = cy.nodes().length > LARGE ? 1 : 2;
    // The box and scale Cytoscape's png({ full: true, scale }) draws (its bufferCanvasImage).
    const bb = cy.elements().boundingBox();
    const view: ScreenView = {
      zoom: scale,
      pan: { x: -bb.x1 * scale, y: -bb.y1 * scale },
      width: Math.ceil(bb.w) * scale,
      height: Math.ceil(bb.h) * scale,
    };
    // The labels and texts that fit at the picture's scale, meanwhile.
    const before = this.labelled;
    const beforeZoom = this.labelZoom;
    const { labels, texts } = this.layoutTexts(view);
    this.applyLabels(labels, scale);
    const nodesPng = cy.png({ output: 'blob', full: true, scale, maxWidth: 6000, maxHeight: 6000 });
    this.applyLabels(before, beforeZoom);
    const canvas = document.createElement('canvas');
    canvas.width = view.width;
    canvas.height = view.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(scale, 0, 0, scale, -bb.x1 * scale, -bb.y1 * scale);
    paintAreas(ctx, this.areas, scale, this.edgeState.emphasis !== null);
    strokeBatches(ctx, planEdges(this.graph.edges, this.edgeState, view));
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(await createImageBitmap(nodesPng), 0, 0);
    paintTexts(ctx, texts, view);
    return new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG not made'))), 'image/png'),
    );
  }
}

let measureCtx: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

/** The width of a text on screen (px): measured with a canvas, else estimated. */
export function textWidth(text: string, px: number, bold: boolean): number {
  if (measureCtx === undefined) measureCtx = document.createElement('canvas').getContext('2d');
  if (!measureCtx) return estimateWidth(text, px);
  const key = `${bold ? 'b' : 'n'}${text}`;
  let at100 = widths.get(key);
  if (at100 === undefined) {
    measureCtx.font = fontOf(100, bold);
    at100 = measureCtx.measureText(text).width;
    widths.set(key, at100);
  }
  // Fonts hint small sizes a little wider; 3 % spare.
  return (at100 / 100) * px * 1.03;
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

function nextFrame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}
