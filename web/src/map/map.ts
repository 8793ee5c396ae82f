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
 *
 * Its parts: cytoscapeSetup.ts (renderer, the instance and its elements), mapPositions.ts
 * (where the nodes stand), mapTexts.ts (which labels and texts fit), applyHighlight.ts (the
 * highlight's marks), mapSelection.ts (taps select), mapPng.ts (the PNG export); MapView here
 * holds the drawing's state and hands it between them and the layers.
 */
import type { CollectionArgument, Core } from 'cytoscape';
import { mapParts, partsSignature, type MapPartition } from '../../../common/mapParts';
import type { MapNodeKind } from '../store/state';
import type { MapNode, NetworkMap } from '../types';
import {
  communityAreas,
  regionAreas,
  type CommunityArea,
  type Rect,
  type RegionArea,
} from './areas';
import { emphasisOf, fadedNodes, highlightedIds, markHighlight } from './applyHighlight';
import { menuAnchor, type NodeMenuHandlers } from './contextMenu';
import {
  createCore,
  LARGE_CANVAS,
  MAX_ZOOM,
  MIN_ZOOM,
  nodeElements,
  useWebgl,
  webglAvailable,
} from './cytoscapeSetup';
import { EdgeLayer, type EdgeState } from './edgeLayer';
import { emptyHighlight, type Highlight } from './highlight';
import type { LabelCandidate, LabelSide, ScreenView } from './labels';
import { LARGE } from './layout';
import { buildGraph, hiddenNodes, shownCounts, type Graph } from './mapGraph';
import { pngView, paintPng } from './mapPng';
import { LAYOUT_VERSION, placeNodes, type LaidOut, type LayoutKind } from './mapPositions';
import { bindSelection, selectOnly } from './mapSelection';
import { labelSize, nodeSize } from './mapStyle';
import { layoutTexts, textWidth } from './mapTexts';
import { labelBoxes, labelCandidates, restyleLabels } from './nodeLabels';
import { TextLayer, textBox } from './overlay';
import { fitViewport, revealViewport } from './viewport';

export { emptyHighlight, LARGE_CANVAS, LAYOUT_VERSION, nodeSize, textWidth, webglAvailable };
export type { Highlight };

export interface MapHandlers extends NodeMenuHandlers {
  onSelect(id: string | null): void;
  onProgress(text: string | null): void;
  progressText(step: 'layout' | 'drawing', nodes: number): string;
}

export class MapView {
  private cy: Core | undefined;
  /** The last positions, the parts they were laid out for (partsSignature), scope and ties. */
  private laidOut: LaidOut | undefined;
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
  lastLayoutKind: LayoutKind = 'full';

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: MapHandlers,
  ) {
    this.webgl = useWebgl();
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
    const t0 = performance.now();
    const placed = await placeNodes({
      nodes: map.nodes,
      edges,
      groupOf,
      signature,
      scope: `${cacheKey ?? ''}|${groupByRegion ? 'all' : 'one'}`,
      cacheKey,
      laidOut: this.laidOut,
      aspect: () =>
        Math.min(
          2.5,
          Math.max(0.6, this.container.clientWidth / Math.max(1, this.container.clientHeight)),
        ),
      onFullLayout: () =>
        this.handlers.onProgress(this.handlers.progressText('layout', map.nodes.length)),
    });
    this.laidOut = placed.laidOut;
    this.lastLayoutKind = placed.kind;
    const positions = placed.laidOut.positions;
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
    this.candidates = labelCandidates(map.nodes, graph.edges.xs, graph.edges.ys, this.sizes);
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
    const elements = nodeElements(map.nodes, positions, this.sizes, view.zoom, labels, hidden);
    const t2 = performance.now();
    this.cy?.destroy();
    const cy = createCore(this.container, elements, view, this.webgl);
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
    bindSelection(cy, this.handlers, () => this.selectedId);
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

  /** The texts of a view (mapTexts.ts), from the drawing's state now. */
  private layoutTexts(view: ScreenView): ReturnType<typeof layoutTexts> {
    return layoutTexts(view, {
      regions: this.regions,
      areas: this.areas,
      candidates: this.candidates,
      hidden: this.edgeState.hidden,
      faded: this.faded,
      boosted: this.boosted,
      node: (i) => this.nodeById.get(this.graph!.ids[i]!)!,
    });
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
    restyleLabels(cy, g.ids, (id) => this.nodeById.get(id), this.labelled, next, zoom, rescale);
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
    return shownCounts(g, this.edgeState.hidden);
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
    const labels = g && cy ? labelBoxes(cy, g.ids, this.labelled.keys(), view) : [];
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
    selectOnly(cy, id);
    this.boost(id ? [id] : [], 'selected');
    if (id && center) {
      const n = cy.getElementById(id);
      if (n.nonempty() && !n.hasClass('hidden')) this.reveal(n);
    }
    this.updateLabels();
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
      if (c && n) c.size = labelSize(n, this.sizes[i]!, this.boosted.has(i));
    }
  }

  highlight(h: Highlight, fit: boolean): void {
    const cy = this.cy;
    if (!cy) return;
    const all = highlightedIds(h);
    const g = this.graph;
    // Nothing highlighted before or now: leave the styles (and Cytoscape's caches) alone.
    if (all.size === 0 && !this.edgeState.emphasis && cy.edges().empty()) return;
    markHighlight(cy, g, h, all);
    // The edge layer fades all ties but those among the highlighted nodes.
    if (g) {
      const emphasis = emphasisOf(g, all);
      this.edgeState = { ...this.edgeState, emphasis };
      this.edgeLayer.setState(this.edgeState);
      // Faded nodes are not labelled; the highlighted ones first.
      this.faded = fadedNodes(cy, g, emphasis);
      this.boost([...all], 'highlight');
    }
    if (fit) {
      const nodes = cy.nodes().filter((n) => all.has(n.id()) && !n.hasClass('hidden'));
      if (nodes.nonempty()) this.reveal(nodes);
    }
    this.updateLabels();
  }

  private reveal(eles: CollectionArgument): void {
    const cy = this.cy!;
    this.autoFit = false;
    cy.viewport(revealViewport(eles.boundingBox(), cy.width(), cy.height(), cy.zoom()));
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
    const bb = cy.elements().boundingBox();
    const view = pngView(bb, scale);
    // The labels and texts that fit at the picture's scale, meanwhile.
    const before = this.labelled;
    const beforeZoom = this.labelZoom;
    const { labels, texts } = this.layoutTexts(view);
    this.applyLabels(labels, scale);
    const nodesPng = cy.png({ output: 'blob', full: true, scale, maxWidth: 6000, maxHeight: 6000 });
    this.applyLabels(before, beforeZoom);
    return paintPng({
      bb,
      scale,
      view,
      areas: this.areas,
      edges: this.graph.edges,
      edgeState: this.edgeState,
      nodesPng,
      texts,
    });
  }
}

function nextFrame(): Promise<void> {
  return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}
