/**
 * The map's own actions, as state the page follows (no DOM here): the context menu of a node
 * (right-click, long press), connect mode (つなぐ…: the next node clicked on the map is the other
 * end), and the entry form the 詳細 panel is asked to open for a node (connect with the other end
 * and a tie type chosen, edit, delete). The forms themselves are the 詳細 panel's (panels/entry/):
 * the menu only opens them.
 */
import { effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { RelType } from '../../../common/model';
import type { Me } from '../auth';
import { t } from '../i18n';
import { mayTie, menuItems, type MenuItem } from '../map/nodeMenu';
import { tiesBetween } from '../panels/entry/ties';
import type { MapNode } from '../types';
import type { Store } from './state';

/** An entry form the 詳細 panel of a node opens (once: it takes the request). */
export type EntryRequest =
  | { nodeId: string; open: 'connect'; otherId: string; type: RelType }
  | { nodeId: string; open: 'edit' | 'delete' };

/** The menu of a node, at its place on the map (px from the map's top left). */
export interface NodeMenuState {
  nodeId: string;
  x: number;
  y: number;
  items: MenuItem[];
}

export interface MapActions {
  menu: Signal<NodeMenuState | null>;
  /** The node connect mode started from (the next node clicked is the other end). */
  connectFrom: Signal<string | null>;
  request: Signal<EntryRequest | null>;
  openMenu(id: string, at: { x: number; y: number }): void;
  closeMenu(): void;
  /** An item of the open menu chosen. */
  choose(item: MenuItem): void;
  /**
   * A tap on the map (a node, or null: the background) in connect mode: takes it and answers
   * true (the tap selects nothing); false when not connecting.
   */
  tapped(id: string | null): boolean;
  cancelConnect(): void;
  /** Esc: closes the menu, else leaves connect mode, else clears the highlight; false if none. */
  escape(): boolean;
  /** The request for this node, taken (null when there is none for it). */
  take(nodeId: string): EntryRequest | null;
  dispose(): void;
}

interface Deps {
  view: Store;
  me: ReadonlySignal<Me | null>;
  editable: ReadonlySignal<ReadonlySet<string>>;
  node(id: string): MapNode | undefined;
  nameOf(id: string): string;
  notify(message: string, kind?: 'info' | 'error'): void;
}

export function createMapActions(d: Deps): MapActions {
  const menu = signal<NodeMenuState | null>(null);
  const connectFrom = signal<string | null>(null);
  const request = signal<EntryRequest | null>(null);
  const show = (id: string) => d.view.update({ selected: id, panel: 'detail' });

  const api: MapActions = {
    menu,
    connectFrom,
    request,
    openMenu(id, at) {
      const node = d.node(id);
      if (!node) return;
      menu.value = { nodeId: id, ...at, items: menuItems(d.me.peek(), node, d.editable.peek()) };
    },
    closeMenu() {
      menu.value = null;
    },
    choose(item) {
      const m = menu.peek();
      menu.value = null;
      if (!m || !m.items.includes(item)) return;
      const id = m.nodeId;
      request.value = null;
      connectFrom.value = null;
      show(id);
      if (item === 'connect') connectFrom.value = id;
      else if (item === 'edit' || item === 'delete') request.value = { nodeId: id, open: item };
    },
    tapped(id) {
      const from = connectFrom.peek();
      if (from === null) return false;
      if (id === null || id === from) return true;
      const a = d.node(from);
      const b = d.node(id);
      if (!a || !b) {
        connectFrom.value = null;
        return false;
      }
      const names = { from: d.nameOf(from), to: d.nameOf(id) };
      const types = tiesBetween(a, b);
      if (types.length === 0) {
        d.notify(t('ctx.connect.noTie', names), 'error');
        return true;
      }
      if (!mayTie(d.me.peek(), a, b)) {
        d.notify(t('ctx.connect.notYours', names), 'error');
        return true;
      }
      connectFrom.value = null;
      show(from);
      request.value = { nodeId: from, open: 'connect', otherId: id, type: types[0]!.type };
      return true;
    },
    cancelConnect() {
      if (connectFrom.peek() === null) return;
      connectFrom.value = null;
      d.notify(t('ctx.connect.cancelled'));
    },
    escape() {
      if (menu.peek()) {
        menu.value = null;
        return true;
      }
      if (connectFrom.peek() !== null) {
        api.cancelConnect();
        return true;
      }
      if (d.view.get().overlay) {
        d.view.update({ overlay: null });
        return true;
      }
      return false;
    },
    take(nodeId) {
      const r = request.peek();
      if (!r || r.nodeId !== nodeId) return null;
      request.value = null;
      return r;
    },
    dispose() {
      stop();
      unsubscribe();
    },
  };

  // Another region: the menu, connect mode and any request belong to the map that was.
  const unsubscribe = d.view.subscribe((s, prev) => {
    if (s.region !== prev.region) {
      menu.value = null;
      connectFrom.value = null;
      request.value = null;
    } else if (s.selected !== prev.selected && request.peek()?.nodeId !== s.selected) {
      // a request is for the node shown; selecting another forgets it
      request.value = null;
    }
  });
  // Signed out or no longer allowed to write: no connect mode.
  const stop = effect(() => {
    if (d.editable.value.size === 0) connectFrom.value = null;
  });
  return api;
}
