/**
 * Section `national` (SPEC §9 rows 2 and 5, §13; issue 16): the `national` network (seed 3,
 * ≈ 490k nodes, 2.6M relationships) written as CSV, then imported with `importPath` — staged,
 * all or nothing — into a **new, empty** local Neo4j with the default heap (its own DATA_DIR
 * under the bench's, removed afterwards), and the three analytics on the whole national
 * projection, with time and peak memory. Not in the default section list's hot path of a
 * quick run: `npm run bench -- national` (several minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { openDatabase } from '../db/driver';
import { applySchema } from '../db/schema';
import { importPath, type ImportProgress } from '../import';
import { ALL_REGIONS, loadProjection } from '../projection';
import { writeDataset } from '../../seeds/csv';
import { countNodes, countRelationships } from '../../seeds/dataset';
import { generateNetwork } from '../../seeds/generator';
import { runAnalytics } from './analyticsBench';
import { BENCH_AS_OF, fmtInt, fmtMs, loadNote, say, verdict, type BenchState } from './common';
import { table, writeSection } from './report';

export const NATIONAL_IMPORT_TARGET_PER_S = 50_000;
export const NATIONAL_ANALYTICS_TARGET_MS = 60_000;
const NATIONAL_SEED = 3;

const mib = (bytes: number) => `${fmtInt(Math.round(bytes / 2 ** 20))} MiB`;

export async function nationalSection(_state: BenchState): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'chiiki-bench-national-'));
  const base = loadConfig();
  const dataDir = path.join(base.dataDir, 'bench-national');
  rmSync(dataDir, { recursive: true, force: true });
  try {
    say(`national: generating the network (seed ${NATIONAL_SEED}) …`);
    const g0 = performance.now();
    const { dataset } = generateNetwork({
      scale: 'national',
      seed: NATIONAL_SEED,
      asOf: BENCH_AS_OF,
    });
    const nodes = countNodes(dataset);
    const rels = countRelationships(dataset);
    const dir = path.join(work, 'csv');
    writeDataset(dataset, dir);
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

      say('national: the whole projection and the three analytics …');
      const p0 = performance.now();
      const projection = await loadProjection(db, ALL_REGIONS);
      const loadMs = performance.now() - p0;
      const heapAfterLoad = process.memoryUsage().heapUsed;
      const b = runAnalytics(projection.graph);
      const peakRss = process.resourceUsage().maxRSS * 1024;
      const coldMs = loadMs + b.totalMs;
      say(`  load ${fmtMs(loadMs)}, analytics ${fmtMs(b.totalMs)}`);

      const body = `
\`npm run bench -- national\`: the \`national\` network (seed ${NATIONAL_SEED}, as-of ${BENCH_AS_OF}): ${fmtInt(nodes)} nodes and ${fmtInt(rels)} relationships (${fmtInt(rows)} rows), generated and written as CSV in ${fmtMs(genMs)}, then \`importPath(db, dir)\` into a **new, empty** local Neo4j (its own store, default heap ${base.NEO4J_HEAP}), as \`npm run import\` does: every row validated first, the new nodes and their relationships written in staged batches no reader sees, one final transaction making them visible (docs/decisions.md, "Import at any size").

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
    ['projection of all regions: load', fmtMs(loadMs), '', ''],
    ['keyPersonGroup (incl. the analytics context)', fmtMs(b.keyPersonMs), '', ''],
    ['networkGaps', fmtMs(b.gapsMs), '', ''],
    ['introductionSuggestions', fmtMs(b.suggestionsMs), '', ''],
    [
      'the three analytics, cold (load + analytics)',
      fmtMs(coldMs),
      `≤ ${fmtMs(NATIONAL_ANALYTICS_TARGET_MS)}`,
      verdict(coldMs, NATIONAL_ANALYTICS_TARGET_MS, 'lower'),
    ],
    [
      'server heap after the projection load / peak RSS of the process',
      `${mib(heapAfterLoad)} / ${mib(peakRss)}`,
      '',
      '',
    ],
  ],
)}

- Answers: ${fmtInt(b.counts.keyPersons)} persons scored (${fmtInt(b.counts.inGroup)} in the キーパーソン群), ${fmtInt(b.counts.gaps)} gaps, ${fmtInt(b.counts.suggestions)} suggestions; betweenness sampled above the exact limit (docs/analytics.md).
- ${loadNote()}.
`;
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
