/**
 * Selecting on the map: a tap on a node selects it (unless it is the release of the long press
 * that opened its menu, contextMenu.ts), a tap on the background selects nothing, and Cytoscape's
 * own selection is kept to the store's. Apart from map.ts because it is the map's one input:
 * everything else there follows the store.
 */
import type { Core } from 'cytoscape';
import { NodeContext, type NodeMenuHandlers } from './contextMenu';

/** Selects `id` alone in Cytoscape (nothing when null). */
export function selectOnly(cy: Core, id: string | null): void {
  cy.batch(() => {
    cy.$(':selected').unselect();
    if (id) cy.getElementById(id).select();
  });
}

/**
 * Binds the taps and the node menu's events. `selected`: the selection as the store has it
 * (what the map was last told).
 */
export function bindSelection(
  cy: Core,
  handlers: NodeMenuHandlers & { onSelect(id: string | null): void },
  selected: () => string | null,
): void {
  const context = new NodeContext(cy, handlers);
  cy.on('tap', 'node', (evt) => {
    const id = evt.target.id() as string;
    if (context.swallowTap()) return;
    if (!id.startsWith('proposed:')) handlers.onSelect(id);
  });
  cy.on('tap', (evt) => {
    if (evt.target === cy) handlers.onSelect(null);
  });
  // Cytoscape selects what a tap lands on after the tap's handlers ran; when the store did not
  // follow (the other end of つなぐ…, the release of a long press) the store's selection stays.
  cy.on('tapselect tapunselect', () => {
    const want = selected();
    const now = cy.nodes(':selected');
    if (want ? now.length === 1 && now.first().id() === want : now.empty()) return;
    cy.batch(() => {
      now.unselect();
      if (want) cy.getElementById(want).select();
    });
  });
}
