/**
 * Section `national` (SPEC §9 rows 2 and 5, §13; issue 16): the `national` network (seed 3,
 * ≈ 490k nodes, 2.6M relationships) written as CSV, then imported with `importPath` — staged,
 * all or nothing — into a **new, empty** local Neo4j with the default heap (its own DATA_DIR
 * under the bench's, removed afterwards); then the three analytics of all regions as the server
 * answers them on such a store — region by region (server/graphql/allRegions.ts), never the
 * whole projection — with time and peak heap, and the overview of regions (networkOverview,
 * counted in Neo4j). Not in the default section list's hot path of a quick run:
 * `npm run bench -- national` (several minutes). `--scale pilot|prefecture` runs the same steps
 * on a smaller network as a check, printing the figures without writing docs/BENCHMARKS.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/driver';
import { applySchema } from '../db/schema';
import { importDataset, importPath, type ImportProgress } from '../import';
import { AllRegionsAnalytics, type RegionTotals } from '../graphql/allRegions';
import { readRegionsOverview } from '../overview/read';
import { ProjectionCache } from '../projection';
import { writeDataset } from '../../seeds/csv';
import { countNodes, countRelationships, emptyDataset } from '../../seeds/dataset';
import { generateNetwork } from '../../seeds/generator';
import type { Scale } from '../../seeds/truth';
import { BENCH_AS_OF, fmtInt, fmtMs, loadNote, say, verdict, type BenchState } from './common';
import { table, writeSection } from './report';

export const NATIONAL_IMPORT_TARGET_PER_S = 50_000;
export const NATIONAL_ANALYTICS_TARGET_MS = 60_000;
const NATIONAL_SEED = 3;

const mib = (bytes: number) => `${fmtInt(Math.round(bytes / 2 ** 20))} MiB`;

/** The largest heap in use while `work` runs (sampled every 100 ms), and its result. */
async function peakHeap<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 100);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage().heapUsed) };
  } finally {
    clearInterval(timer);
  }
}

export interface NationalOptions {
  /** `national` (the figures of docs/BENCHMARKS.md); a smaller one only prints them. */
  scale?: Scale;
}

export async function nationalSection(
  _state: BenchState,
  opts: NationalOptions = {},
): Promise<void> {
  const scale = opts.scale ?? 'national';
  const work = mkdtempSync(path.join(tmpdir(), 'chiiki-bench-national-'));
  const base = loadConfig();
  const dataDir = path.join(base.dataDir, 'bench-national');
  rmSync(dataDir, { recursive: true, force: true });
  try {
    say(`national: generating the ${scale} network (seed ${NATIONAL_SEED}) …`);
    const g0 = performance.now();
    // The generated network is dropped once written, so the heap figures below are the
    // importer's and the analytics' own, not the generator's 490k rows held on the side.
    const written = (() => {
      const { dataset } = generateNetwork({
        scale,
        seed: NATIONAL_SEED,
        asOf: BENCH_AS_OF,
      });
      const persons = dataset.nodes.Person ?? [];
      // The person the write after the first pass changes: one of a synthetic region's.
      const changed = persons.find((p) => p.id.includes('syn-')) ?? persons[0];
      const dir = path.join(work, 'csv');
      writeDataset(dataset, dir);
      return {
        nodes: countNodes(dataset),
        rels: countRelationships(dataset),
        changed: changed ? { ...changed } : undefined,
        dir,
      };
    })();
    const { nodes, rels, changed, dir } = written;
    const genMs = performance.now() - g0;
    say(`  ${fmtInt(nodes)} nodes, ${fmtInt(rels)} relationships in ${fmtMs(genMs)}`);

    say('national: a new local Neo4j with the default heap …');
    const db = await openDatabase(loadConfig({ ...process.env, DATA_DIR: dataDir }), 'bench');
    try {
      await applySchema(db);
      const phases = new Map<string, number>();
      let last = '';
      let lastAt = performance.now();
      const onProgress = (p: ImportProgress) => {
        const now = performance.now();
        const phase =
          p.phase === 'validate' || p.phase === 'switch' || p.phase === 'commit'
            ? p.phase
            : 'staged batches';
        if (phase !== last) {
          if (last) phases.set(last, (phases.get(last) ?? 0) + now - lastAt);
          last = phase;
          lastAt = now;
          say(`  import: ${phase} (${fmtInt(p.done)}/${fmtInt(p.total)})`);
        }
      };
      const t0 = performance.now();
      const result = await importPath(db, dir, { onProgress });
      const importMs = performance.now() - t0;
      if (last) phases.set(last, (phases.get(last) ?? 0) + performance.now() - lastAt);
      if (result.errors.length > 0)
        throw new Error(`the national CSV did not import: ${JSON.stringify(result.errors[0])}`);
      const rows = nodes + rels;
      const rate = rows / (importMs / 1000);
      const importRss = process.resourceUsage().maxRSS * 1024;
      say(`  ${fmtMs(importMs)}, ${fmtInt(Math.round(rate))} rows/s, staged: ${result.staged}`);

      say('national: the three analytics of all regions, region by region …');
      // Threshold 0: composed whatever the scale (national is past ALL_REGIONS_WHOLE_MAX anyway).
      const all = new AllRegionsAnalytics(db, new ProjectionCache(db), 0);
      const heapBefore = process.memoryUsage().heapUsed;
      const { result: answer, peak: analyticsPeak } = await peakHeap(() =>
        all.answer({ asOf: BENCH_AS_OF }, BENCH_AS_OF),
      );
      const coldMs = answer.ms;
      // By its analysis alone: a region's wall time also holds its wait for the read, which for
      // the first region is the whole of its read (nothing before it to overlap with).
      const analysisMs = (r: RegionTotals) => r.keyPersonsMs + r.gapsMs + r.suggestionsMs;
      const slowest = [...answer.regions].sort((a, b) => analysisMs(b) - analysisMs(a))[0];
      const inGroup = answer.regions.reduce((n, r) => n + r.inKeyPersonGroup, 0);
      const scored = answer.regions.reduce((n, r) => n + r.persons, 0);
      say(`  ${answer.regions.length} regions in ${fmtMs(coldMs)}`);

      say("national: a write (one person's title, through the write path), then the pass again …");
      let afterWrite: { ms: number; reused: number } | null = null;
      if (changed) {
        const write = emptyDataset();
        write.nodes.Person = [{ ...changed, title: `${changed.title ?? ''}（兼務）` }];
        const w = await importDataset(db, write);
        if (w.errors.length > 0)
          throw new Error(`the write failed: ${JSON.stringify(w.errors[0])}`);
        const again = await all.answer({ asOf: BENCH_AS_OF }, BENCH_AS_OF);
        afterWrite = { ms: again.ms, reused: again.regions.filter((r) => r.reused).length };
        say(`  ${fmtMs(again.ms)}, ${afterWrite.reused} of ${again.regions.length} regions reused`);
      }

      say('national: the overview of regions (networkOverview) …');
      const overview = async () => {
        const o0 = performance.now();
        const o = await readRegionsOverview(db, {
          regionIds: null,
          asOf: BENCH_AS_OF,
          confirmedOnly: false,
        });
        return { o, ms: performance.now() - o0 };
      };
      const { result: first, peak: overviewPeak } = await peakHeap(overview);
      const again = await overview();
      const peakRss = process.resourceUsage().maxRSS * 1024;
      say(`  ${first.o.regions.length} regions, ${fmtMs(first.ms)} (again ${fmtMs(again.ms)})`);

      const body = `
\`npm run bench -- national\`: the \`${scale}\` network (seed ${NATIONAL_SEED}, as-of ${BENCH_AS_OF}): ${fmtInt(nodes)} nodes and ${fmtInt(rels)} relationships (${fmtInt(rows)} rows), generated and written as CSV in ${fmtMs(genMs)}, then \`importPath(db, dir)\` into a **new, empty** local Neo4j (its own store, default heap ${base.NEO4J_HEAP}), as \`npm run import\` does: every row validated first, the new nodes and their relationships written in staged batches no reader sees, one final transaction making them visible (docs/decisions.md, "Import at any size").

${table(
  ['measure', 'value', 'target', 'verdict'],
  [
    ['import, end to end (read, validate, stage, switch, commit)', fmtMs(importMs), '', ''],
    ...[...phases.entries()].map(([k, v]) => [`  of it: ${k}`, fmtMs(v), '', '']),
    [
      'import rate',
      `${fmtInt(Math.round(rate))} rows/s`,
      `≥ ${fmtInt(NATIONAL_IMPORT_TARGET_PER_S)} rows/s`,
      verdict(rate, NATIONAL_IMPORT_TARGET_PER_S, 'higher'),
    ],
    [
      'completed with the default heap, all or nothing',
      result.staged ? 'yes (staged)' : 'yes (one transaction)',
      'yes',
      'met',
    ],
    ['importer peak memory (RSS)', mib(importRss), '', ''],
    [
      'the three analytics of all regions, cold (every region read, analysed, combined)',
      fmtMs(coldMs),
      `≤ ${fmtMs(NATIONAL_ANALYTICS_TARGET_MS)}`,
      verdict(coldMs, NATIONAL_ANALYTICS_TARGET_MS, 'lower'),
    ],
    ...(
      [
        [
          "waiting for a region's projection (read while the previous one is analysed)",
          (t) => t.waitMs,
        ],
        ['keyPersonGroup (betweenness exact per region)', (t) => t.keyPersonsMs],
        ['networkGaps', (t) => t.gapsMs],
        ['introductionSuggestions', (t) => t.suggestionsMs],
      ] satisfies [string, (t: RegionTotals) => number][]
    ).map(([what, f]) => [
      `  of it: ${what}, summed over the regions`,
      fmtMs(answer.regions.reduce((n, t) => n + f(t), 0)),
      '',
      '',
    ]),
    [
      `  of it: the slowest region's analysis (${slowest?.name ?? '–'}, ${fmtInt(slowest?.nodes ?? 0)} nodes; its three analytics)`,
      fmtMs(slowest ? analysisMs(slowest) : 0),
      '',
      '',
    ],
    [
      `the same after a write (one person's title): only the regions whose projection changed are analysed again (${afterWrite?.reused ?? 0} of ${fmtInt(answer.regions.length)} reused)`,
      afterWrite ? fmtMs(afterWrite.ms) : 'n/a',
      `≤ ${fmtMs(NATIONAL_ANALYTICS_TARGET_MS)}`,
      afterWrite ? verdict(afterWrite.ms, NATIONAL_ANALYTICS_TARGET_MS, 'lower') : '',
    ],
    [
      'server heap: before / peak during the pass',
      `${mib(heapBefore)} / ${mib(analyticsPeak)}`,
      '',
      '',
    ],
    [
      'networkOverview (counted in Neo4j), first / again',
      `${fmtMs(first.ms)} / ${fmtMs(again.ms)}`,
      '',
      '',
    ],
    ['server heap: peak during networkOverview', mib(overviewPeak), '', ''],
    ['peak RSS of the process (import included)', mib(peakRss), '', ''],
  ],
)}

- Answers: ${fmtInt(answer.regions.length)} regions, ${fmtInt(scored)} persons scored in their regions (${fmtInt(inGroup)} in a キーパーソン群), ${fmtInt(answer.gaps.length)} gaps, ${fmtInt(answer.suggestions.length)} suggestions; each region's betweenness exact (docs/decisions.md, "National analytics: region by region"). The overview: ${fmtInt(first.o.regions.length)} regions, ${fmtInt(first.o.links.length)} linked pairs.
- ${loadNote()}.
`;
      if (scale !== 'national') {
        // A smaller network checks the steps; its figures are not the national ones.
        console.log(body);
        return;
      }
      writeSection(
        'national',
        'National network (SPEC §9: import ≥ 50,000 rows/s with the default heap; analytics ≤ 60 s)',
        body,
      );
    } finally {
      await db.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
