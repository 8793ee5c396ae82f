/**
 * Writing a validated dataset: one write transaction for the whole import (all or nothing),
 * nodes first, then relationships, in batches of `UNWIND $rows` per label / type; the graph
 * version is bumped in the same transaction. The nodes are written while the relationship rows
 * are still being checked; an error there rolls the transaction back, so nothing is written
 * either way. A dry run runs exactly the same statements and rolls the transaction back, so its
 * counts are those a real import would report.
 */
import type { Integer, Transaction } from 'neo4j-driver';
import {
  NODE_LABELS,
  PERSON_EXTRA_LABELS,
  REL_TYPES,
  SYMMETRIC_REL_TYPES,
  type NodeLabel,
  type RelType,
} from '../../common/model';
import { cliActor, recordAudit, type Actor } from '../auth/audit';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import type { Dataset, DatasetSources, ImportError } from './dataset';
import { readPath, type ReadFileInfo } from './read';
import {
  validateDataset,
  validateNodes,
  validateRelationships,
  internalId,
  type DbNode,
  type Prepared,
  type ValidationResult,
} from './validate';

export interface ImportProgress {
  /** 'validate', then the label or relationship type being written, then 'commit'/'rollback'. */
  phase: string;
  /** Rows written so far / rows to write, over the whole import (for 'validate': rows checked). */
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Compute the counts without writing: the transaction is run and rolled back. */
  dryRun?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Where the rows came from (from readPath), for error messages. */
  sources?: DatasetSources;
  /** Rows per UNWIND batch (default 10,000). */
  batchSize?: number;
  /** Who imports, for the audit log (default: the command-line user of this machine). */
  actor?: Actor;
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
}

export interface PathImportResult extends ImportResult {
  files: ReadFileInfo[];
  skipped: string[];
}

export const DEFAULT_BATCH_SIZE = 10_000;

function assertLabel(label: NodeLabel): void {
  if (!NODE_LABELS.includes(label)) throw new Error(`not a node label: ${String(label)}`);
}
function assertType(type: RelType): void {
  if (!REL_TYPES.includes(type)) throw new Error(`not a relationship type: ${String(type)}`);
}

/** The labels of a new node, from the allow-lists only: its label, `Entity`, the Person extras. */
function newNodeLabels(
  label: NodeLabel,
  extra: readonly (typeof PERSON_EXTRA_LABELS)[number][],
): string[] {
  assertLabel(label);
  for (const x of extra)
    if (!PERSON_EXTRA_LABELS.includes(x)) throw new Error(`not a Person label: ${x}`);
  return [label, 'Entity', ...extra];
}

function emptyResult(dryRun: boolean, errors: ImportError[] = []): ImportResult {
  return { created: {}, updated: {}, unchanged: {}, errors, dryRun };
}

function countRows(d: Dataset): number {
  let n = 0;
  for (const r of Object.values(d.nodes)) n += r?.length ?? 0;
  for (const r of Object.values(d.relationships)) n += r?.length ?? 0;
  return n;
}

interface Work {
  name: string;
  statement: string;
  /** Parameters besides `rows` and `now` (the labels or type of a create). */
  params?: Record<string, unknown>;
  /** The result column that must count every row of a batch (relationships: both endpoints found). */
  everyRow?: 'created' | 'total';
  rows: unknown[];
}

/**
 * A relationship's endpoint vanished between validation and writing (another user deleted the
 * node meanwhile): the import stops and is rolled back rather than silently skip the row.
 */
export class ImportConflictError extends Error {
  constructor(name: string, missing: number) {
    super(
      (NODE_LABELS as readonly string[]).includes(name)
        ? `${missing} ${name} node(s) of this import were deleted in the database while it ran; run the import again`
        : `${missing} ${name} relationship(s) lost an endpoint that was deleted in the database while this import ran; run the import again`,
    );
    this.name = 'ImportConflictError';
  }
}

/** The node batches, in order: per label, creates (grouped by extra labels), then updates. */
function planNodes(
  prepared: Prepared,
  inDb: ReadonlyMap<string, DbNode>,
  now: string,
  work: Work[],
  totals: Map<string, number>,
): void {
  for (const label of NODE_LABELS) {
    const rows = prepared.nodes[label];
    if (!rows?.length) continue;
    totals.set(label, rows.length);
    const groups = new Map<
      string,
      { extra: (typeof PERSON_EXTRA_LABELS)[number][]; rows: unknown[] }
    >();
    const updates: unknown[] = [];
    for (const r of rows) {
      if (r.unchanged) continue; // counted as unchanged by finish()
      const n = inDb.get(r.id)?.nodeId;
      if (n) {
        updates.push(
          label === 'Person'
            ? { n, id: r.id, set: r.set, kp: r.kp ?? null, tal: r.tal ?? null }
            : { n, id: r.id, set: r.set },
        );
        continue;
      }
      const extra: (typeof PERSON_EXTRA_LABELS)[number][] = [];
      if (r.kp) extra.push('KeyPerson');
      if (r.tal) extra.push('Talent');
      const key = extra.join(':');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { extra, rows: [] }));
      g.rows.push({ ...r.create, id: r.id, createdAt: now, updatedAt: now });
    }
    for (const g of groups.values())
      work.push({
        name: label,
        statement: cypher('import-create-nodes'),
        params: { labels: newNodeLabels(label, g.extra) },
        rows: g.rows,
      });
    if (updates.length) {
      work.push({
        name: label,
        statement: cypher(label === 'Person' ? 'import-update-persons' : 'import-update-nodes'),
        everyRow: 'total',
        rows: updates,
      });
    }
  }
}

/**
 * The relationship batches: first the upserts of every type (both endpoints in the database;
 * rows validation found unchanged are left out), then per type the creates between two new
 * nodes and those between a new node and one in the database. The upserts go first because
 * each looks at its endpoints' relationships, which include those this transaction has
 * created so far. Endpoints go by internal id: `createdId` has it for the nodes this import
 * created, `dbNodeIdOf` gives it for those in the database (whose id property the statements
 * check again).
 */
function planRels(
  prepared: Prepared,
  createdId: ReadonlyMap<string, Integer>,
  dbNodeIdOf: (id: string) => Integer,
  work: Work[],
  totals: Map<string, number>,
): void {
  const upserts: Work[] = [];
  const creates: Work[] = [];
  for (const type of REL_TYPES) {
    const rows = prepared.relationships[type];
    if (!rows?.length) continue;
    assertType(type);
    totals.set(type, rows.length);
    // Rows by what their endpoints are: both created by this import, one of them (neither
    // kind can exist yet: the input has no duplicates, so no need to look for it first), or
    // neither (upserted).
    const fresh: unknown[] = [];
    const halfNew: unknown[] = [];
    const other: unknown[] = [];
    for (const r of rows) {
      const newA = createdId.get(r.from);
      const newB = createdId.get(r.to);
      if (newA && newB) {
        fresh.push({ a: newA, b: newB, create: r.create });
        continue;
      }
      const ends = {
        a: newA ?? dbNodeIdOf(r.from),
        b: newB ?? dbNodeIdOf(r.to),
        from: r.from,
        to: r.to,
      };
      if (newA || newB) halfNew.push({ ...ends, create: r.create });
      else if (!r.unchanged) other.push({ ...ends, set: r.set, create: r.create });
    }
    const kinds: [Work[], unknown[], string, Work['everyRow']][] = [
      [
        upserts,
        other,
        SYMMETRIC_REL_TYPES.has(type) ? 'import-rels-symmetric' : 'import-rels',
        'total',
      ],
      [creates, fresh, 'import-create-rels', 'created'],
      [creates, halfNew, 'import-create-rels-half-new', 'created'],
    ];
    for (const [into, kindRows, statement, everyRow] of kinds) {
      if (kindRows.length === 0) continue;
      into.push({
        name: type,
        statement: cypher(statement),
        params: { type },
        everyRow,
        rows: kindRows,
      });
    }
  }
  work.push(...upserts, ...creates);
}

/**
 * Runs batches in one transaction, pipelined: the next batch is packed and sent while Neo4j
 * still runs the previous one (the driver queues statements of one transaction in order). At
 * most two batches are in flight. Counts go to `result`, progress to `onProgress`.
 */
class BatchWriter {
  done = 0;
  /** Internal ids of the nodes this transaction created, by id (import-create-nodes). */
  readonly nodeIds = new Map<string, Integer>();
  private readonly totals = new Map<string, number>();
  constructor(
    private readonly tx: Transaction,
    private readonly result: ImportResult,
    private readonly now: string,
    private readonly batchSize: number,
    private readonly total: number,
    private readonly onProgress?: (p: ImportProgress) => void,
  ) {}

  async write(plan: (work: Work[], totals: Map<string, number>) => void): Promise<void> {
    const work: Work[] = [];
    const totals = new Map<string, number>();
    plan(work, totals);
    for (const [name, n] of totals) {
      this.totals.set(name, n);
      this.result.created[name] = 0;
      this.result.updated[name] = 0;
    }
    const { result, onProgress, total } = this;
    if (work[0]) onProgress?.({ phase: work[0].name, done: this.done, total });
    let inFlight: Promise<void> | undefined;
    try {
      for (const w of work) {
        for (let i = 0; i < w.rows.length; i += this.batchSize) {
          const batch = w.rows.slice(i, i + this.batchSize);
          const handled = Promise.resolve(
            this.tx.run(w.statement, { ...w.params, rows: batch, now: this.now }),
          ).then((res) => {
            const rec = res.records[0];
            if (w.everyRow) {
              const n = Number(rec?.get(w.everyRow) ?? 0);
              if (n !== batch.length) throw new ImportConflictError(w.name, batch.length - n);
            }
            if (rec?.has('created')) result.created[w.name]! += Number(rec.get('created') ?? 0);
            if (rec?.has('updated')) result.updated[w.name]! += Number(rec.get('updated') ?? 0);
            if (rec?.has('nodeIds')) {
              const keys = rec.get('keys') as string[];
              const ids = rec.get('nodeIds') as number[];
              for (let k = 0; k < keys.length; k++) this.nodeIds.set(keys[k]!, internalId(ids[k]!));
            }
            this.done += batch.length;
            onProgress?.({ phase: w.name, done: this.done, total });
          });
          const previous = inFlight;
          inFlight = handled;
          handled.catch(() => undefined); // observed below or by the caller's rollback
          if (previous) await previous;
        }
      }
      await inFlight;
    } catch (e) {
      await inFlight?.catch(() => undefined);
      throw e;
    }
  }

  /** Unchanged = given − created − updated, per label / type written. */
  finish(): void {
    for (const [name, n] of this.totals) {
      this.result.unchanged[name] = n - this.result.created[name]! - this.result.updated[name]!;
    }
  }
}

/**
 * Validates and writes a dataset (see the file comment). If any row is invalid, nothing is
 * written and the result carries every error. Database failures are thrown, after rollback.
 *
 * The node rows are validated first; if they are all valid, the transaction starts and the
 * nodes are written while the relationship rows are validated (the writes stay invisible until
 * the commit). An error in a relationship row then rolls the transaction back: still nothing is
 * written, and every error of both stages is reported.
 */
export async function importDataset(
  db: Database,
  dataset: Dataset,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const dryRun = opts.dryRun ?? false;
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const totalRows = countRows(dataset);
  opts.onProgress?.({ phase: 'validate', done: 0, total: totalRows });
  const nodeStage = await validateNodes(db, dataset, opts.sources, { markUnchanged: true });
  if (nodeStage.errors.length > 0) {
    // Nothing will be written: finish the checks for the full list of errors.
    const { errors } = await validateRelationships(db, nodeStage, dataset, opts.sources);
    return emptyResult(dryRun, errors);
  }

  const result = emptyResult(dryRun);
  const now = new Date().toISOString();
  const session = db.driver.session({ database: db.database, defaultAccessMode: 'WRITE' });
  let tx: Transaction | undefined;
  try {
    tx = session.beginTransaction();
    const dbNodeIdOf = (id: string): Integer => {
      const found = nodeStage.inDb.get(id);
      if (!found) throw new Error(`import: ${id} was not found in the database by validation`);
      return found.nodeId;
    };
    const writer = new BatchWriter(tx, result, now, batchSize, totalRows, opts.onProgress);
    const nodesWritten = writer.write((work, totals) =>
      planNodes(nodeStage.prepared, nodeStage.inDb, now, work, totals),
    );
    nodesWritten.catch(() => undefined); // awaited below
    let checked: ValidationResult;
    try {
      checked = await validateRelationships(db, nodeStage, dataset, opts.sources, {
        yieldNow: true,
        markUnchanged: true,
      });
    } catch (e) {
      await nodesWritten.catch(() => undefined);
      throw e;
    }
    if (checked.errors.length > 0) {
      await nodesWritten.catch(() => undefined);
      await tx.rollback();
      tx = undefined;
      return emptyResult(dryRun, checked.errors);
    }
    opts.onProgress?.({ phase: 'validate', done: totalRows, total: totalRows });
    await nodesWritten;
    await writer.write((work, totals) =>
      planRels(checked.prepared, writer.nodeIds, dbNodeIdOf, work, totals),
    );
    writer.finish();
    if (dryRun) {
      opts.onProgress?.({ phase: 'rollback', done: totalRows, total: totalRows });
      await tx.rollback();
    } else {
      const wrote =
        Object.values(result.created).some((n) => n > 0) ||
        Object.values(result.updated).some((n) => n > 0);
      if (wrote) {
        const res = await tx.run(cypher('bump-graph-version'), { now });
        result.graphVersion = Number(res.records[0]?.get('version') ?? 0);
        await recordAudit(tx, opts.actor ?? cliActor(), 'import', null, {
          created: result.created,
          updated: result.updated,
        });
      }
      opts.onProgress?.({ phase: 'commit', done: totalRows, total: totalRows });
      await tx.commit();
    }
    tx = undefined;
    return result;
  } catch (e) {
    if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
    throw e;
  } finally {
    await session.close();
  }
}

/** Reads a directory or file (readPath), validates and imports it. */
export async function importPath(
  db: Database,
  p: string,
  opts: Omit<ImportOptions, 'sources'> = {},
): Promise<PathImportResult> {
  const read = readPath(p);
  const extra = { files: read.files, skipped: read.skipped };
  if (read.errors.length > 0) {
    // File or header problems: write nothing, but still report every row problem.
    const { errors } = await validateDataset(db, read.dataset, read.sources);
    const all = [...read.errors, ...errors].sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row,
    );
    return { ...emptyResult(opts.dryRun ?? false, all), ...extra };
  }
  const result = await importDataset(db, read.dataset, { ...opts, sources: read.sources });
  return { ...result, ...extra };
}
