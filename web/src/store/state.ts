/**
 * The view state of the app: what is shown (region, filters, selection, highlight, panel,
 * language). The URL mirrors it (url.ts), so a reload or a shared link restores the view.
 */
import { signal, type Signal } from '@preact/signals';
import type { Lang } from '../i18n';

import {
  GRAPH_NODE_LABELS as MAP_NODE_KINDS,
  type GraphNodeLabel as MapNodeKind,
} from '../../../common/model';

// The map shows the network's node kinds; one list, in the domain model.
export { MAP_NODE_KINDS, type MapNodeKind };

/** Skills and challenges are shared by every region and crowd the map: off unless asked for. */
export const DEFAULT_KINDS: readonly MapNodeKind[] = [
  'Region',
  'RegionalHRDept',
  'Organization',
  'SME',
  'Person',
  'Event',
];

export const PANELS = [
  'keyPersons',
  'gaps',
  'suggestions',
  'introductions',
  'detail',
  'outreach',
] as const;
export type PanelId = (typeof PANELS)[number];

/** What the map highlights besides the selection. */
export type Overlay =
  | { type: 'gap'; id: string }
  | { type: 'suggestion'; id: string }
  | { type: 'whatif'; personId: string }
  | { type: 'path'; from: string; to: string };

export interface ViewState {
  lang: Lang;
  /** A Region id; null = all regions. */
  region: string | null;
  selected: string | null;
  panel: PanelId;
  /** Kinds shown on the map, in MAP_NODE_KINDS order. */
  kinds: MapNodeKind[];
  /** 0 = whole map; 1 or 2 = only the selection's neighbourhood up to this many steps. */
  focusDepth: 0 | 1 | 2;
  overlay: Overlay | null;
  /**
   * Whether the map and the analytics count the survey's unconfirmed ties (KNOWS named by one
   * of the two persons only; the API's includeUnconfirmed, default true).
   */
  unconfirmed: boolean;
}

export function defaultState(): ViewState {
  return {
    lang: 'ja',
    region: null,
    selected: null,
    panel: 'keyPersons',
    kinds: [...DEFAULT_KINDS],
    focusDepth: 0,
    overlay: null,
    unconfirmed: true,
  };
}

/** Keeps kinds unique and in canonical order. */
export function normaliseKinds(kinds: readonly string[]): MapNodeKind[] {
  const set = new Set(kinds);
  return MAP_NODE_KINDS.filter((k) => set.has(k));
}

export function toggleKind(kinds: readonly MapNodeKind[], kind: MapNodeKind): MapNodeKind[] {
  return kinds.includes(kind) ? kinds.filter((k) => k !== kind) : normaliseKinds([...kinds, kind]);
}

export function sameOverlay(a: Overlay | null, b: Overlay | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type Listener = (state: ViewState, previous: ViewState) => void;

/**
 * The view state as a signal (`state`): components that read it re-render when it changes.
 * `update(patch)` applies the view's rules (a new region clears selection, highlight and focus;
 * focus needs a selection) and changes the signal only when something changed.
 */
export class Store {
  readonly state: Signal<ViewState>;
  private listeners: Listener[] = [];

  constructor(initial: ViewState = defaultState()) {
    this.state = signal(initial);
  }

  get(): ViewState {
    return this.state.peek();
  }

  /** Merges the patch; notifies only when something changed. Changing region resets the view. */
  update(patch: Partial<ViewState>): void {
    const previous = this.get();
    let next: ViewState = { ...previous, ...patch };
    if (patch.kinds) next.kinds = normaliseKinds(patch.kinds);
    if (patch.region !== undefined && patch.region !== previous.region) {
      next = {
        ...next,
        selected: patch.selected ?? null,
        overlay: patch.overlay ?? null,
        focusDepth: patch.focusDepth ?? 0,
      };
    }
    if (!next.selected && next.focusDepth !== 0) next.focusDepth = 0;
    this.set(next);
  }

  /** Replaces the whole state (from the URL on back/forward). */
  replace(state: ViewState): void {
    this.set(state);
  }

  /** Called after each change with the new and the previous state (e.g. the URL mirror). */
  subscribe(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private set(next: ViewState): void {
    const previous = this.get();
    if (JSON.stringify(next) === JSON.stringify(previous)) return;
    this.state.value = next;
    for (const l of this.listeners) l(next, previous);
  }
}
