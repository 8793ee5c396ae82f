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
 */
import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { ApiError, friendly, gql as defaultGql } from '../api';
import { canWrite, seesContact, type Me } from '../auth';
import type { MapView } from '../map/map';
import { hasForm, formFields } from '../forms/fields';
import type { FieldChange } from '../forms/values';
import { t } from '../i18n';
import * as Q from '../queries';
import { Store, type Overlay, type PanelId, type ViewState } from './state';
import type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  MapEdge,
  MapNode,
  NetworkMap,
  OutreachTarget,
  PathStep,
  RecordedStatus,
  RegionOption,
  RemovalImpact,
} from '../types';
import { readLog, type LoggedIntroduction } from '../introductions/log';
import { createMapActions, type MapActions } from './mapActions';
import { resource, valueOf, type Async, type Resource } from './resource';

export type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** The map as the server answered it for a region. */
export interface MapAnswer {
  region: string | null;
  /** Whether it counts the survey's unconfirmed ties (the view's `unconfirmed`). */
  unconfirmed: boolean;
  map: NetworkMap;
}

/** The nodes and ties of the drawn region, indexed. */
export interface Graph {
  region: string | null;
  unconfirmed: boolean;
  version: number;
  nodes: MapNode[];
  edges: MapEdge[];
  nodeById: Map<string, MapNode>;
}

/** What the server's schema offers this account (GraphQL introspection). */
export interface SchemaInfo {
  mutations: Set<string>;
  /** Field names of each entity type; null when the schema could not be read. */
  fields: Record<string, Set<string>> | null;
}

export interface Toast {
  message: string;
  kind: 'info' | 'error';
  /** Tells two equal messages apart (each is shown anew). */
  seq: number;
}

/**
 * Where an analytics answer belongs: a region at a graph version, with or without the survey's
 * unconfirmed ties (as the map answer it follows).
 */
interface Scope {
  region: string | null;
  unconfirmed: boolean;
  version: number;
}

export interface AppStore {
  view: Store;
  me: Signal<Me | null>;
  schema: Resource<SchemaInfo>;
  regions: Resource<RegionOption[]>;
  map: Resource<MapAnswer>;
  /** The map of all regions was refused as too large (the page shows the overview, map/overview.ts). */
  mapTooLarge: Signal<boolean>;
  graph: ReadonlySignal<Graph | null>;
  /** `region@version` of the map the page shows drawn (set by the map island). */
  drawn: Signal<string | null>;
  /** The key the map of the current answer will have once drawn. */
  drawKey: ReadonlySignal<string | null>;
  keyPersons: Resource<KeyPersonScore[]>;
  gaps: Resource<Gap[]>;
  suggestions: Resource<IntroductionSuggestion[]>;
  outreach: Resource<OutreachTarget[]>;
  /** The introductions log of the region (紹介の記录), newest first. */
  introductions: Resource<LoggedIntroduction[]>;
  /** The recorded fields of the selected node (entity API), null when it has none. */
  entity: Resource<Record<string, unknown> | null>;
  whatIf: Resource<RemovalImpact>;
  path: Resource<PathStep[] | null>;
  /** Node kinds this account can edit. */
  editable: ReadonlySignal<ReadonlySet<string>>;
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
  /** The fields of a kind's form this account can read. */
  readable(kind: string): ReadonlySet<string>;
  /** The API, for a panel's own question (likely duplicates). */
  gql: Gql;
  /** A selection dropped because the map does not have it (an old link to a deleted node). */
  missing: ReadonlySignal<string | null>;
  dispose(): void;
}

export interface Actions {
  select(id: string | null, opts?: { panel?: PanelId }): void;
  /** Selects a node as soon as the map shows it (a node just created). */
  selectWhenShown(id: string): void;
  show(overlay: Overlay | null, selected?: string | null): void;
  setFocus(depth: 0 | 1 | 2): void;
  setPathFrom(id: string | null): void;
  record(s: IntroductionSuggestion, status: RecordedStatus): Promise<void>;
  /** Sends a form's changes of one node; rejects with the server's problems (ApiError). */
  saveEntity(kind: string, id: string, changes: FieldChange[]): Promise<void>;
  notify(message: string, kind?: 'info' | 'error'): void;
  /**
   * One of the data-entry mutations (queries.ts): saves, says `done`, and reads the map again
   * at the graph version of its answer; rejects with the server's problems (ApiError).
   */
  mutate<T extends Record<string, { graphVersion: number }>>(
    query: string,
    variables: Record<string, unknown>,
    done: string | ((result: T) => string),
  ): Promise<T>;
  /** After a write: the map (and so every resource of the graph) is read again. */
  refresh(version?: number): void;
}

const sameRegion = (a: { region: string | null }, b: { region: string | null }) =>
  a.region === b.region;

export function createStore(initial: ViewState, gql: Gql = defaultGql): AppStore {
  const view = new Store(initial);
  const state = view.state;
  const me = signal<Me | null>(null);
  const signedIn = () => me.value !== null;
  const disposers: Array<() => void> = [];
  const describe = friendly;

  const schema = resource({
    key: () => (signedIn() ? {} : null),
    load: () => loadSchemaInfo(gql),
    describe,
  });
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
  const mapEpoch = signal(0);
  const mapTooLarge = signal(false);
  const map = resource<{ region: string | null; unconfirmed: boolean; epoch: number }, MapAnswer>({
    key: () =>
      signedIn()
        ? {
            region: state.value.region,
            unconfirmed: state.value.unconfirmed,
            epoch: mapEpoch.value,
          }
        : null,
    keep: sameRegion,
    load: async ({ region, unconfirmed }) => {
      const t0 = performance.now();
      const { networkMap } = await gql<{ networkMap: NetworkMap }>(Q.NETWORK_MAP, {
        regionId: region,
        includeUnconfirmed: unconfirmed,
      }).catch((err: unknown) => {
        if (region === null && err instanceof ApiError && err.code === 'RESPONSE_TOO_LARGE')
          mapTooLarge.value = true;
        throw err;
      });
      if (region === null) mapTooLarge.value = false;
      timings.mapData = Math.round(performance.now() - t0);
      // page clock (from navigation start) when the map was asked for
      timings.fetchAt = Math.round(t0);
      return { region, unconfirmed, map: networkMap };
    },
    describe,
  });

  const graph = computed<Graph | null>(() => {
    const a = valueOf(map.state.value);
    if (!a) return null;
    return {
      region: a.region,
      unconfirmed: a.unconfirmed,
      version: a.map.graphVersion,
      nodes: a.map.nodes,
      edges: a.map.edges,
      nodeById: new Map(a.map.nodes.map((n) => [n.id, n])),
    };
  });
  const drawn = signal<string | null>(null);
  const drawKey = computed(() => {
    const g = graph.value;
    return g ? `${g.region ?? 'all'}@${g.version}${g.unconfirmed ? '' : ':confirmed'}` : null;
  });
  /** The scope of the analytics: the region and version of the map answer. */
  const scope = computed<Scope | null>(() => {
    const m = map.state.value;
    if (m.status === 'error')
      return { region: state.value.region, unconfirmed: state.value.unconfirmed, version: -1 };
    const g = graph.value;
    return g ? { region: g.region, unconfirmed: g.unconfirmed, version: g.version } : null;
  });
  // Shown once the map of their version is drawn (or could not be).
  const mapSettled = () => map.state.value.status === 'error' || drawn.value === drawKey.value;

  const analytics = <T>(load: (s: Scope) => Promise<T>, needsRegion = false): Resource<T> =>
    resource({
      key: () => {
        const s = scope.value;
        return s && (!needsRegion || s.region) ? s : null;
      },
      load,
      keep: sameRegion,
      ready: mapSettled,
      describe,
    });
  const keyPersons = analytics((s) =>
    gql<{ keyPersonGroup: KeyPersonScore[] }>(Q.KEY_PERSONS, {
      regionId: s.region,
      limit: 30,
      includeUnconfirmed: s.unconfirmed,
    }).then((d) => d.keyPersonGroup),
  );
  const gaps = analytics((s) =>
    gql<{ networkGaps: Gap[] }>(Q.GAPS, {
      regionId: s.region,
      includeUnconfirmed: s.unconfirmed,
    }).then((d) => d.networkGaps),
  );
  const suggestions = analytics((s) =>
    gql<{ introductionSuggestions: IntroductionSuggestion[] }>(Q.SUGGESTIONS, {
      regionId: s.region,
      limit: 20,
      includeUnconfirmed: s.unconfirmed,
    }).then((d) => d.introductionSuggestions),
  );
  const outreach = analytics(
    (s) =>
      gql<{ outreachPlan: OutreachTarget[] }>(Q.OUTREACH, { regionId: s.region, limit: 30 }).then(
        (d) => d.outreachPlan,
      ),
    true,
  );

  const introductions = analytics((s) => readLog(gql, s.region));

  const editable = computed<ReadonlySet<string>>(() => {
    const info = valueOf(schema.state.value);
    const m = me.value;
    if (!info || !m || !canWrite(m) || !info.mutations.has(Q.UPDATE_MUTATION)) return new Set();
    return new Set(Object.keys(Q.ENTITY_API).filter(hasForm));
  });

  const entity = resource<
    { id: string; kind: string; version: number; fields: string[] },
    Record<string, unknown> | null
  >({
    key: () => {
      const id = state.value.selected;
      const g = graph.value;
      const node = id ? g?.nodeById.get(id) : undefined;
      const s = schema.state.value;
      if (!id || !g || !node || s.status === 'loading' || s.status === 'idle') return null;
      return { id, kind: node.kind, version: g.version, fields: [...readable(node.kind)] };
    },
    keep: (a, b) => a.id === b.id,
    load: async ({ id, kind, fields }) => {
      const api = Q.ENTITY_API[kind];
      if (!api || fields.length === 0) return null;
      const d = await gql<Record<string, Array<Record<string, unknown>>>>(
        Q.entityQuery(api.query, fields),
        { id },
      );
      return d[api.query]?.[0] ?? null;
    },
    describe,
  });

  /**
   * The fields of a kind's form this account can read: those its schema has (a role may lack
   * some, e.g. contact data); without introspection, all but what the role may not read.
   */
  function readable(kind: string): ReadonlySet<string> {
    if (!hasForm(kind)) return new Set();
    const have = valueOf(schema.state.value)?.fields?.[Q.ENTITY_API[kind]?.type ?? ''] ?? null;
    const m = me.value;
    const names = [...formFields(kind).map((d) => d.name as string), ...(Q.EXTRA_READ[kind] ?? [])];
    return new Set(
      names.filter((n) =>
        have ? have.has(n) : !(m && !seesContact(m) && (n === 'email' || n === 'phone')),
      ),
    );
  }

  /** Whether the map has these nodes (a link's what-if or path may name one gone since). */
  const onMap = (...ids: string[]) => {
    const g = graph.value;
    return !g || ids.every((id) => g.nodeById.has(id));
  };
  const whatIf = resource({
    key: () => {
      const o = state.value.overlay;
      const s = scope.value;
      return o?.type === 'whatif' && s && onMap(o.personId) ? { ...s, personId: o.personId } : null;
    },
    load: (k) =>
      gql<{ whatIfRemoved: RemovalImpact }>(Q.WHAT_IF, {
        regionId: k.region,
        personId: k.personId,
        includeUnconfirmed: k.unconfirmed,
      }).then((d) => d.whatIfRemoved),
    ready: mapSettled,
    describe,
  });
  const path = resource({
    key: () => {
      const o = state.value.overlay;
      const s = scope.value;
      return o?.type === 'path' && s && onMap(o.from, o.to)
        ? { version: s.version, from: o.from, to: o.to }
        : null;
    },
    load: (k) =>
      gql<{ connectionPath: PathStep[] | null }>(Q.CONNECTION_PATH, {
        fromId: k.from,
        toId: k.to,
      }).then((d) => d.connectionPath),
    ready: mapSettled,
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
  // A selection that is not on the map of the region (e.g. an old link to a deleted node) is
  // dropped, and `missing` says so; a node just created is selected once the map shows it.
  let pending: string | null = null;
  disposers.push(
    effect(() => {
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
    }),
  );

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

  const missing = signal<string | null>(null);
  let toastSeq = 0;
  const actions: Actions = {
    selectWhenShown(id) {
      pending = id;
      missing.value = null;
    },
    select(id, opts) {
      if (id !== null) missing.value = null;
      view.update({ selected: id, ...(opts?.panel ? { panel: opts.panel } : {}) });
    },
    show(overlay, selected) {
      view.update({ overlay, ...(selected !== undefined ? { selected } : {}) });
    },
    setFocus(depth) {
      view.update({ focusDepth: depth });
    },
    setPathFrom(id) {
      pathFrom.value = id;
      if (id) actions.notify(t('detail.pathPending', { name: nameOf(id) }));
    },
    async record(s, status) {
      saving.value = true;
      try {
        await gql(Q.RECORD_INTRODUCTION, {
          fromId: s.fromId,
          toId: s.toId,
          viaId: s.viaId,
          status,
        });
        actions.notify(t(`sug.recorded.${status}`, { from: s.fromName, to: s.toName }));
        view.update({ overlay: null });
        actions.refresh();
      } catch (err) {
        actions.notify(friendly(err), 'error');
      } finally {
        saving.value = false;
      }
    },
    async saveEntity(kind, id, changes) {
      if (!editable.peek().has(kind)) throw new ApiError(t('detail.notEditable'), 'BAD_USER_INPUT');
      saving.value = true;
      let result: { updateNode: { graphVersion: number; changed: string[] } };
      try {
        result = await gql(Q.UPDATE_NODE, { id, fields: changes });
      } finally {
        saving.value = false;
      }
      actions.notify(t('detail.saved'));
      actions.refresh(result.updateNode.graphVersion);
    },
    async mutate<T extends Record<string, { graphVersion: number }>>(
      query: string,
      variables: Record<string, unknown>,
      done: string | ((result: T) => string),
    ): Promise<T> {
      saving.value = true;
      let result: T;
      try {
        result = await gql<T>(query, variables);
      } finally {
        saving.value = false;
      }
      actions.notify(typeof done === 'string' ? done : done(result));
      const answer = Object.values(result)[0];
      actions.refresh(answer?.graphVersion);
      return result;
    },
    notify(message, kind = 'info') {
      toast.value = { message, kind, seq: ++toastSeq };
    },
    refresh(version) {
      // The graph changed (or may have): read the map again, and with its new version the rest.
      if (version !== undefined && version === graph.peek()?.version) return;
      mapEpoch.value++;
    },
  };

  const mapActions = createMapActions({
    view,
    me,
    editable,
    node: (id) => graph.peek()?.nodeById.get(id),
    nameOf,
    notify: (message, kind) => actions.notify(message, kind),
  });

  return {
    gql,
    missing,
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

/** What the schema offers (mutations, fields of the entity types); null fields when unknown. */
async function loadSchemaInfo(gql: Gql): Promise<SchemaInfo> {
  try {
    const d = await gql<{
      __schema: { mutationType: { fields: Array<{ name: string }> } | null };
      [type: string]: unknown;
    }>(Q.SCHEMA_INFO);
    const fields: Record<string, Set<string>> = {};
    for (const { type } of Object.values(Q.ENTITY_API)) {
      const t = d[type] as { fields?: Array<{ name: string }> } | null | undefined;
      fields[type] = new Set((t?.fields ?? []).map((f) => f.name));
    }
    return {
      mutations: new Set(d.__schema.mutationType?.fields.map((f) => f.name) ?? []),
      fields,
    };
  } catch {
    // Introspection off: nothing is offered for editing, and the default fields are read.
    return { mutations: new Set(), fields: null };
  }
}

export type { Async };
