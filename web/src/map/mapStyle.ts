/**
 * How Cytoscape draws the map's nodes (docs/decisions.md, "The map's visual design"): the
 * stylesheet — kinds by shape and fill, the キーパーソン群, labels on the nodes labels.ts chose, the
 * highlight classes — and the data of each node it reads (shape, colours, size, label size and
 * side).
 */
import type { StylesheetJson } from 'cytoscape';
import type { MapNode } from '../types';
import { LABEL_HALO, LABEL_PX, LABEL_PX_LARGE, labelText, type LabelSide } from './labels';
import { FONT_FAMILY } from './overlay';
import {
  CUT,
  HIGHLIGHT,
  HIGHLIGHT_SOFT,
  KEY_PERSON,
  KIND_STYLE,
  REMOVED,
  SELECTED,
  TALENT,
} from './palette';

/** The stylesheet of the map's Cytoscape instance. */
export function mapStylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        shape: 'data(shape)' as never,
        'background-color': 'data(color)',
        width: 'data(size)',
        height: 'data(size)',
        'border-width': 1,
        'border-color': 'data(border)',
      },
    },
    {
      // Labels only on nodes with the class `lb` (labels.ts chooses them); their size is
      // constant on screen (`fs`, `halo` = pixels / zoom, set with the class).
      selector: 'node.lb',
      style: {
        label: 'data(label)',
        'font-size': 'data(fs)',
        'font-family': FONT_FAMILY,
        'font-weight': 'data(weight)' as never,
        color: '#1b1f24',
        'text-valign': 'data(valign)' as never,
        'text-halign': 'data(halign)' as never,
        'text-margin-y': 0,
        'text-outline-color': '#ffffff',
        'text-outline-width': 'data(halo)' as never,
        'text-wrap': 'none',
        // While zooming out (before the labels are chosen again) small ones vanish.
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'node.kp',
      style: {
        // above other persons
        'z-index': 1,
        'background-color': KEY_PERSON.color,
        'border-width': KEY_PERSON.borderWidth,
        'border-color': KEY_PERSON.border,
        'underlay-color': KEY_PERSON.glow,
        'underlay-opacity': KEY_PERSON.glowOpacity,
        'underlay-padding': KEY_PERSON.glowPadding,
        'underlay-shape': 'ellipse',
      },
    },
    {
      // Labelled nodes above all others (a node drawn later would cover a label); no label
      // covers a labelled node (labels.ts).
      selector: 'node.lb',
      style: { 'z-index': 2 },
    },
    // Cytoscape holds only the highlighted ties (.path, .proposed); the others are drawn by
    // the edge layer.
    { selector: 'edge', style: { 'curve-style': 'straight', opacity: 1 } },
    { selector: '.hidden', style: { display: 'none' } },
    {
      selector: 'node.faded',
      style: { opacity: 0.18, 'text-opacity': 0, 'underlay-opacity': 0 },
    },
    {
      selector: 'node.hl2',
      style: { 'border-width': 4, 'border-color': HIGHLIGHT_SOFT, 'z-index': 9 },
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
      style: { 'background-color': REMOVED, 'border-color': '#5f6368', 'border-width': 4 },
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

/** Where Cytoscape draws a label on each side of its node (labels.ts's labelBox). */
export const SIDE_STYLE: Record<LabelSide, { side: LabelSide; valign: string; halign: string }> = {
  bottom: { side: 'bottom', valign: 'bottom', halign: 'center' },
  top: { side: 'top', valign: 'top', halign: 'center' },
  right: { side: 'right', valign: 'center', halign: 'right' },
  left: { side: 'left', valign: 'center', halign: 'left' },
};

/** The label's font size and outline in model units, for a constant size on screen. */
export function labelScale(n: MapNode, zoom: number): { fs: number; halo: number } {
  return { fs: labelPx(n) / zoom, halo: LABEL_HALO / zoom };
}

/** A node's label size on screen (px). */
export function labelPx(n: MapNode): number {
  return n.kind === 'RegionalHRDept' || n.kind === 'Region' ? LABEL_PX_LARGE : LABEL_PX;
}

/** Bold labels: the 地域の人事部, 地域, organisations and the キーパーソン群. */
export function isStrong(n: MapNode): boolean {
  return (
    n.kind === 'RegionalHRDept' ||
    n.kind === 'Region' ||
    n.kind === 'Organization' ||
    n.inKeyPersonGroup
  );
}
export function nodeData(n: MapNode, size: number): Record<string, unknown> {
  const base = KIND_STYLE[n.kind] ?? KIND_STYLE.Person;
  const talent = n.kind === 'Person' && n.isTalent;
  const strong = isStrong(n);
  return {
    id: n.id,
    kind: n.kind,
    label: labelText(n),
    shape: talent ? TALENT.shape : base.shape,
    color: talent ? TALENT.color : base.color,
    border: talent ? TALENT.border : base.border,
    size,
    weight: strong ? 700 : 400,
  };
}

/** A node's diameter: persons by key-person score, the other kinds by kind. */
export function nodeSize(n: MapNode): number {
  if (n.kind === 'Person') return 14 + Math.round(36 * Math.min(1, Math.max(0, n.score ?? 0)));
  return KIND_STYLE[n.kind]?.size ?? 18;
}

/**
 * The size Cytoscape places a node's label from: its outer size, border included (the
 * highlight's, up to 6, when `lit`).
 */
export function labelSize(n: MapNode, size: number, lit: boolean): number {
  return size + (lit ? 6 : n.inKeyPersonGroup ? KEY_PERSON.borderWidth : 1);
}
