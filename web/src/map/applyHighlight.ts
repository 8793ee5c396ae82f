/**
 * How the map shows a highlight (highlight.ts says what it is): the classes of Cytoscape's nodes,
 * the path's and the proposed ties drawn over the edge layer, the nodes whose ties the edge layer
 * keeps strong and the faded nodes the labels skip. Apart from map.ts because it is the one
 * translation of a Highlight into the map's marks; map.ts only hands them to the layers.
 */
import type { Core } from 'cytoscape';
import type { Highlight } from './highlight';
import { linked, type Graph } from './mapGraph';

/** Every node a highlight names (the ends of its path and proposed ties too). */
export function highlightedIds(h: Highlight): Set<string> {
  const all = new Set([...h.primary, ...h.secondary, ...h.cut, ...h.removed]);
  for (const [a, b] of [...h.path, ...h.proposed]) {
    all.add(a);
    all.add(b);
  }
  return all;
}

/** Cytoscape's classes and the extra ties of a highlight (`all`: highlightedIds). */
export function markHighlight(
  cy: Core,
  g: Graph | undefined,
  h: Highlight,
  all: ReadonlySet<string>,
): void {
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
    const tie = (a: string, b: string, cls: 'path' | 'proposed') => {
      cy.add({
        group: 'edges',
        data: { id: `${cls}:${a}:${b}`, source: a, target: b },
        classes: cls,
      });
      cy.getElementById(a).removeClass('faded');
      cy.getElementById(b).removeClass('faded');
    };
    for (const [a, b] of h.path) if (g && linked(g, a, b)) tie(a, b, 'path');
    for (const [a, b] of h.proposed) {
      if (cy.getElementById(a).nonempty() && cy.getElementById(b).nonempty()) tie(a, b, 'proposed');
    }
  });
}

/** The nodes among which the edge layer keeps the ties strong; null when nothing is highlighted. */
export function emphasisOf(g: Graph, all: ReadonlySet<string>): Uint8Array | null {
  if (all.size === 0) return null;
  const emphasis = new Uint8Array(g.ids.length);
  for (const id of all) {
    const i = g.index.get(id);
    if (i !== undefined) emphasis[i] = 1;
  }
  return emphasis;
}

/** The faded nodes (not labelled) of a highlight's emphasis. */
export function fadedNodes(cy: Core, g: Graph, emphasis: Uint8Array | null): Uint8Array | null {
  return emphasis
    ? Uint8Array.from(emphasis, (v, i) =>
        v ? 0 : cy.getElementById(g.ids[i]!).hasClass('faded') ? 1 : 0,
      )
    : null;
}
