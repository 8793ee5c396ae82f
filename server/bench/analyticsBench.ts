/**
 * Section `analytics` (SPEC §9 rows 2–3): projection loads, keyPersonGroup + networkGaps +
 * introductionSuggestions on the biggest synthetic region (cold and warm) and on the whole
 * prefecture network, and the rank correlation of the sampled betweenness with the exact one.
 */
import {
  BETWEENNESS_PIVOTS,
  EXACT_BETWEENNESS_MAX_NODES,
  introductionSuggestionsCtx,
  keyPersonGroupCtx,
  networkGapsCtx,
  type NetworkGraph,
} from '../analytics';
import { buildContext } from '../analytics/context';
import { bfsBall, inducedTieGraph, samplingRows, type SamplingRow } from './samplingError';
import { tieBetweenness } from '../analytics/betweenness';
import { ALL_REGIONS, loadProjection, ProjectionCache } from '../projection';
import { table, writeSection } from './report';
import {
  BENCH_AS_OF,
  fmtInt,
  fmtMs,
  loadNote,
  median,
  say,
  verdict,
  type BenchState,
} from './common';

export const REGION_WARM_TARGET_MS = 300;
export const REGION_COLD_TARGET_MS = 1500;
export const WHOLE_TARGET_MS = 10_000;
export const SPEARMAN_TARGET = 0.9;
/** Pivot counts whose error is measured (the default among them). */
const SAMPLED_PIVOTS = [512, BETWEENNESS_PIVOTS, 2048];
/** Budget for the exact betweenness used as the reference (seconds). */
const EXACT_BUDGET_S = 180;
const WARM_RUNS = 7;
const WHOLE_WARM_RUNS = 3;

interface Breakdown {
  keyPersonMs: number;
  gapsMs: number;
  suggestionsMs: number;
  totalMs: number;
  /** CPU time (user + system) of the Node process during the run. */
  cpuMs: number;
  counts: { keyPersons: number; inGroup: number; gaps: number; suggestions: number };
}

/**
 * The three analytics as the GraphQL resolvers chain them: one analytics context built from the
 * projection and shared (server/graphql/resolvers.ts), key persons feeding gaps and
 * suggestions. The context build is timed with keyPersonGroup.
 */
export function runAnalytics(g: NetworkGraph): Breakdown {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const ctx = buildContext(g);
  const keyPersons = keyPersonGroupCtx(ctx);
  const t1 = performance.now();
  const gaps = networkGapsCtx(ctx, { asOf: BENCH_AS_OF, keyPersons });
  const t2 = performance.now();
  const suggestions = introductionSuggestionsCtx(ctx, {
    gaps,
    keyPersons,
    asOf: BENCH_AS_OF,
    limit: 10,
  });
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    keyPersonMs: t1 - t0,
    gapsMs: t2 - t1,
    suggestionsMs: t3 - t2,
    totalMs: t3 - t0,
    counts: {
      keyPersons: keyPersons.length,
      inGroup: keyPersons.filter((k) => k.inGroup).length,
      gaps: gaps.length,
      suggestions: suggestions.length,
    },
  };
}

export async function analyticsSection(state: BenchState): Promise<void> {
  await state.ensureImported();
  const db = await state.db();

  // ---- projection loads
  say('projection loads of the synthetic regions …');
  const loads = await state.syntheticRegionLoads();
  const big = await state.biggestSyntheticRegion();
  say(
    `biggest synthetic region: ${big.regionId} (${fmtInt(big.nodes)} nodes, ${fmtInt(big.edges)} edges), loaded in ${fmtMs(big.loadMs)}`,
  );
  const scope = { regionId: big.regionId };

  // ---- the 5k-node region: cold (projection load + first analytics run in this process)
  say('region: cold run (projection load + analytics) …');
  const c0 = performance.now();
  const regionProj = await loadProjection(db, scope);
  const regionLoadMs = performance.now() - c0;
  const regionCold = runAnalytics(regionProj.graph);
  const regionColdMs = performance.now() - c0;
  say(
    `  cold ${fmtMs(regionColdMs)} (load ${fmtMs(regionLoadMs)}, analytics ${fmtMs(regionCold.totalMs)})`,
  );

  // ---- warm: the cached projection (ProjectionCache: a version check, then the cached graph)
  say(`region: ${WARM_RUNS} warm runs on the cached projection …`);
  const cache = new ProjectionCache(db);
  await cache.get(scope);
  const warm: Array<{ getMs: number; b: Breakdown; totalMs: number }> = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t0 = performance.now();
    const view = await cache.get(scope);
    const getMs = performance.now() - t0;
    const b = runAnalytics(view.graph);
    warm.push({ getMs, b, totalMs: performance.now() - t0 });
  }
  const warmMed = median(warm.map((w) => w.totalMs));
  say(`  warm median ${fmtMs(warmMed)}`);

  // ---- the whole prefecture network
  say('whole network: projection load (all regions) + analytics, cold …');
  const w0 = performance.now();
  const all = await loadProjection(db, ALL_REGIONS);
  const allLoadMs = performance.now() - w0;
  const wholeCold = runAnalytics(all.graph);
  const wholeColdMs = performance.now() - w0;
  say(
    `  cold ${fmtMs(wholeColdMs)} (load ${fmtMs(allLoadMs)}, analytics ${fmtMs(wholeCold.totalMs)})`,
  );
  const wholeWarm: Breakdown[] = [];
  for (let i = 0; i < WHOLE_WARM_RUNS; i++) {
    say(`  warm run ${i + 1}/${WHOLE_WARM_RUNS} …`);
    wholeWarm.push(runAnalytics(all.graph));
  }
  const wholeWarmMed = median(wholeWarm.map((b) => b.totalMs));
  const ctxT0 = performance.now();
  const ctx = buildContext(all.graph);
  const ctxMs = performance.now() - ctxT0;

  // ---- the error of sampled betweenness, against exact
  const T = ctx.T;
  const regionCtx = buildContext(regionProj.graph);
  say(`region: sampled (${SAMPLED_PIVOTS.join(', ')} pivots) against exact betweenness …`);
  const regionRows = samplingRows(`region ${big.name}`, regionCtx.T, regionCtx, SAMPLED_PIVOTS);
  const sampledT0 = performance.now();
  tieBetweenness(T);
  const sampledMs = performance.now() - sampledT0;
  const pivots = Math.min(T.n, BETWEENNESS_PIVOTS);
  const estimateS = ((sampledMs / pivots) * T.n) / 1000;
  say(
    `whole tie graph: ${fmtInt(T.n)} nodes; sampled betweenness (${pivots} pivots) ${fmtMs(sampledMs)}; exact estimated at ${estimateS.toFixed(0)} s`,
  );
  let wholeRows: SamplingRow[];
  let wholeNote: string;
  if (estimateS <= EXACT_BUDGET_S) {
    say(`whole network: exact betweenness (≈ ${estimateS.toFixed(0)} s) and samples …`);
    wholeRows = samplingRows('whole prefecture network', T, ctx, SAMPLED_PIVOTS);
    wholeNote = `Exact betweenness on the whole tie graph was estimated at ${estimateS.toFixed(0)} s from the sampled run (≤ ${EXACT_BUDGET_S} s budget), so it was computed on the whole graph.`;
  } else {
    // Brandes is O(n·m): a BFS ball of size s has about s·m/n edges, so cost ∝ s².
    const size = Math.max(
      EXACT_BETWEENNESS_MAX_NODES + 1,
      Math.floor(T.n * Math.sqrt(EXACT_BUDGET_S / estimateS)),
    );
    const sub = inducedTieGraph(T, bfsBall(T, size));
    say(
      `whole network: exact would take ≈ ${estimateS.toFixed(0)} s; a piece of ${fmtInt(sub.n)} nodes …`,
    );
    wholeRows = samplingRows(
      `BFS ball of ${fmtInt(sub.n)} nodes of the whole tie graph`,
      sub,
      null,
      SAMPLED_PIVOTS,
    );
    wholeNote = `Exact betweenness on the whole tie graph (${fmtInt(T.n)} nodes) was estimated at ${estimateS.toFixed(0)} s from the sampled run, over the ${EXACT_BUDGET_S} s budget, so the comparison uses the largest connected piece (BFS from the highest-degree node) that fits it; the group agreement needs the whole graph and is not measured.`;
  }
  for (const c of [...regionRows, ...wholeRows])
    say(
      `  ${c.graph}, ${c.pivots} pivots: ρ persons ${c.rhoPersons.toFixed(4)}, exact ${fmtMs(c.exactMs)}`,
    );
  const wholeDefault = wholeRows.find((r) => r.pivots === BETWEENNESS_PIVOTS) ?? wholeRows[0]!;
  const regionDefault = regionRows.find((r) => r.pivots === BETWEENNESS_PIVOTS) ?? regionRows[0]!;

  const bRow = (label: string, b: Breakdown, total: number, extra: string) => [
    label,
    extra,
    fmtMs(b.keyPersonMs),
    fmtMs(b.gapsMs),
    fmtMs(b.suggestionsMs),
    fmtMs(total),
    fmtMs(b.cpuMs),
  ];
  // With an odd number of runs the median is one of them: its breakdown is shown.
  const warmMid = [...warm].sort((a, b) => a.totalMs - b.totalMs)[warm.length >> 1]!;
  const wholeMid = [...wholeWarm].sort((a, b) => a.totalMs - b.totalMs)[wholeWarm.length >> 1]!;
  const rc0 = performance.now();
  buildContext(regionProj.graph);
  const regionCtxMs = performance.now() - rc0;
  const missedWhy = (ms: number, b: Breakdown, ctxBuildMs: number) => {
    const parts: Array<[string, number]> = [
      ['keyPersonGroup', b.keyPersonMs],
      ['networkGaps', b.gapsMs],
      ['introductionSuggestions', b.suggestionsMs],
    ];
    const [name, t] = parts.reduce((a, c) => (c[1] > a[1] ? c : a));
    return ` The largest part is ${name} (${fmtMs(t)} of ${fmtMs(ms)}, including the shared analytics context: buildContext ${fmtMs(ctxBuildMs)} on this graph, warm).`;
  };

  const body = `
\`npm run bench -- analytics\`: on the imported \`prefecture\` network (seed 1). Analytics as the GraphQL resolvers chain them: one shared analytics context (\`buildContext(g)\`), then \`keyPersonGroup\`, \`networkGaps({keyPersons})\`, \`introductionSuggestions({gaps, keyPersons, limit: 10})\` on it, as-of ${BENCH_AS_OF}; default options (betweenness exact up to ${fmtInt(EXACT_BETWEENNESS_MAX_NODES)} tie-graph nodes, ${BETWEENNESS_PIVOTS} sampled pivots above).

### Projection loads (loadProjection, one Cypher read each)

${table(
  ['scope', 'nodes', 'edges', 'load'],
  [
    ...loads.map((l) => [
      `${l.name} (${l.regionId})${l.regionId === big.regionId ? ' — the biggest' : ''}`,
      fmtInt(l.nodes),
      fmtInt(l.edges),
      fmtMs(l.loadMs),
    ]),
    [
      `biggest region again (cold run below)`,
      fmtInt(regionProj.graph.order),
      fmtInt(regionProj.graph.size),
      fmtMs(regionLoadMs),
    ],
    [
      'all regions (whole network)',
      fmtInt(all.graph.order),
      fmtInt(all.graph.size),
      fmtMs(allLoadMs),
    ],
  ],
)}

The first load of each region is the first read of its data since the import (Neo4j page cache warm from the import, query plans cold for the first one).

### keyPersonGroup + networkGaps + introductionSuggestions

${table(
  [
    'run',
    'what is timed',
    'keyPersonGroup',
    'networkGaps',
    'introductionSuggestions',
    'total (wall)',
    'CPU time of the analytics',
  ],
  [
    bRow(
      `region ${big.name}, cold`,
      regionCold,
      regionColdMs,
      `projection load ${fmtMs(regionLoadMs)} + first analytics run in the process`,
    ),
    bRow(
      `region ${big.name}, warm (median of ${WARM_RUNS})`,
      warmMid.b,
      warmMed,
      `ProjectionCache.get (version check, ${fmtMs(median(warm.map((w) => w.getMs)))}) + analytics; runs ${warm.map((w) => Math.round(w.totalMs)).join(', ')} ms`,
    ),
    bRow(
      'whole network, cold',
      wholeCold,
      wholeColdMs,
      `projection load ${fmtMs(allLoadMs)} + analytics`,
    ),
    bRow(
      `whole network, warm (median of ${WHOLE_WARM_RUNS})`,
      wholeMid,
      wholeWarmMed,
      `analytics only; runs ${wholeWarm.map((b) => Math.round(b.totalMs)).join(', ')} ms`,
    ),
  ],
)}

The last column is the CPU time the Node process used during the analytics part (user + system, including GC threads): on a busy machine the wall time exceeds it by the time the process waited for a core.

Results: region ${fmtInt(regionCold.counts.keyPersons)} persons scored, ${regionCold.counts.inGroup} in the キーパーソン群, ${regionCold.counts.gaps} gaps, ${regionCold.counts.suggestions} suggestions; whole network ${fmtInt(wholeCold.counts.keyPersons)} persons, ${wholeCold.counts.inGroup} in the group, ${fmtInt(wholeCold.counts.gaps)} gaps, ${wholeCold.counts.suggestions} suggestions. The tie graph of the region has ${fmtInt(regionCtx.T.n)} nodes (${regionCtx.T.n <= EXACT_BETWEENNESS_MAX_NODES ? 'so its betweenness is exact' : `above ${fmtInt(EXACT_BETWEENNESS_MAX_NODES)}, so its betweenness is sampled`}); the whole network's ${fmtInt(T.n)} (sampled, ${BETWEENNESS_PIVOTS} pivots).

- 5k-node region warm, target ≤ ${REGION_WARM_TARGET_MS} ms: ${fmtMs(warmMed)} — ${verdict(warmMed, REGION_WARM_TARGET_MS, 'lower')}.${warmMed > REGION_WARM_TARGET_MS ? missedWhy(warmMed, warmMid.b, regionCtxMs) : ''}
- 5k-node region cold, target ≤ ${fmtMs(REGION_COLD_TARGET_MS)}: ${fmtMs(regionColdMs)} — ${verdict(regionColdMs, REGION_COLD_TARGET_MS, 'lower')}.${regionColdMs > REGION_COLD_TARGET_MS ? missedWhy(regionColdMs, regionCold, regionCtxMs) : ''}
- Whole prefecture network, target ≤ ${fmtMs(WHOLE_TARGET_MS)}: cold (with projection load) ${fmtMs(wholeColdMs)} — ${verdict(wholeColdMs, WHOLE_TARGET_MS, 'lower')}; warm ${fmtMs(wholeWarmMed)} — ${verdict(wholeWarmMed, WHOLE_TARGET_MS, 'lower')}.${wholeColdMs > WHOLE_TARGET_MS ? missedWhy(wholeColdMs, wholeCold, ctxMs) : ''}

### The error of sampled betweenness (above ${fmtInt(EXACT_BETWEENNESS_MAX_NODES)} nodes)

Seeded pivot estimates (Brandes & Pich; ${BETWEENNESS_PIVOTS} pivots is the default) against exact Brandes on the same tie graph: Spearman ρ over all tie-graph nodes and over persons (what the キーパーソン群 ranks); how many of the 100 persons ranked highest by the sample are among exact's 100; and the キーパーソン群 computed from the sampled and from the exact betweenness (everything else the same): their sizes, the persons in both, and the Jaccard index. ${wholeNote} The region rows show what sampling would cost where the default is exact.

${table(
  [
    'graph',
    'nodes',
    'edges',
    'pivots',
    'sampled',
    'exact',
    'ρ (all nodes)',
    'ρ (persons)',
    'top-100 persons',
    'group: sampled / exact / both',
    'group Jaccard',
  ],
  [...regionRows, ...wholeRows].map((c) => [
    c.graph,
    fmtInt(c.n),
    fmtInt(c.m),
    fmtInt(c.pivots),
    fmtMs(c.sampledMs),
    fmtMs(c.exactMs),
    c.rhoAll.toFixed(4),
    c.rhoPersons.toFixed(4),
    `${c.top100}/100`,
    c.group ? `${c.group.sampled} / ${c.group.exact} / ${c.group.common}` : 'n/a',
    c.group ? c.group.jaccard.toFixed(3) : 'n/a',
  ]),
)}

- The error bound of the default (${BETWEENNESS_PIVOTS} pivots) on the largest graph exact fits in the budget (${wholeDefault.graph}, ${fmtInt(wholeDefault.n)} nodes): ρ ${wholeDefault.rhoAll.toFixed(4)} over all nodes, ${wholeDefault.rhoPersons.toFixed(4)} over persons — target ρ ≥ ${SPEARMAN_TARGET}: ${verdict(wholeDefault.rhoPersons, SPEARMAN_TARGET, 'higher')}; top-100 persons ${wholeDefault.top100}/100${wholeDefault.group ? `; the sampled キーパーソン群 agrees with the exact one on ${wholeDefault.group.common} of ${wholeDefault.group.exact} (Jaccard ${wholeDefault.group.jaccard.toFixed(3)})` : ''}.
- On the region, where the default is exact (${fmtMs(regionDefault.exactMs)} here), the same sample would give ρ ${regionDefault.rhoPersons.toFixed(4)} over persons${regionDefault.group ? ` and a group of ${regionDefault.group.sampled} instead of ${regionDefault.group.exact} (${regionDefault.group.exact - regionDefault.group.common} of the exact group missing)` : ''}.
- ${loadNote()}.
`;
  writeSection(
    'analytics',
    'Analytics (SPEC §9: 5k-node region ≤ 300 ms warm / ≤ 1.5 s cold with exact betweenness; prefecture ≤ 10 s; §13: the error of sampled betweenness)',
    body,
  );
}
