/**
 * An import through the write path (server/write): its rows are the change set as they are
 * (nodes and relationships created, or updated with the fields given), applied all or nothing,
 * with the graph-version bump and one audit entry: in one transaction, the nodes written while
 * the relationship rows are still being checked (an error there rolls it back); or, above
 * STAGE_ABOVE_ROWS rows (or with `staged`), staged: every row checked first, the new nodes and
 * their relationships written in batches no reader sees, made visible by one final
 * transaction (server/write/staged.ts). A dry run runs exactly the same
 * statements and rolls the transaction back, so its counts are those a real import would report.
 */
import { cliActor, type Actor } from '../auth/audit';
import type { Database } from '../db/driver';
import {
  applyChanges,
  WriteRejected,
  type WriteProblem,
  type WriteProgress,
  type Writer,
} from '../write';
import { autoReader, validateRows } from '../write/validate';
import { sortImportErrors, type Dataset, type DatasetSources, type ImportError } from './dataset';
import { readPath, type ReadFileInfo, type ReadResult } from './read';

export { DEFAULT_BATCH_SIZE, STAGE_ABOVE_ROWS } from '../write';
export type ImportProgress = WriteProgress;

export interface ImportOptions {
  /** Compute the counts without writing: the transaction is run and rolled back. */
  dryRun?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Where the rows came from (from readPath), for error messages. */
  sources?: DatasetSources;
  /** Rows per UNWIND batch (default 10,000). */
  batchSize?: number;
  /** Staged in batches (true), in one transaction (false); default: staged above STAGE_ABOVE_ROWS rows. */
  staged?: boolean;
  /** Who imports, for the audit log (default: the command-line user of this machine). */
  actor?: Actor;
  /**
   * The regions the importer may write in (a coordinator's; default: every region, as for
   * the command line and an admin).
   */
  regionIds?: readonly string[] | null;
}

export interface ImportResult {
  /** Per label / relationship type. */
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  /** Non-empty means nothing was written. */
  errors: ImportError[];
  dryRun: boolean;
  /** The graph version after the import (real imports that wrote). */
  graphVersion?: number;
  /** Written in staged batches made visible by one final transaction (server/write/staged.ts). */
  staged?: boolean;
}

export interface PathImportResult extends ImportResult {
  files: ReadFileInfo[];
  skipped: string[];
}

function emptyResult(dryRun: boolean, errors: ImportError[] = []): ImportResult {
  return { created: {}, updated: {}, unchanged: {}, errors, dryRun };
}

/** A problem of the write path as the importer reports it: file, row, column, reason. */
export function importErrorOf(p: WriteProblem): ImportError {
  return {
    file: p.source?.file ?? '',
    ...(p.source?.sheet !== undefined ? { sheet: p.source.sheet } : {}),
    row: p.source?.row ?? 0,
    column: p.field,
    reason: p.message,
    ...(p.code !== undefined ? { code: p.code } : {}),
    ...(p.min !== undefined ? { min: p.min } : {}),
    ...(p.max !== undefined ? { max: p.max } : {}),
  };
}

/**
 * Validates and writes a dataset (see the file comment). If any row is invalid, nothing is
 * written and the result carries every error. Database failures are thrown, after rollback.
 */
export async function importDataset(
  db: Database,
  dataset: Dataset,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const dryRun = opts.dryRun ?? false;
  const writer: Writer = { actor: opts.actor ?? cliActor(), regionIds: opts.regionIds ?? null };
  try {
    return await applyChanges(
      db,
      {
        writer,
        build: () => ({ ...dataset, ...(opts.sources ? { sources: opts.sources } : {}) }),
        audit: (r) => ({
          action: 'import',
          target: null,
          detail: { created: r.created, updated: r.updated },
        }),
        respond: (r): ImportResult => ({
          created: r.created,
          updated: r.updated,
          unchanged: r.unchanged,
          errors: [],
          dryRun,
          staged: r.staged,
          ...(r.wrote && !dryRun ? { graphVersion: r.graphVersion } : {}),
        }),
      },
      {
        bulk: true,
        dryRun,
        onProgress: opts.onProgress,
        batchSize: opts.batchSize,
        staged: opts.staged,
      },
    );
  } catch (e) {
    if (e instanceof WriteRejected) return emptyResult(dryRun, e.problems.map(importErrorOf));
    throw e;
  }
}

/** Reads a directory or file (readPath), validates and imports it. */
export async function importPath(
  db: Database,
  p: string,
  opts: Omit<ImportOptions, 'sources'> = {},
): Promise<PathImportResult> {
  return importRead(db, readPath(p), opts);
}

/**
 * Validates and imports what was read (readPath, or readFiles for an upload): with file or
 * header problems nothing is written, and every row problem is still reported.
 */
export async function importRead(
  db: Database,
  read: ReadResult,
  opts: Omit<ImportOptions, 'sources'> = {},
): Promise<PathImportResult> {
  const extra = { files: read.files, skipped: read.skipped };
  if (read.errors.length > 0) {
    // File or header problems: write nothing, but still report every row problem.
    const { errors } = await validateRows(autoReader(db), {
      ...read.dataset,
      sources: read.sources,
    });
    const all = sortImportErrors([...read.errors, ...errors.map(importErrorOf)]);
    return { ...emptyResult(opts.dryRun ?? false, all), ...extra };
  }
  const result = await importDataset(db, read.dataset, { ...opts, sources: read.sources });
  return { ...result, ...extra };
}
