/**
 * The selection kept to the map the viewer has: a selected node (or a link's what-if or path)
 * the map of the region does not have is dropped and `missing` says which; a node just created is
 * selected once the map shows it. Apart from app.ts because it is the one place that corrects the
 * view state after an answer, rather than reading for it.
 */
import { effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { PanelId, Store } from './state';
import type { Graph } from './mapAnswer';

export interface Selection {
  /** A selection dropped because the map does not have it (an old link to a deleted node). */
  missing: Signal<string | null>;
  select(id: string | null, opts?: { panel?: PanelId }): void;
  /** Selects a node as soon as the map shows it (a node just created). */
  selectWhenShown(id: string): void;
  dispose(): void;
}

export function createSelection(view: Store, graph: ReadonlySignal<Graph | null>): Selection {
  const state = view.state;
  const missing = signal<string | null>(null);
  // A selection that is not on the map of the region (e.g. an old link to a deleted node) is
  // dropped, and `missing` says so; a node just created is selected once the map shows it.
  let pending: string | null = null;
  const dispose = effect(() => {
    const g = graph.value;
    const id = state.value.selected;
    if (pending && g?.nodeById.has(pending)) {
      const p = pending;
      pending = null;
      missing.value = null;
      view.update({ selected: p, panel: 'detail' });
      return;
    }
    if (g && id && g.nodeById.has(id)) missing.value = null;
    if (g && id && id !== pending && g.region === state.value.region && !g.nodeById.has(id)) {
      missing.value = id;
      view.update({ selected: null });
    }
    // The same for a link's what-if or path of a node the map does not have: 詳細 says it
    // is gone (deleted, or not in this region — the server's answer, FORBIDDEN for a node
    // outside the viewer's regions, would read as 「権限がありません」; it must not tell the
    // two apart, so the map the viewer has decides).
    const o = state.value.overlay;
    if (g && g.region === state.value.region && (o?.type === 'whatif' || o?.type === 'path')) {
      const gone = (o.type === 'whatif' ? [o.personId] : [o.from, o.to]).find(
        (n) => !g.nodeById.has(n),
      );
      if (gone) {
        missing.value = gone;
        view.update({ overlay: null, panel: 'detail' });
      }
    }
  });

  return {
    missing,
    select(id, opts) {
      if (id !== null) missing.value = null;
      view.update({ selected: id, ...(opts?.panel ? { panel: opts.panel } : {}) });
    },
    selectWhenShown(id) {
      pending = id;
      missing.value = null;
    },
    dispose,
  };
}
