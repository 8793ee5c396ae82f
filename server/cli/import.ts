/**
 * `npm run import -- PATH [--dry-run] [--staged|--one-transaction]`: imports a directory of
 * CSV/.xlsx/JSON files or one file (docs/import-format.md), all or nothing: in one transaction,
 * or a large one staged in batches that no reader sees until its final transaction
 * (server/write/staged.ts). Every bad row is printed to stderr as
 * `file:row: column: reason` and nothing is written (exit 1); otherwise a table of what was
 * (or, with --dry-run, would be) created, updated and left unchanged goes to stdout (exit 0).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { openDatabase, type Database } from '../db/driver';
import { applySchema } from '../db/schema';
import { formatImportError } from '../import/dataset';
import { UploadRefused } from '../import/limits';
import {
  importPath,
  STAGE_ABOVE_ROWS,
  type ImportProgress,
  type ImportResult,
} from '../import/write';
import { removeAbandonedImports } from '../write';

const USAGE = `usage: npm run import -- PATH [--dry-run] [--batch-size N] [--staged | --one-transaction]

  PATH               a directory of CSV/.xlsx/JSON files (Person.csv, KNOWS.csv, …) or one file
                     (an .xlsx workbook has a sheet per label or type)
  --dry-run          validate and show what would change, write nothing
  --batch-size       rows per batch (default 10000)
  --staged           write in batches of their own transactions, invisible until one final
                     transaction makes them visible (the default above ${STAGE_ABOVE_ROWS.toLocaleString('en')} rows);
                     still all or nothing: an import that fails or is interrupted is removed
  --one-transaction  everything in one transaction (the default up to ${STAGE_ABOVE_ROWS.toLocaleString('en')} rows)

Format: docs/import-format.md. Connection: NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, or the local Neo4j.`;

function usage(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

interface Args {
  path: string;
  dryRun: boolean;
  batchSize?: number;
  staged?: boolean;
}

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        staged: { type: 'boolean', default: false },
        'one-transaction': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    usage((e as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length !== 1) usage('give exactly one PATH to import');
  const path = parsed.positionals[0]!;
  if (!existsSync(path)) usage(`${path}: no such file or directory`);
  let batchSize: number | undefined;
  const bs = parsed.values['batch-size'];
  if (bs !== undefined) {
    batchSize = Number(bs);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
      usage('--batch-size must be a whole number from 1 to 100000');
    }
  }
  if (parsed.values.staged && parsed.values['one-transaction'])
    usage('give --staged or --one-transaction, not both');
  const staged = parsed.values.staged ? true : parsed.values['one-transaction'] ? false : undefined;
  return { path, dryRun: parsed.values['dry-run'] ?? false, batchSize, staged };
}

function progressPrinter(): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  let last = 0;
  return (p) => {
    const now = Date.now();
    const final = p.done === p.total;
    if (!final && now - last < (tty ? 200 : 2000)) return;
    last = now;
    const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
    const line = `${p.phase}: ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} (${pct}%) ${((now - started) / 1000).toFixed(1)} s`;
    if (tty) process.stderr.write(`\r\x1b[K${line}`);
    else process.stderr.write(`${line}\n`);
  };
}

function rows(result: ImportResult): number {
  return [result.created, result.updated, result.unchanged]
    .flatMap((r) => Object.values(r))
    .reduce((a, b) => a + b, 0);
}

function formatTable(result: ImportResult): string {
  const names = [
    ...new Set([
      ...Object.keys(result.created),
      ...Object.keys(result.updated),
      ...Object.keys(result.unchanged),
    ]),
  ];
  const head = result.dryRun
    ? ['label / type', 'would create', 'would update', 'unchanged']
    : ['label / type', 'created', 'updated', 'unchanged'];
  const rows = names.map((n) => [
    n,
    String(result.created[n] ?? 0),
    String(result.updated[n] ?? 0),
    String(result.unchanged[n] ?? 0),
  ]);
  const sum = (r: Record<string, number>) => String(Object.values(r).reduce((a, b) => a + b, 0));
  rows.push(['total', sum(result.created), sum(result.updated), sum(result.unchanged)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  let db: Database | undefined;
  try {
    db = await openDatabase(loadConfig());
    await applySchema(db);
    const removed = await removeAbandonedImports(db);
    if (removed.length > 0)
      process.stderr.write(`removed what ${removed.length} interrupted import(s) had written\n`);
    const started = Date.now();
    const result = await importPath(db, args.path, {
      dryRun: args.dryRun,
      batchSize: args.batchSize,
      staged: args.staged,
      onProgress: progressPrinter(),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (result.errors.length > 0) {
      for (const e of result.errors) process.stderr.write(`${formatImportError(e)}\n`);
      process.stderr.write(
        `${result.errors.length} error${result.errors.length === 1 ? '' : 's'}: nothing was imported. Fix the rows above and run again.\n`,
      );
      return 1;
    }
    const seconds = (Date.now() - started) / 1000;
    for (const f of result.files) {
      const where = f.sheet !== undefined ? `${f.file} [${f.sheet}]` : f.file;
      process.stderr.write(`read ${where} (${f.encoding}, ${f.rows} rows)\n`);
    }
    for (const s of result.skipped) process.stderr.write(`skipped ${s}\n`);
    process.stdout.write(`${formatTable(result)}\n`);
    process.stdout.write(
      args.dryRun
        ? `dry run: nothing was written (${seconds.toFixed(1)} s)\n`
        : `imported${result.staged ? ' (staged in batches, made visible at once)' : ' in one transaction'} in ${seconds.toFixed(1)} s (${Math.round(rows(result) / seconds).toLocaleString('en')} rows/s)${result.graphVersion !== undefined ? `; graph version ${result.graphVersion}` : ''}\n`,
    );
    return 0;
  } catch (e) {
    const message = (e as Error).message;
    const what = e instanceof UploadRefused ? `${args.path} ${message}` : message;
    process.stderr.write(`import failed, nothing was written: ${what}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}

process.exitCode = await main();
