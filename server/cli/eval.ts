/**
 * `npm run eval -- --scale pilot|prefecture --seed N [--seed M ...] [--wipe]`: generates a
 * network with planted gaps, loads it into Neo4j through the importer, projects it back, and
 * reports per-kind precision and recall of `networkGaps` against the planted truth, and gap
 * closure@10 of our introduction suggestions against the Adamic–Adar baseline (SPEC §6), in the
 * same run. Results are printed and written to docs/BENCHMARKS.md.
 *
 * It uses the benchmark database (its own local store, emptied first); against NEO4J_URI it
 * refuses to empty the database unless --wipe is given.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  adamicAdarSuggestions,
  GAP_KINDS,
  gapClosure,
  introductionSuggestions,
  keyPersonGroup,
  networkGaps,
} from '../analytics';
import { loadConfig } from '../config/env';
import { writeSection, table } from '../bench/report';
import { openDatabase, type Database } from '../db/driver';
import { applySchema } from '../db/schema';
import { emptyDatabase } from '../db/wipe';
import { scoreGaps, type KindScore } from '../eval/metrics';
import { importDataset } from '../import';
import { ALL_REGIONS, loadProjection } from '../projection';
import { generateNetwork } from '../../seeds/generator';

const Args = z.object({
  scale: z.enum(['pilot', 'prefecture']),
  seed: z.array(z.coerce.number().int().min(0)).min(1),
  'as-of': z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default('2026-10-01'),
  wipe: z.boolean().default(false),
});

interface SeedResult {
  seed: number;
  scores: KindScore[];
  ours: number;
  baseline: number;
  ms: number;
}

async function evaluateSeed(
  db: Database,
  scale: 'pilot' | 'prefecture',
  seed: number,
  asOf: string,
  wipe: boolean,
): Promise<SeedResult> {
  const t0 = performance.now();
  const { dataset, truth } = generateNetwork({ scale, seed, asOf });
  await emptyDatabase(db, { allowExternal: wipe, why: 'the evaluation (add --wipe if intended)' });
  const imported = await importDataset(db, dataset);
  if (imported.errors.length > 0)
    throw new Error(`generated data did not validate: ${imported.errors.length} errors`);
  const { graph } = await loadProjection(db, ALL_REGIONS);

  const keyPersons = keyPersonGroup(graph);
  const gaps = networkGaps(graph, { asOf: truth.asOf, keyPersons });
  const scores = scoreGaps(GAP_KINDS, truth.gaps, gaps);

  const ours = introductionSuggestions(graph, { gaps, keyPersons, asOf: truth.asOf, limit: 10 });
  const baseline = adamicAdarSuggestions(graph, 10);
  const closure = (pairs: Array<{ fromId: string; toId: string }>) =>
    gapClosure(graph, pairs, { asOf: truth.asOf, keyPersons }).closedShare;
  return {
    seed,
    scores,
    ours: closure(ours),
    baseline: closure(baseline),
    ms: performance.now() - t0,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'pilot' },
      seed: { type: 'string', multiple: true, default: ['11'] },
      'as-of': { type: 'string' },
      wipe: { type: 'boolean' },
    },
  });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(
      `Bad arguments:\n${parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    process.exit(2);
  }
  const args = parsed.data;
  const db = await openDatabase(loadConfig(), 'bench');
  try {
    await applySchema(db);
    const results: SeedResult[] = [];
    for (const seed of args.seed) {
      console.error(`evaluating scale=${args.scale} seed=${seed} …`);
      const r = await evaluateSeed(db, args.scale, seed, args['as-of'], args.wipe);
      results.push(r);
      console.log(`\nscale ${args.scale}, seed ${seed} (${(r.ms / 1000).toFixed(1)} s)`);
      console.log(
        table(
          ['gap kind', 'planted', 'detected', 'recall', 'precision'],
          r.scores.map((s) => [
            s.kind,
            s.planted,
            s.detected,
            s.recall.toFixed(3),
            s.precision.toFixed(3),
          ]),
        ),
      );
      const ratio =
        r.baseline > 0 ? (r.ours / r.baseline).toFixed(1) : '∞ (baseline closes nothing)';
      console.log(
        `gap closure@10: ours ${pct(r.ours)}, Adamic–Adar ${pct(r.baseline)}, ratio ${ratio}`,
      );
    }
    const rows = results.flatMap((r) =>
      r.scores.map((s) => [
        r.seed,
        s.kind,
        s.planted,
        s.detected,
        s.recall.toFixed(3),
        s.precision.toFixed(3),
      ]),
    );
    const closures = results.map((r) => [
      r.seed,
      pct(r.ours),
      pct(r.baseline),
      r.baseline > 0 ? (r.ours / r.baseline).toFixed(1) : '∞',
    ]);
    writeSection(
      `eval-${args.scale}`,
      `Quality: planted gaps and gap closure (${args.scale})`,
      `\`npm run eval -- --scale ${args.scale} ${args.seed.map((s) => `--seed ${s}`).join(' ')}\`; as-of ${args['as-of']}.\n\n` +
        `### Planted-gap recall and precision of networkGaps\n\n${table(['seed', 'kind', 'planted', 'detected', 'recall', 'precision'], rows)}\n\n` +
        `### Gap closure@10 (share of weighted gap severity removed by adding the top 10 as ties)\n\n${table(['seed', 'our suggestions', 'Adamic–Adar', 'ratio'], closures)}`,
    );
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(`Evaluation failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
