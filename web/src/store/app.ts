/**
 * The app's one store: the view state (state.ts, mirrored in the URL by urlMirror.ts), what the
 * server answered for it (resources keyed by the view and the graph version), the little state
 * of the page that is not in the URL (the start of a connection path, progress, messages), and
 * the actions the components call. Nothing here touches the DOM, so it is tested without one.
 *
 * How the answers follow the graph: the map is asked for per region (and again after each
 * write); its answer carries the `graphVersion`. Every other resource — the four analytics
 * panels, the selected record, what-if, connection path — is keyed by the region and that
 * version, so it is read again exactly when the graph changed, and an answer for an older
 * version is never shown. The panels' answers are shown once the map of their version is drawn.
 *
 * The parts, one job each: access.ts (what the account may read and edit), mapAnswer.ts (the map
 * answer, its graph and scope), graphAnswers.ts (the answers keyed by that scope), selection.ts
 * (the selection kept to the map), actions.ts (what the components call); this file joins them.
 */
import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { friendly, gql as defaultGql, type Gql } from '../api';
import type { Me } from '../auth';
import type { MapView } from '../map/map';
import { t } from '../i18n';
import * as Q from '../queries';
import { Store, type ViewState } from './state';
import type { RegionOption } from '../types';
import { createAccess, type Access, type SchemaInfo } from './access';
import { createActions, type Actions, type Toast } from './actions';
import { createGraphAnswers, type GraphAnswers } from './graphAnswers';
import { createMapState, type Graph, type MapAnswer, type MapState } from './mapAnswer';
import { createMapActions, type MapActions } from './mapActions';
import { resource, valueOf, type Async, type Resource } from './resource';
import { createSelection } from './selection';

export type { Actions, Async, Gql, Graph, MapAnswer, SchemaInfo, Toast };

/** The store's parts (access.ts, mapAnswer.ts, graphAnswers.ts) with the page's own state. */
export interface AppStore
  extends
    Access,
    GraphAnswers,
    Pick<MapState, 'map' | 'mapTooLarge' | 'graph' | 'drawn' | 'drawKey'> {
  view: Store;
  me: Signal<Me | null>;
  regions: Resource<RegionOption[]>;
  /** Start of a connection path being chosen. */
  pathFrom: Signal<string | null>;
  /** What a slow step says (saving; the map island adds laying out and drawing). */
  saving: Signal<boolean>;
  mapProgress: Signal<string | null>;
  progress: ReadonlySignal<string | null>;
  toast: Signal<Toast | null>;
  /** Counts of what the drawn map shows (set by the map island). */
  mapCounts: Signal<{ nodes: number; edges: number }>;
  /** The map island, once mounted (for its buttons: fit, PNG). */
  mapView: Signal<MapView | null>;
  /** Milliseconds of the last map load (read by the e2e tests and `npm run bench -- web`). */
  timings: Record<string, number>;
  actions: Actions;
  /** The map's node menu, connect mode and the entry form they ask the 詳細 panel for. */
  mapActions: MapActions;
  /** The display name of a node or region id (never the id itself). */
  nameOf(id: string | null | undefined): string;
  regionName(r: RegionOption): string;
  /** The current region's name, or すべて. */
  regionLabel(): string;
  /** The API, for a panel's own question (likely duplicates). */
  gql: Gql;
  /** A selection dropped because the map does not have it (an old link to a deleted node). */
  missing: ReadonlySignal<string | null>;
  dispose(): void;
}

export function createStore(initial: ViewState, gql: Gql = defaultGql): AppStore {
  const view = new Store(initial);
  const state = view.state;
  const me = signal<Me | null>(null);
  const signedIn = () => me.value !== null;
  const disposers: Array<() => void> = [];
  const describe = friendly;

  const access = createAccess({ gql, me, describe });
  const { schema, editable, readable } = access;
  const regions = resource({
    key: () => (signedIn() ? {} : null),
    load: async () => {
      const d = await gql<{ regions: Array<RegionOption & { depts: Array<{ id: string }> }> }>(
        Q.REGIONS,
      );
      const withDept = d.regions.filter((r) => r.depts.length > 0);
      // In the API's order (the report's order of the pilot regions).
      return withDept.length ? withDept : d.regions;
    },
    describe,
  });

  const timings: Record<string, number> = {};
  const mapState = createMapState({ gql, state, signedIn, timings, describe });
  const { map, mapTooLarge, graph, drawn, drawKey } = mapState;
  const answers = createGraphAnswers({
    gql,
    state,
    graph,
    scope: mapState.scope,
    mapSettled: mapState.mapSettled,
    access,
    describe,
  });

  const pathFrom = signal<string | null>(null);
  const saving = signal(false);
  const mapProgress = signal<string | null>(null);
  const progress = computed(() =>
    saving.value
      ? t('progress.saving')
      : (mapProgress.value ?? (map.busy.value ? t('progress.loading') : null)),
  );
  const toast = signal<Toast | null>(null);
  const mapCounts = signal({ nodes: 0, edges: 0 });
  const mapView = signal<MapView | null>(null);

  // A new region: the connection path being chosen is forgotten.
  let lastRegion = state.peek().region;
  disposers.push(
    effect(() => {
      const region = state.value.region;
      if (region !== lastRegion) pathFrom.value = null;
      lastRegion = region;
    }),
  );
  const selection = createSelection(view, graph);
  disposers.push(selection.dispose);

  function regionName(r: RegionOption): string {
    return state.value.lang === 'en' && r.nameEn ? r.nameEn : r.name;
  }
  function nameOf(id: string | null | undefined): string {
    if (!id) return t('common.unknownName');
    const n = graph.value?.nodeById.get(id);
    if (n) return n.name;
    const r = valueOf(regions.state.value)?.find((x) => x.id === id);
    return r ? regionName(r) : t('common.unknownName');
  }
  function regionLabel(): string {
    const r = valueOf(regions.state.value)?.find((x) => x.id === state.value.region);
    return r ? regionName(r) : t('region.all');
  }

  const actions = createActions({
    view,
    gql,
    graph,
    mapEpoch: mapState.epoch,
    editable,
    selection,
    pathFrom,
    saving,
    toast,
    nameOf,
  });

  const mapActions = createMapActions({
    view,
    me,
    editable,
    node: (id) => graph.peek()?.nodeById.get(id),
    nameOf,
    notify: (message, kind) => actions.notify(message, kind),
  });

  const { keyPersons, gaps, suggestions, outreach, introductions, entity, whatIf, path } = answers;
  return {
    gql,
    missing: selection.missing,
    view,
    me,
    schema,
    regions,
    map,
    mapTooLarge,
    graph,
    drawn,
    drawKey,
    keyPersons,
    gaps,
    suggestions,
    outreach,
    introductions,
    entity,
    whatIf,
    path,
    editable,
    pathFrom,
    saving,
    mapProgress,
    progress,
    toast,
    mapCounts,
    mapView,
    timings,
    actions,
    mapActions,
    nameOf,
    regionName,
    regionLabel,
    readable,
    dispose() {
      for (const r of [schema, regions, map, keyPersons, gaps, suggestions, outreach]) r.dispose();
      introductions.dispose();
      for (const r of [entity, whatIf, path]) r.dispose();
      for (const d of disposers) d();
      mapActions.dispose();
    },
  };
}
