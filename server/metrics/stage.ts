/**
 * The network stage after Krebs & Holley ("Building Smart Communities through Network
 * Weaving", 2006): scattered clusters → single hub-and-spoke → multi-hub small world →
 * core/periphery, read from the acquaintance network (persons and KNOWS). The thresholds and
 * why they were chosen are in docs/metrics.md; the tests classify one small graph of each stage
 * worked out by hand.
 */
import type { NetworkStage } from '../../common/metrics';
import { components, kCore, type PersonGraph } from './personGraph';

/** No component holding at least this share of the persons = scattered clusters. */
export const STAGE_CONNECTED_SHARE = 0.5;
/** A hub: degree ≥ this many times the mean degree of the largest component … */
export const HUB_DEGREE_FACTOR = 2;
/** … and at least this many acquaintances. */
export const HUB_MIN_DEGREE = 4;
/** Freeman degree centralisation at or above this = one hub dominates (a star is 1, a ring 0). */
export const HUB_CENTRALISATION = 0.5;
/** The core: the largest connected part of the 3-core (each knows ≥ 3 others in the core) … */
export const CORE_K = 3;
/** … of at least this many persons … */
export const CORE_MIN_SIZE = 5;
/** … with at least this share of the largest component in it or next to it … */
export const CORE_REACH_SHARE = 0.8;
/** … in a network whose largest component holds at least this share of the persons. */
export const CORE_CONNECTED_SHARE = 0.8;

export interface StageMeasures {
  persons: number;
  /** Persons in the largest component of the acquaintance network ÷ persons. */
  connectedShare: number;
  /** Mean degree in the largest component. */
  meanDegree: number;
  hubs: number;
  /** Freeman degree centralisation of the largest component, 0..1. */
  centralisation: number;
  /** Persons in the core (largest connected part of the 3-core). */
  coreSize: number;
  /** Share of the largest component in the core or one step from it. */
  coreReach: number;
}

export interface StageResult {
  stage: NetworkStage;
  measures: StageMeasures;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The measures the stage is read from (all of the largest component). */
export function stageMeasures(pg: PersonGraph): StageMeasures {
  const n = pg.ids.length;
  const comps = components(n, pg.adj);
  const lcc = comps[0] ?? [];
  const m = lcc.length;
  const inLcc = new Uint8Array(n);
  for (const v of lcc) inLcc[v] = 1;
  const deg = lcc.map((v) => pg.adj[v]!.length);
  const meanDegree = m === 0 ? 0 : deg.reduce((s, d) => s + d, 0) / m;
  const maxDeg = deg.reduce((a, d) => Math.max(a, d), 0);
  const hubMin = Math.max(HUB_MIN_DEGREE, HUB_DEGREE_FACTOR * meanDegree);
  const hubs = deg.filter((d) => d >= hubMin).length;
  const centralisation =
    m < 3 ? 0 : deg.reduce((s, d) => s + (maxDeg - d), 0) / ((m - 1) * (m - 2));
  // the core: the largest connected part of the k-core
  const coreMask = kCore(n, pg.adj, CORE_K, lcc);
  const coreAdj = pg.adj.map((a, v) => (coreMask[v] ? a.filter((u) => coreMask[u]) : []));
  const coreComps = components(n, coreAdj).filter((c) => coreMask[c[0]!]);
  const core = coreComps[0] ?? [];
  const near = new Uint8Array(n);
  for (const v of core) {
    near[v] = 1;
    for (const u of pg.adj[v]!) near[u] = 1;
  }
  const reached = lcc.filter((v) => near[v]).length;
  return {
    persons: n,
    connectedShare: n === 0 ? 0 : round(m / n),
    meanDegree: round(meanDegree),
    hubs,
    centralisation: round(centralisation),
    coreSize: core.length,
    coreReach: m === 0 ? 0 : round(reached / m),
  };
}

/**
 * The stage, checked in this order: scattered clusters (no component holds half the persons);
 * core/periphery (a connected core of ≥ 5 persons who each know ≥ 3 others in it, with ≥ 80% of
 * the largest component in it or next to it, in a network ≥ 80% connected); single
 * hub-and-spoke (at most one hub, or centralisation ≥ 0.5); otherwise multi-hub small world.
 */
export function classifyStage(x: StageMeasures): NetworkStage {
  if (x.persons < 3 || x.connectedShare < STAGE_CONNECTED_SHARE) return 'scattered_clusters';
  if (
    x.coreSize >= CORE_MIN_SIZE &&
    x.coreReach >= CORE_REACH_SHARE &&
    x.connectedShare >= CORE_CONNECTED_SHARE
  ) {
    return 'core_periphery';
  }
  if (x.hubs <= 1 || x.centralisation >= HUB_CENTRALISATION) return 'hub_and_spoke';
  return 'multi_hub_small_world';
}

export function networkStage(pg: PersonGraph): StageResult {
  const measures = stageMeasures(pg);
  return { stage: classifyStage(measures), measures };
}
