/**
 * Draws the overview of regions (overview.ts) with Cytoscape: a node per region, a line per
 * linked pair, laid out by Cytoscape's own force layout (cose) from a circle, so the same answer
 * is always drawn the same way. A hundred-odd regions: no worker, no edge layer of our own.
 * Pointing at a region or a line tells its numbers (onHover); a tap on a region opens it.
 */
import cytoscape, { type Core, type StylesheetJson } from 'cytoscape';
import type { Lang } from '../i18n';
import { overviewElements, type NetworkOverview } from './overview';
import { KIND_STYLE } from './palette';

export interface OverviewHandlers {
  onOpen(regionId: string): void;
  /** A region id, a link id `a|b`, or null when the pointer left. */
  onHover(id: string | null): void;
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'ellipse',
      width: 'data(size)',
      height: 'data(size)',
      'background-color': KIND_STYLE.Region.color,
      'background-opacity': 0.85,
      'border-width': 2,
      'border-color': KIND_STYLE.Region.border,
      label: 'data(label)',
      'font-size': 14,
      'font-weight': 'bold',
      color: '#1b1f24',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-outline-color': '#ffffff',
      'text-outline-width': 3,
      'min-zoomed-font-size': 6,
    },
  },
  { selector: 'node.hover', style: { 'border-color': '#0b57d0', 'border-width': 4 } },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': '#7d8894',
      opacity: 0.55,
      'curve-style': 'haystack',
    },
  },
  { selector: 'edge.hover', style: { 'line-color': '#0b57d0', opacity: 0.9 } },
];

export class OverviewView {
  readonly cy: Core;

  constructor(container: HTMLElement, handlers: OverviewHandlers) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    this.cy.on('tap', 'node', (e) => handlers.onOpen(e.target.id() as string));
    this.cy.on('mouseover', 'node, edge', (e) => {
      e.target.addClass('hover');
      handlers.onHover(e.target.id() as string);
    });
    this.cy.on('mouseout', 'node, edge', (e) => {
      e.target.removeClass('hover');
      handlers.onHover(null);
    });
  }

  /** Draws an answer (replacing what was drawn) and fits it into view. */
  draw(o: NetworkOverview, lang: Lang): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(overviewElements(o, lang));
    });
    const n = Math.max(1, cy.nodes().length);
    const radius = 60 * Math.sqrt(n) + 80;
    cy.nodes().forEach((node, i) => {
      const a = (2 * Math.PI * i) / n;
      node.position({ x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
    cy.layout({
      name: 'cose',
      animate: false,
      randomize: false,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: () => 400_000,
      idealEdgeLength: () => 140,
      edgeElasticity: (e) => 40 + 4 * Number(e.data('weight') ?? 1),
    }).run();
  }

  /** The labels in another language, nothing else changed. */
  relabel(o: NetworkOverview, lang: Lang): void {
    for (const el of overviewElements(o, lang)) {
      if (el.group === 'nodes') this.cy.getElementById(el.data.id!).data('label', el.data.label);
    }
  }

  /** Where a region is drawn on the page, in CSS pixels of the container (for the e2e tests). */
  renderedCenter(id: string): { x: number; y: number } | null {
    const node = this.cy.getElementById(id);
    return node.nonempty() ? node.renderedPosition() : null;
  }

  destroy(): void {
    this.cy.destroy();
  }
}
