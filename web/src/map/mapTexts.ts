/**
 * What the map writes where, for a view: the region names over the all-regions view, the node
 * labels and the community tags that fit (labels.ts picks them), and the width of a text on screen
 * they are measured with. Apart from map.ts because it is the one reckoning of texts against
 * the view: it decides, the map applies (labels on Cytoscape's nodes, nodeLabels.ts; the rest
 * on the text layer).
 */
import { t } from '../i18n';
import type { MapNode } from '../types';
import { overlaps, type CommunityArea, type Rect, type RegionArea } from './areas';
import {
  estimateWidth,
  LABEL_SIDES,
  labelText,
  nodePlacements,
  pickLabels,
  type LabelCandidate,
  type LabelSide,
  type ScreenView,
} from './labels';
import { isStrong, labelPx } from './mapStyle';
import { fontOf, textBox, type MapText } from './overlay';
import { communityColour } from './palette';

/** Label priority of the selected and highlighted nodes: above every other. */
const BOOST = 10_000;
/** Size of a region's name over the all-regions view, and of a community's tag (px). */
const REGION_PX = 22;
const TAG_PX = 12;
/** A community tag is placed after the 地域の人事部 and 地域, before everyone else. */
const TAG_PRIORITY = 900;

/** What the texts of a view are chosen from. */
export interface TextSources {
  regions: ReadonlyArray<RegionArea & { name: string }>;
  areas: readonly CommunityArea[];
  /** Per node: its label candidate (model position, size, text size, priority). */
  candidates: LabelCandidate[];
  hidden: Uint8Array;
  /** Faded nodes (not labelled), when something is highlighted. */
  faded: Uint8Array | null;
  /** Selected and highlighted nodes (labelled first). */
  boosted: ReadonlySet<number>;
  node(i: number): MapNode;
}

/**
 * The texts of a view: region names (all-regions view) first, then the node labels and the
 * community tags that fit (labels.ts), the 地域の人事部 and 地域 before the tags, the tags
 * before the キーパーソン群 and everyone else.
 */
export function layoutTexts(
  view: ScreenView,
  src: TextSources,
): { labels: Map<number, LabelSide>; texts: MapText[] } {
  const texts: MapText[] = [];
  const blocked: Rect[] = [];
  const onScreen = (b: Rect) => b.x2 > 0 && b.y2 > 0 && b.x1 < view.width && b.y1 < view.height;
  for (const r of src.regions) {
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
  const { hidden, faded, boosted, candidates: cands } = src;
  const { items, index } = nodePlacements(cands, view, {
    priority: (i) =>
      hidden[i] || (faded && faded[i])
        ? NaN
        : boosted.has(i)
          ? cands[i]!.priority + BOOST
          : cands[i]!.priority,
    width: (i) => {
      const n = src.node(i);
      return textWidth(labelText(n), labelPx(n), isStrong(n));
    },
  });
  const nodeItems = items.length;
  const tags: MapText[] = [];
  for (const a of src.areas) {
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
