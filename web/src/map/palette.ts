/**
 * The map's visual code, in one place for the map, its legend and the toolbar (docs/decisions.md,
 * "The map's visual design"):
 *
 * - a node's **kind** is its shape and its fill (Okabe–Ito colours, safe for the common colour
 *   vision deficiencies; the shape alone tells the kind too);
 * - a **community** is the tinted area behind its nodes, with its number (hulls.ts): never a
 *   node fill, so no community colour can be read as a kind;
 * - the **キーパーソン群** are amber with a black ring and a glow: the one warm, saturated mark
 *   among muted persons;
 * - **lines** by the kind of tie (LINE_STYLE), their width by strength;
 * - **highlights** (a gap, a route, a what-if) in orange, red and blue, with everything else
 *   faded.
 */
import type { MapNodeKind } from '../store/state';

export interface KindStyle {
  shape: string;
  color: string;
  /** Border colour (1 px). */
  border: string;
  size: number;
}

export const KIND_STYLE: Record<MapNodeKind, KindStyle> = {
  Region: { shape: 'round-octagon', color: '#6f7c8a', border: '#2f3843', size: 40 },
  RegionalHRDept: { shape: 'star', color: '#d55e00', border: '#6b2f00', size: 50 },
  Organization: { shape: 'round-hexagon', color: '#0072b2', border: '#003a5c', size: 30 },
  SME: { shape: 'round-rectangle', color: '#009e73', border: '#004d38', size: 22 },
  Person: { shape: 'ellipse', color: '#b9c2cd', border: '#56606d', size: 18 },
  Skill: { shape: 'round-triangle', color: '#a6adb6', border: '#4f5661', size: 14 },
  Challenge: { shape: 'vee', color: '#f0e442', border: '#6b6400', size: 16 },
  Event: { shape: 'round-tag', color: '#cc79a7', border: '#6e2f52', size: 18 },
};

/** 兼業・副業人材 and other talent: a person's diamond, sky blue. */
export const TALENT = { shape: 'round-diamond', color: '#56b4e9', border: '#1d5c80' } as const;

/** The キーパーソン群: amber fill, black ring, a soft amber glow (underlay). */
export const KEY_PERSON = {
  color: '#e69f00',
  border: '#111111',
  borderWidth: 3,
  glow: '#e69f00',
  glowOpacity: 0.4,
  glowPadding: 6,
} as const;

/** Highlights. */
export const HIGHLIGHT = '#e66100';
export const HIGHLIGHT_SOFT = '#f0a35e';
export const SELECTED = '#0b57d0';
export const CUT = '#d7263d';
export const REMOVED = '#c4c8cc';
/** The ★ of a declared key person (text). */
export const GOLD = '#a87a00';

/**
 * Community areas: a pale fill and a stronger outline of the same hue, for the COMMUNITY_HUES
 * largest communities (communities are numbered by size, largest first); all smaller ones share
 * OTHER_COMMUNITY (grey) and are told apart by their number. The hues (Tableau 10 and a few of
 * ColorBrewer's Paired) were chosen so that any two outlines differ clearly; no set of 12 hues
 * is safe for every colour vision, so every area also carries its number.
 */
const COMMUNITY_HUES = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#edc948',
  '#17becf',
  '#ff9da7',
  '#8cd17d',
  '#9c755f',
  '#6a3d9a',
  '#b15928',
];
export const COMMUNITY_COLOURS = COMMUNITY_HUES.length;

export interface AreaColour {
  fill: string;
  stroke: string;
  /** The number tag's text. */
  text: string;
}

const OTHER_COMMUNITY: AreaColour = { fill: '#eef0f2', stroke: '#b5bcc4', text: '#4a525c' };

function hex(rgb: [number, number, number]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function rgbOf(h: string): [number, number, number] {
  const v = parseInt(h.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** `color` mixed with white (t = 1: white) or, for t < 0, with black. */
export function mix(color: string, t: number): string {
  const c = rgbOf(color);
  const to = t >= 0 ? 255 : 0;
  const a = Math.abs(t);
  return hex([c[0] + (to - c[0]) * a, c[1] + (to - c[1]) * a, c[2] + (to - c[2]) * a]);
}

const AREA_COLOURS: AreaColour[] = COMMUNITY_HUES.map((h) => ({
  fill: mix(h, 0.8),
  stroke: mix(h, 0.25),
  text: mix(h, -0.45),
}));

/** The colours of community `c`'s area (numbered from 0, largest first). */
export function communityColour(c: number | null): AreaColour {
  if (c === null || c < 0 || c >= AREA_COLOURS.length) return OTHER_COMMUNITY;
  return AREA_COLOURS[c]!;
}

/** The colour of the "smaller communities" area (from COMMUNITY_COLOURS + 1 on). */
export const otherCommunityColour = (): AreaColour => OTHER_COMMUNITY;

/** How ties are drawn, by relationship type; `null`: not drawn (see mapGraph.ts). */
export interface LineStyle {
  color: string;
  /** The legend's group (one entry per group). */
  group: LineGroup;
}
export type LineGroup = 'knows' | 'works' | 'supports' | 'member' | 'partners' | 'other';

export const LINE_GROUPS: Record<LineGroup, string> = {
  knows: '#4d5d73',
  works: '#9aa6b4',
  supports: '#3aa37f',
  member: '#d55e00',
  partners: '#0072b2',
  other: '#c4cad2',
};

const TYPE_GROUP: Record<string, LineGroup> = {
  KNOWS: 'knows',
  WORKS_AT: 'works',
  SUPPORTS: 'supports',
  ENGAGED_WITH: 'supports',
  MEMBER_OF: 'member',
  LEADS: 'member',
  PARTNERS_WITH: 'partners',
};

/**
 * Ties that are not drawn: every node of a region's map lies in it (LOCATED_IN, COVERS), so
 * those lines only made a star over the whole map; the region grouping shows them instead.
 */
export const UNDRAWN_TYPES = new Set(['LOCATED_IN', 'COVERS']);

/** The line group of a relationship type, null when it is not drawn. */
export function lineGroup(type: string): LineGroup | null {
  if (UNDRAWN_TYPES.has(type)) return null;
  return TYPE_GROUP[type] ?? 'other';
}
