/**
 * Asking for a node's menu on the map: a right-click (Cytoscape's `cxttap`) or, on a touch
 * screen, a long press (`taphold`) on a node opens it beside the node; moving the map closes it
 * (the menu would stand beside nothing). The menu itself is Preact's (MapActions.tsx), its
 * state the store's (store/mapActions.ts).
 */
import type { Core, EventObject, NodeSingular } from 'cytoscape';

export interface NodeMenuHandlers {
  /** The menu of a node, at a point of the map (px from its top left). */
  onMenu(id: string, at: { x: number; y: number }): void;
  onMenuClose(): void;
}

/** Where the menu of a node stands: just right of the node, level with its centre. */
export function menuAnchor(node: NodeSingular): { x: number; y: number } {
  const p = node.renderedPosition();
  return { x: Math.round(p.x + node.renderedOuterWidth() / 2 + 4), y: Math.round(p.y) };
}

const isTouch = (e: EventObject) =>
  typeof TouchEvent !== 'undefined' && e.originalEvent instanceof TouchEvent;

/** Binds the menu's events on a Cytoscape instance. */
export class NodeContext {
  /** A long press opened the menu: the tap of its release selects nothing. */
  private held = false;

  constructor(cy: Core, handlers: NodeMenuHandlers) {
    // A new drawing: a menu of the one before stands beside nothing.
    handlers.onMenuClose();
    const open = (evt: EventObject) => {
      const node = evt.target as NodeSingular;
      handlers.onMenu(node.id(), menuAnchor(node));
    };
    cy.on('cxttap', 'node', open);
    cy.on('taphold', 'node', (evt) => {
      // A mouse held down is a slow click (or the start of a drag), not a long press.
      if (!isTouch(evt)) return;
      this.held = true;
      open(evt);
    });
    cy.on('cxttap', (evt) => {
      if (evt.target === cy) handlers.onMenuClose();
    });
    cy.on('viewport', () => handlers.onMenuClose());
  }

  /** Whether this tap is the release of a long press that opened the menu. */
  swallowTap(): boolean {
    const held = this.held;
    this.held = false;
    return held;
  }
}
