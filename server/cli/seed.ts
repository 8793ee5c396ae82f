/**
 * `npm run seed -- --scale pilot|prefecture|national --seed N [--as-of YYYY-MM-DD] [--out DIR]`
 *
 * Generates the synthetic network of seeds/ (SPEC §6). With --out, writes the CSV files and
 * truth.json there (docs/import-format.md) — the same options always give the same bytes, which
 * is why --as-of defaults to a fixed date rather than today. Without --out, loads the dataset
 * into Neo4j through the importer (one transaction, idempotent by id).
 * Counts go to stdout; progress and errors to stderr.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { countNodes, countRelationships, type Dataset } from '../../seeds/dataset';
import { writeDataset } from '../../seeds/csv';
import { parseIsoDate } from '../../seeds/dates';
import { generateNetwork } from '../../seeds/generator';
import { GAP_KINDS, type Truth } from '../../seeds/truth';
import { NODE_LABELS, REL_TYPES } from '../../common/model';

const USAGE = `usage: npm run seed -- --scale pilot|prefecture|national --seed N [--as-of YYYY-MM-DD] [--out DIR]

  --scale    pilot (the demo, ~1.5k nodes), prefecture (~50k nodes), national (~500k nodes)
  --seed     a whole number from 0 to 4294967295; the same seed gives the same network
  --as-of    the day the data describes (default 2026-10-01, so output is reproducible)
  --out      write CSV files and truth.json to DIR instead of loading into Neo4j`;

const Args = z.object({
  scale: z.enum(['pilot', 'prefecture', 'national'], {
    message: '--scale must be pilot, prefecture or national',
  }),
  seed: z.coerce
    .number({ message: '--seed must be a whole number' })
    .int('--seed must be a whole number')
    .min(0, '--seed must be from 0 to 4294967295')
    .max(0xffffffff, '--seed must be from 0 to 4294967295'),
  asOf: z.string().refine(isCalendarDate, '--as-of must be a date YYYY-MM-DD'),
  out: z.string().min(1, '--out needs a directory').optional(),
});
type Args = z.infer<typeof Args>;

function isCalendarDate(s: string): boolean {
  try {
    parseIsoDate(s);
    return true;
  } catch {
    return false;
  }
}

function usage(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]): Args {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        scale: { type: 'string' },
        seed: { type: 'string' },
        'as-of': { type: 'string', default: '2026-10-01' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.scale === undefined) usage('--scale is required');
  if (values.seed === undefined) usage('--seed is required');
  const parsed = Args.safeParse({
    scale: values.scale,
    seed: values.seed,
    asOf: values['as-of'],
    out: values.out,
  });
  if (!parsed.success) usage(parsed.error.issues.map((i) => i.message).join('\n'));
  return parsed.data;
}

function summary(dataset: Dataset, truth: Truth): string {
  const lines: string[] = [];
  const row = (name: string, n: number) =>
    lines.push(`  ${name.padEnd(24)}${String(n).padStart(10)}`);
  lines.push(`nodes: ${countNodes(dataset)}`);
  for (const l of NODE_LABELS) if (dataset.nodes[l].length > 0) row(l, dataset.nodes[l].length);
  lines.push(`relationships: ${countRelationships(dataset)}`);
  for (const t of REL_TYPES)
    if (dataset.relationships[t].length > 0) row(t, dataset.relationships[t].length);
  lines.push(`planted gaps: ${truth.gaps.length}`);
  for (const k of GAP_KINDS) row(k, truth.gaps.filter((g) => g.kind === k).length);
  return `${lines.join('\n')}\n`;
}

/** Loads into Neo4j. Imported lazily so that writing CSV needs no database code at all. */
async function load(dataset: Dataset): Promise<number> {
  const [
    { loadConfig },
    { openDatabase },
    { applySchema },
    { importDataset },
    { formatImportError },
  ] = await Promise.all([
    import('../config/env'),
    import('../db/driver'),
    import('../db/schema'),
    import('../import/write'),
    import('../import/dataset'),
  ]);
  const db = await openDatabase(loadConfig());
  try {
    await applySchema(db);
    let lastPct = -1;
    const result = await importDataset(db, dataset, {
      onProgress: (p) => {
        const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
        if (pct === lastPct) return;
        lastPct = pct;
        process.stderr.write(`${p.phase}: ${p.done}/${p.total} (${pct}%)\n`);
      },
    });
    if (result.errors.length > 0) {
      for (const e of result.errors.slice(0, 50)) process.stderr.write(`${formatImportError(e)}\n`);
      process.stderr.write(`${result.errors.length} invalid rows: nothing was imported\n`);
      return 1;
    }
    const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `imported: ${total(result.created)} created, ${total(result.updated)} updated, ${total(result.unchanged)} unchanged\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  process.stderr.write(
    `generating the ${args.scale} network (seed ${args.seed}, as of ${args.asOf})…\n`,
  );
  const { dataset, truth } = generateNetwork({
    scale: args.scale,
    seed: args.seed,
    asOf: args.asOf,
  });
  process.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write(summary(dataset, truth));
  try {
    if (args.out) {
      process.stderr.write(`writing CSV to ${args.out}…\n`);
      const files = writeDataset(dataset, args.out, truth);
      process.stderr.write(
        `wrote ${files.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return 0;
    }
    return await load(dataset);
  } catch (e) {
    process.stderr.write(`seed failed: ${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
