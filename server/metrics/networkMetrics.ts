/**
 * The network metrics of a scope at a date (SPEC §12; definitions in docs/metrics.md): a pure
 * function of the projection of that date (only the ties valid then), its key persons and gaps
 * (computed from the same projection), and the number of introductions made by then.
 */
import { METRIC_KEYS, stageLevel, type MetricKey, type NetworkStage } from '../../common/metrics';
import type { Ctx } from '../analytics/context';
import type { Gap } from '../analytics/gaps';
import type { KeyPersonScore } from '../analytics/keyPerson';
import { components } from './personGraph';
import { personGraph } from './personGraph';
import { networkStage, type StageMeasures } from './stage';

export interface MetricsInput {
  ctx: Ctx;
  keyPersons: readonly KeyPersonScore[];
  gaps: readonly Gap[];
  /** Introductions recorded as made on or before the date, in the scope. */
  introductionsMade: number;
}

export interface NetworkMetricsResult {
  /** Every metric of METRIC_KEYS; null where it is undefined (a share of nothing). */
  values: Record<MetricKey, number | null>;
  stage: NetworkStage;
  stageMeasures: StageMeasures;
}

const FUNCTIONS_PER_DEPT = 4;

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}

function countKind(gaps: readonly Gap[], kind: Gap['kind']): number {
  let n = 0;
  for (const g of gaps) if (g.kind === kind) n++;
  return n;
}

/** The tie graph T's components (persons, organisations, SMEs and their ties). */
function tieComponents(ctx: Ctx): number[][] {
  const { T } = ctx;
  const adj: number[][] = [];
  for (let v = 0; v < T.n; v++) adj.push(Array.from(T.nbr.subarray(T.off[v]!, T.off[v + 1]!)));
  return components(T.n, adj);
}

export function networkMetrics(input: MetricsInput): NetworkMetricsResult {
  const { ctx, keyPersons, gaps } = input;
  const g = ctx.g;
  let persons = 0;
  let organizations = 0;
  let smes = 0;
  g.forEachNode((_id, a) => {
    if (a.kind === 'Person') persons++;
    else if (a.kind === 'Organization') organizations++;
    else if (a.kind === 'SME') smes++;
  });
  const n = ctx.T.n;
  const ties = ctx.T.nbr.length / 2;
  const comps = tieComponents(ctx);
  let memberPairs = 0;
  const deptSmes = new Set<string>();
  for (const d of ctx.depts) {
    memberPairs += (d.team.length * (d.team.length - 1)) / 2;
    for (const s of d.smes) deptSmes.add(s);
  }
  const functionSlots = FUNCTIONS_PER_DEPT * ctx.depts.length;
  const stage = networkStage(personGraph(g));
  const values: Record<MetricKey, number | null> = {
    persons,
    organizations,
    smes,
    ties,
    density: n < 2 ? null : round(ties / ((n * (n - 1)) / 2)),
    components: comps.length,
    largestComponentShare: share(comps[0]?.length ?? 0, n),
    keyPersonGroupSize: keyPersons.filter((k) => k.inGroup).length,
    maxDependencySeverity: round(
      gaps.reduce((m, x) => (x.kind === 'KEY_PERSON_DEPENDENCY' ? Math.max(m, x.severity) : m), 0),
    ),
    coordinationGapShare: share(countKind(gaps, 'COORDINATION_GAP'), memberPairs),
    functionsCovered: share(functionSlots - countKind(gaps, 'FUNCTION_UNCOVERED'), functionSlots),
    smeSupportedShare: share(deptSmes.size - countKind(gaps, 'UNSUPPORTED_SME'), deptSmes.size),
    isolatedNewcomers: countKind(gaps, 'ISOLATED_NEWCOMER'),
    overdueFollowUps: countKind(gaps, 'FOLLOW_UP_OVERDUE'),
    introductionsMade: input.introductionsMade,
    stageLevel: stageLevel(stage.stage),
  };
  // every key is set (the type says so; this keeps METRIC_KEYS and the object in step)
  for (const k of METRIC_KEYS) if (!(k in values)) throw new Error(`metric ${k} not computed`);
  return { values, stage: stage.stage, stageMeasures: stage.measures };
}
