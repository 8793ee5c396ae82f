/**
 * The node labels on Cytoscape's side: the candidate each node offers the label placement
 * (labels.ts), the classes and data that show the chosen labels on their sides, and the boxes
 * Cytoscape drew them in (for checks). Apart from mapTexts.ts, which chooses the labels without
 * Cytoscape; this file only writes and reads Cytoscape's elements.
 */
import type { BoundingBoxOptions, Core } from 'cytoscape';
import type { MapNode } from '../types';
import type { Rect } from './areas';
import { labelPriority, type LabelCandidate, type LabelSide, type ScreenView } from './labels';
import { labelPx, labelScale, labelSize, SIDE_STYLE } from './mapStyle';

/** Per node: its label candidate (model position, size, text size, priority). */
export function labelCandidates(
  nodes: readonly MapNode[],
  xs: Float64Array,
  ys: Float64Array,
  sizes: Float64Array,
): LabelCandidate[] {
  return nodes.map((n, i) => ({
    x: xs[i]!,
    y: ys[i]!,
    size: labelSize(n, sizes[i]!, false),
    // measured when first tried (layoutTexts)
    w: NaN,
    // Cytoscape measures some texts (with （ or …) a third taller than their font.
    h: labelPx(n) * 1.35,
    priority: labelPriority(n),
  }));
}

/**
 * Shows the `next` labels instead of the `labelled` ones (class `lb`, side); their font sizes
 * set anew for `zoom` when `rescale`, else only those of the newly labelled.
 */
export function restyleLabels(
  cy: Core,
  ids: readonly string[],
  node: (id: string) => MapNode | undefined,
  labelled: ReadonlyMap<number, LabelSide>,
  next: ReadonlyMap<number, LabelSide>,
  zoom: number,
  rescale: boolean,
): void {
  cy.batch(() => {
    for (const i of labelled.keys()) {
      if (!next.has(i)) cy.getElementById(ids[i]!).removeClass('lb');
    }
    for (const [i, side] of next) {
      const el = cy.getElementById(ids[i]!);
      const was = labelled.get(i);
      if (rescale || was === undefined) {
        const n = node(ids[i]!);
        if (n) el.data(labelScale(n, zoom));
      }
      if (side !== (el.data('side') as LabelSide | undefined)) el.data(SIDE_STYLE[side]);
      if (was === undefined) el.addClass('lb');
    }
  });
}

/** The shown labelled nodes with their label boxes as Cytoscape drew them (screen px), for checks. */
export function labelBoxes(
  cy: Core,
  ids: readonly string[],
  labelled: Iterable<number>,
  view: ScreenView,
): Array<{ id: string; text: string; box: Rect }> {
  const labels: Array<{ id: string; text: string; box: Rect }> = [];
  for (const i of labelled) {
    const el = cy.getElementById(ids[i]!);
    if (el.empty() || el.hasClass('hidden')) continue;
    const bb = el.boundingBox({
      includeNodes: false,
      includeLabels: true,
      includeOverlays: false,
      includeUnderlays: false,
    } as BoundingBoxOptions);
    const z = view.zoom;
    labels.push({
      id: ids[i]!,
      text: String(el.data('label')),
      box: {
        x1: bb.x1 * z + view.pan.x,
        y1: bb.y1 * z + view.pan.y,
        x2: bb.x2 * z + view.pan.x,
        y2: bb.y2 * z + view.pan.y,
      },
    });
  }
  return labels;
}
