/**
 * The map island follows the store: it draws each map answer (one at a time, the newest), and
 * applies the view's filters, selection and highlight to what is drawn. The store never calls
 * the map; the map calls the store only through its handlers (a tap selects, progress text).
 */
import { computed, effect, untracked } from '@preact/signals';
import { formatCount } from '../format';
import { getLang, t } from '../i18n';
import type { AppStore } from '../store/app';
import { resource, valueOf } from '../store/resource';
import type { ViewState } from '../store/state';
import { highlightFor } from './highlight';
import type { MapHandlers, MapView } from './map';

/**
 * What the map calls back: a tap selects (or clears) in the store, or in connect mode names the
 * other end; a right-click or long press asks for a node's menu; progress goes to the page.
 */
export function mapHandlers(store: AppStore): MapHandlers {
  return {
    onSelect: (id) => {
      store.mapActions.closeMenu();
      // つなぐ…: the node tapped is the other end, not a new selection.
      if (store.mapActions.tapped(id)) return;
      if (id) store.view.update({ selected: id, panel: 'detail' });
      else store.view.update({ selected: null, focusDepth: 0 });
    },
    onMenu: (id, at) => store.mapActions.openMenu(id, at),
    onMenuClose: () => store.mapActions.closeMenu(),
    onProgress: (text) => (store.mapProgress.value = text),
    progressText: (step, nodes) =>
      step === 'layout'
        ? t('progress.layout', { nodes: formatCount(nodes, getLang()) })
        : t('progress.drawing'),
  };
}

const focusOf = (s: ViewState) =>
  s.selected && s.focusDepth ? { id: s.selected, depth: s.focusDepth } : null;

/** Starts following the store; returns the function that stops it. */
export function syncMap(store: AppStore, map: MapView): () => void {
  const state = store.view.state;

  // 1. Drawing: each map answer once, in turn; one that is no longer the newest is skipped.
  let queue: Promise<unknown> = Promise.resolve();
  const drawing = resource<string, string>({
    key: () => store.drawKey.value,
    load: (key) => {
      const next = queue.then(async () => {
        const answer = valueOf(store.map.state.peek());
        if (!answer || store.drawKey.peek() !== key) return key;
        await map.setData(
          answer.map,
          answer.region === null,
          `layout:${answer.region ?? 'all'}`,
          state.peek().kinds,
        );
        const now = performance.now();
        Object.assign(store.timings, map.timings, {
          total: Math.round(now - (store.timings.fetchAt ?? now)),
          // page clock (from navigation start) when the map was drawn
          readyAt: Math.round(now),
        });
        console.info('map timings (ms)', JSON.stringify(store.timings));
        return key;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    describe: (err) => {
      console.error(err);
      return t('err.unknown');
    },
  });

  const highlight = computed(() =>
    highlightFor(state.value.overlay, {
      gaps: valueOf(store.gaps.state.value),
      suggestions: valueOf(store.suggestions.state.value),
      whatIf: valueOf(store.whatIf.state.value),
      path: valueOf(store.path.state.value),
    }),
  );
  const highlightKey = computed(() => JSON.stringify(highlight.value));
  // The highlight is framed when the overlay itself or its own answer changed (not when only
  // the gap or suggestion lists were read again).
  const framing = computed(() =>
    JSON.stringify([
      state.value.overlay,
      store.whatIf.state.value.status,
      store.path.state.value.status,
    ]),
  );
  let framed = framing.peek();

  const applyFilter = (s: ViewState) => {
    map.applyFilter(s.kinds, focusOf(s));
    store.mapCounts.value = map.counts();
  };

  const stops = [
    () => drawing.dispose(),
    // 2. A map drawn: the view's filter, selection and highlight on it.
    effect(() => {
      const d = drawing.state.value;
      if (d.status !== 'ok') return;
      untracked(() => {
        const s = state.value;
        applyFilter(s);
        map.select(s.selected, !s.overlay);
        framed = framing.value;
        map.highlight(highlight.value, true);
        store.drawn.value = d.value;
      });
    }),
    // 3. The view changed: filter and selection.
    store.view.subscribe((s, prev) => {
      if (store.drawn.peek() === null) return;
      if (JSON.stringify([s.kinds, focusOf(s)]) !== JSON.stringify([prev.kinds, focusOf(prev)]))
        applyFilter(s);
      if (s.selected !== prev.selected)
        map.select(s.selected, JSON.stringify(s.overlay) === JSON.stringify(prev.overlay));
    }),
    // 4. The highlight changed.
    effect(() => {
      void highlightKey.value;
      untracked(() => {
        if (store.drawn.value === null) return;
        const fit = framing.value !== framed;
        framed = framing.value;
        map.highlight(highlight.value, fit);
      });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
    store.drawn.value = null;
  };
}
