/**
 * The map as the server answered it for the view's region, and what follows from it: the graph
 * (its nodes indexed, its version), the key of its drawing, and the scope (region, version) every
 * other answer of the graph is keyed by (graphAnswers.ts). Apart from app.ts because it is the one
 * resource the others wait for: it is read per region and again after each write (`epoch`).
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { ApiError, type Gql } from '../api';
import * as Q from '../queries';
import type { MapEdge, MapNode, NetworkMap } from '../types';
import { resource, valueOf, type Resource } from './resource';
import type { ViewState } from './state';

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

/**
 * Where an analytics answer belongs: a region at a graph version, with or without the survey's
 * unconfirmed ties (as the map answer it follows).
 */
export interface Scope {
  region: string | null;
  unconfirmed: boolean;
  version: number;
}

export const sameRegion = (a: { region: string | null }, b: { region: string | null }) =>
  a.region === b.region;

export interface MapState {
  map: Resource<MapAnswer>;
  /** Bumped to read the map again (after a write). */
  epoch: Signal<number>;
  /** The map of all regions was refused as too large (the page shows the overview, map/overview.ts). */
  mapTooLarge: Signal<boolean>;
  graph: ReadonlySignal<Graph | null>;
  /** `region@version` of the map the page shows drawn (set by the map island). */
  drawn: Signal<string | null>;
  /** The key the map of the current answer will have once drawn. */
  drawKey: ReadonlySignal<string | null>;
  /** The scope of the analytics: the region and version of the map answer. */
  scope: ReadonlySignal<Scope | null>;
  /** Whether the map of the current answer is drawn (or could not be). */
  mapSettled(): boolean;
}

export function createMapState(deps: {
  gql: Gql;
  state: ReadonlySignal<ViewState>;
  signedIn(): boolean;
  timings: Record<string, number>;
  describe: (err: unknown) => string;
}): MapState {
  const { gql, state, signedIn, timings, describe } = deps;
  const epoch = signal(0);
  const mapTooLarge = signal(false);
  const map = resource<{ region: string | null; unconfirmed: boolean; epoch: number }, MapAnswer>({
    key: () =>
      signedIn()
        ? {
            region: state.value.region,
            unconfirmed: state.value.unconfirmed,
            epoch: epoch.value,
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
  const scope = computed<Scope | null>(() => {
    const m = map.state.value;
    if (m.status === 'error')
      return { region: state.value.region, unconfirmed: state.value.unconfirmed, version: -1 };
    const g = graph.value;
    return g ? { region: g.region, unconfirmed: g.unconfirmed, version: g.version } : null;
  });
  // Shown once the map of their version is drawn (or could not be).
  const mapSettled = () => map.state.value.status === 'error' || drawn.value === drawKey.value;

  return { map, epoch, mapTooLarge, graph, drawn, drawKey, scope, mapSettled };
}
