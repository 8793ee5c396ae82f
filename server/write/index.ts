/**
 * The one write path (SPEC §10: "every write goes through one write path on the server"). A
 * write is a change set (changeSet.ts) built by a pure translate function from what a caller
 * asked — an import's rows, an edit's fields, a recorded introduction — and applied here:
 *
 * 1. its rows are validated with the domain's zod schemas (validate.ts) and its edits merged
 *    with the stored nodes and validated whole (patch.ts); nothing is written if any is bad
 *    (WriteRejected, with every problem);
 * 2. the writer's regions are checked against what it touches, before and after the change
 *    (access.ts; AccessDenied);
 * 3. everything is written in ONE transaction (batches.ts, plan.ts), with its audit entry and
 *    the graph-version bump; rows that would change nothing are not written;
 * 4. the caller's answer is built before the commit (so nothing can fail after it), and the
 *    result says what was created, updated, left unchanged and deleted, per label and type.
 *
 * A write runs as a managed transaction (the driver retries it on a deadlock); what it must
 * read first — an edit the stored node it merges with, an introduction the one a retry already
 * recorded — it reads inside that transaction (`request.read`, with locks), so it writes over
 * what it validated against. A bulk write (`opts.bulk`: an import) is validated before its
 * transaction opens, its nodes are written while its relationship rows are still being
 * checked, and its one explicit transaction is not retried.
 *
 * A bulk write too large for one transaction's memory is *staged* (server/write/staged.ts;
 * `opts.staged`, by default above STAGE_ABOVE_ROWS rows): every row is validated first, its new
 * nodes and the relationships between them are written in batches of their own transactions,
 * invisible to every reader, and its one transaction — opened first — makes them visible and
 * writes everything else (steps 2–4 as above). Failed or interrupted, it leaves the store as it
 * was: the batches are removed, at once or by the next clean-up.
 */
import type { Integer, Session, Transaction } from 'neo4j-driver';
import { NODE_LABELS, REL_TYPES } from '../../common/model';
import { recordAudit, type AuditAction } from '../auth/audit';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { log } from '../log';
import { assertMayRead, assertMayWrite, type RegionMap, type Touched, type Writer } from './access';
import { BatchWriter, DEFAULT_BATCH_SIZE, type WriteProgress, type WriteTx } from './batches';
import { changeSetSize, type ChangeCounts, type ChangeSet, type WriteResult } from './changeSet';
import { WriteNotFound, WriteRejected, type WriteProblem } from './errors';
import { preparePatch, type LockedNode, type PreparedPatch } from './patch';
import {
  planDeletes,
  planNodes,
  planRelationships,
  type NodeToDelete,
  type RelationshipToDelete,
} from './plan';
import { announceCommitted } from './events';
import { readNodeRegions } from './regions';
import {
  claimImport,
  dropStagedImport,
  newImportId,
  relabelStaged,
  removeAbandonedImports,
  StagedRunner,
  STAGE_ABOVE_ROWS,
} from './staged';
import {
  autoReader,
  internalId,
  lookupIds,
  validateNodes,
  validateRelationships,
  type DbNode,
  type NodeValidation,
  type Reader,
  type ValidationResult,
} from './validate';

export type { Writer } from './access';
export { DEFAULT_BATCH_SIZE, type WriteProgress } from './batches';
export type * from './changeSet';
export * from './errors';
export type { LockedNode } from './patch';
export type { Reader } from './validate';
export { removeAbandonedImports, STAGE_ABOVE_ROWS } from './staged';
export { onCommitted } from './events';

/** The audit entry of a write. */
export interface AuditRecord {
  action: AuditAction;
  /** The id the write was about (null for an import). */
  target: string | null;
  detail?: unknown;
}

/** Reading inside the write transaction, before its change set is built. */
export interface TxReads {
  read: Reader;
  /** Locks the nodes (a concurrent write of them waits for this one) and reads them. */
  lock(ids: readonly string[]): Promise<Map<string, LockedNode>>;
}

/** The steps of every write request; `S` is what it reads first (see WriteRequest). */
interface WriteSteps<S, R> {
  writer: Writer;
  /**
   * The change set, from what was read and the write's time (createdAt / updatedAt of what it
   * writes): a pure function (it may throw a domain error).
   */
  build: (state: S, now: string) => ChangeSet;
  /** The audit entry, from the result (written only when the write changed something). */
  audit: (result: WriteResult, state: S) => AuditRecord;
  /** The caller's answer, built before the commit. */
  respond: (result: WriteResult, state: S) => R;
  /**
   * The caller's own records (not the network: a survey respondent's stored answer), written
   * in the same transaction after the change set. With it the transaction commits, and is
   * audited, even when the change set itself changed nothing.
   */
  alsoWrite?: (read: Reader, result: WriteResult, state: S) => Promise<void>;
}

/** A write that reads (and locks) inside its transaction before its change set is built. */
export interface ReadingWrite<S, R> extends WriteSteps<S, R> {
  /** What to read inside the transaction before the change set is built (and lock); `now` as for build. */
  read: (tx: TxReads, now: string) => Promise<S>;
}

/** A write that reads nothing first (an import, a new node): its steps get no state. */
export interface PlainWrite<R> extends WriteSteps<undefined, R> {
  read?: undefined;
}

/**
 * A write request: one that reads first (`S` is what it read), or, with `S` undefined, one
 * that may also read nothing (so a request cannot leave out the read its steps depend on).
 */
export type WriteRequest<S, R> = [S] extends [undefined]
  ? PlainWrite<R> | ReadingWrite<S, R>
  : ReadingWrite<S, R>;

/** A request with its state read and its change set built: what the transaction runs. */
interface BoundWrite<R> {
  writer: Writer;
  changes: ChangeSet;
  audit: (result: WriteResult) => AuditRecord;
  respond: (result: WriteResult) => R;
  alsoWrite?: (read: Reader, result: WriteResult) => Promise<void>;
}

function bind<S, R>(request: WriteSteps<S, R>, state: S, now: string): BoundWrite<R> {
  const { alsoWrite } = request;
  return {
    writer: request.writer,
    changes: request.build(state, now),
    audit: (result) => request.audit(result, state),
    respond: (result) => request.respond(result, state),
    ...(alsoWrite ? { alsoWrite: (read, result) => alsoWrite(read, result, state) } : {}),
  };
}

/** What a write's transaction ends with: the answer, and whether (and at which version) to commit. */
interface Outcome<R> {
  value: R;
  commit: boolean;
  version: number;
}

/**
 * A bulk write's explicit transaction (not retried; the long timeout, NEO4J_LONG_TX_TIMEOUT:
 * an import may take minutes): committed and announced when `body` says so, else rolled
 * back; rolled back too when anything fails (the error is rethrown).
 */
async function explicitTransaction<R>(
  db: Database,
  session: Session,
  body: (tx: Transaction) => Promise<Outcome<R>>,
): Promise<{ value: R; committed: boolean }> {
  const tx = session.beginTransaction({ timeout: db.timeouts?.longTxMs });
  try {
    const { value, commit, version } = await body(tx);
    if (commit) {
      await tx.commit();
      announceCommitted(version);
    } else await tx.rollback();
    return { value, committed: commit };
  } catch (e) {
    if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    throw e;
  }
}

export interface WriteOptions {
  /** An import: validated before the transaction opens, nodes written while relationships are checked. */
  bulk?: boolean;
  /** Everything as for a real write, then rolled back: the counts are those it would report. */
  dryRun?: boolean;
  /** Rows per UNWIND batch (default 10,000). */
  batchSize?: number;
  onProgress?: (p: WriteProgress) => void;
  /**
   * A bulk write staged in batches of their own transactions (server/write/staged.ts), still
   * all or nothing; default: when it has more than STAGE_ABOVE_ROWS rows.
   */
  staged?: boolean;
}

/** A staged write's batches: its id, the runner of their transactions, the final switch. */
interface Staging {
  run: string;
  runner: StagedRunner;
  /** Makes the staged nodes visible, inside the write's transaction. */
  relabel: (onBatch: (nodes: number) => void) => Promise<number>;
}

function txReader(tx: WriteTx): Reader {
  return async (statement, params) => (await tx.run(statement, params)).records;
}

/** Locks and reads nodes in one statement, in id order (two writes lock in the same order). */
export async function lockNodes(
  read: Reader,
  ids: readonly string[],
): Promise<Map<string, LockedNode>> {
  const out = new Map<string, LockedNode>();
  if (ids.length === 0) return out;
  const sorted = [...new Set(ids)].sort();
  for (const r of await read(cypher('write-lock-nodes'), { ids: sorted })) {
    out.set(r.get('id') as string, {
      id: r.get('id') as string,
      labels: r.get('labels') as string[],
      props: r.get('props') as Record<string, unknown>,
      nodeId: internalId(r.get('nodeId') as number),
    });
  }
  return out;
}

/** A managed transaction's way out without committing: the answer travels in the error. */
class RollBack<R> extends Error {
  constructor(readonly value: R) {
    super('rolled back');
  }
}

interface Staged {
  changes: ChangeSet;
  nodes: NodeValidation;
  /** The relationship rows, if validated already; else validated while the nodes are written. */
  relationships: ValidationResult | null;
  /** Where the relationship validation looks ids up, when it runs during the write. */
  reader: Reader;
}

/** Applies a write request (see the file comment); resolves to its `respond`. */
export function applyChanges<S extends undefined = undefined, R = WriteResult>(
  db: Database,
  request: WriteRequest<S, R>,
  opts?: WriteOptions,
): Promise<R>;
export function applyChanges<S, R = WriteResult>(
  db: Database,
  request: ReadingWrite<S, R>,
  opts?: WriteOptions,
): Promise<R>;
export async function applyChanges<S, R>(
  db: Database,
  request: ReadingWrite<S, R> | PlainWrite<R>,
  opts: WriteOptions = {},
): Promise<R> {
  const session = db.driver.session({ database: db.database, defaultAccessMode: 'WRITE' });
  const now = new Date().toISOString();
  try {
    if (!opts.bulk) {
      let committedVersion: number | null = null;
      try {
        const value = await session.executeWrite(async (tx) => {
          const read = txReader(tx);
          const write = request.read
            ? bind(
                request,
                await request.read({ read, lock: (ids) => lockNodes(read, ids) }, now),
                now,
              )
            : bind(request, undefined, now);
          const staged = await stage(read, write.changes, true);
          const { value, commit, version } = await inTransaction(tx, write, staged, now, opts);
          if (!commit) throw new RollBack(value);
          committedVersion = version;
          return value;
        });
        if (committedVersion !== null) announceCommitted(committedVersion);
        return value;
      } catch (e) {
        if (e instanceof RollBack) return e.value as R;
        throw e;
      }
    }
    // Bulk: the rows are validated before the transaction opens.
    if (request.read) throw new Error('write: a bulk write reads nothing before it is built');
    const write = bind(request, undefined, now);
    const size = changeSetSize(write.changes);
    opts.onProgress?.({ phase: 'validate', done: 0, total: size });
    if (opts.staged ?? size > STAGE_ABOVE_ROWS)
      return await applyStaged(db, session, write, now, opts);
    // A writer limited to some regions has every row checked first (the access rules need
    // the relationships too); for the others the relationship rows are checked while the
    // nodes are written.
    const staged = await stage(autoReader(db), write.changes, write.writer.regionIds !== null);
    const { value } = await explicitTransaction(db, session, (tx) =>
      inTransaction(tx, write, staged, now, opts),
    );
    return value;
  } finally {
    await session.close();
  }
}

/** A staged bulk write (see the file comment and server/write/staged.ts). */
async function applyStaged<R>(
  db: Database,
  session: Session,
  write: BoundWrite<R>,
  now: string,
  opts: WriteOptions,
): Promise<R> {
  const { changes } = write;
  const edits =
    (changes.patches?.length ?? 0) +
    (changes.deleteNodes?.length ?? 0) +
    (changes.deleteRelationships?.length ?? 0);
  if (edits > 0) throw new Error('write: a staged write only creates and updates rows');
  // Every row is checked before anything is written.
  const staged = await stage(autoReader(db), changes, true);
  await removeAbandonedImports(db);
  const run = newImportId();
  const runner = new StagedRunner(db);
  let committed = false;
  try {
    // The final switch of a national import relabels ~490k nodes (27 s + a 21 s commit
    // measured): the long timeout of explicitTransaction, not the 60 s default.
    const done = await explicitTransaction(db, session, async (tx) => {
      await claimImport(tx, run, now);
      const staging: Staging = {
        run,
        runner,
        relabel: (onBatch) => relabelStaged(tx, run, onBatch),
      };
      return inTransaction(tx, write, staged, now, opts, staging);
    });
    committed = done.committed;
    return done.value;
  } finally {
    await runner.close();
    if (!committed) {
      opts.onProgress?.({ phase: 'clean-up', done: 0, total: 0 });
      await dropStagedImport(db, run).catch((e: unknown) =>
        log.warn(
          { run, err: (e as Error).message },
          'could not remove the batches of the import now; the next start removes them',
        ),
      );
    }
  }
}

/** Validates the rows: the nodes, and with `relationshipsToo` the relationships as well. */
async function stage(read: Reader, changes: ChangeSet, relationshipsToo: boolean): Promise<Staged> {
  const nodes = await validateNodes(read, changes, { markUnchanged: true });
  if (nodes.errors.length > 0) {
    // Nothing will be written: finish the checks for the full list of problems.
    const { errors } = await validateRelationships(read, nodes, changes);
    throw new WriteRejected(errors);
  }
  let relationships: ValidationResult | null = null;
  if (relationshipsToo) {
    relationships = await validateRelationships(read, nodes, changes, { markUnchanged: true });
    if (relationships.errors.length > 0) throw new WriteRejected(relationships.errors);
  }
  return { changes, nodes, relationships, reader: read };
}

function emptyCounts(): ChangeCounts {
  return { created: {}, updated: {}, unchanged: {}, deleted: {} };
}

/**
 * Patches and node deletions: their nodes locked and read (and, for a writer limited to some
 * regions, found readable before anything is judged by what they hold), each patch prepared.
 */
async function lockEdits(
  read: Reader,
  changes: ChangeSet,
  inInput: NodeValidation,
  writer: Writer,
): Promise<{ patches: PreparedPatch[]; deletions: NodeToDelete[]; regions: RegionMap }> {
  const patchIds = (changes.patches ?? []).map((p) => p.id);
  const deleteIds = changes.deleteNodes ?? [];
  const problems: WriteProblem[] = [];
  const seen = new Set<string>();
  for (const id of [...patchIds, ...deleteIds]) {
    if (inInput.nodeIds.has(id) || seen.has(id))
      problems.push({ field: 'id', message: `${id} is changed more than once by this write` });
    seen.add(id);
  }
  if (problems.length > 0) throw new WriteRejected(problems);
  const locked = await lockNodes(read, [...patchIds, ...deleteIds]);
  for (const id of seen) if (!locked.has(id)) throw new WriteNotFound(`No node with id ${id}`);
  let regions: RegionMap = new Map();
  if (writer.regionIds !== null && seen.size > 0) {
    regions = await readNodeRegions(read, seen);
    assertMayRead(writer, seen, regions);
  }
  const patches: PreparedPatch[] = [];
  for (const patch of changes.patches ?? []) {
    try {
      patches.push(preparePatch(patch, locked.get(patch.id)!));
    } catch (e) {
      if (!(e instanceof WriteRejected)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new WriteRejected(problems);
  const deletions = deleteIds.map((id) => {
    const node = locked.get(id)!;
    // Its kind (a Person may carry :KeyPerson and :Talent besides).
    const label = NODE_LABELS.find((l) => node.labels.includes(l));
    if (!label) throw new WriteRejected([{ field: 'id', message: `${id} is not deleted here` }]);
    return { id, nodeId: node.nodeId, label };
  });
  return { patches, deletions, regions };
}

/** Relationship deletions with their endpoints' internal ids (rows whose ends are gone drop out). */
async function relationshipDeletions(
  read: Reader,
  changes: ChangeSet,
  inDb: Map<string, DbNode>,
): Promise<RelationshipToDelete[]> {
  const keys = changes.deleteRelationships ?? [];
  const bad = keys.filter((k) => !REL_TYPES.includes(k.type));
  if (bad.length > 0)
    throw new WriteRejected(
      bad.map((k) => ({ field: 'type', message: `not a relationship type: ${String(k.type)}` })),
    );
  const missing = keys.flatMap((k) => [k.from, k.to]).filter((id) => !inDb.has(id));
  await lookupIds(read, [...new Set(missing)], inDb);
  const out: RelationshipToDelete[] = [];
  for (const k of keys) {
    const a = inDb.get(k.from);
    const b = inDb.get(k.to);
    if (a && b) out.push({ type: k.type, a: a.nodeId, b: b.nodeId, from: k.from, to: k.to });
  }
  return out;
}

/** What the write touches (for the access rules); rows found unchanged write nothing. */
function touchedBy(
  staged: Staged,
  relationships: ValidationResult,
  patches: readonly PreparedPatch[],
  deletions: readonly NodeToDelete[],
  relDeletions: readonly RelationshipToDelete[],
): Touched {
  const nodes: Touched['nodes'][number][] = [];
  for (const [label, rows] of Object.entries(staged.nodes.prepared.nodes))
    for (const r of rows ?? []) nodes.push({ id: r.id, kind: label, writes: !r.unchanged });
  for (const p of patches) nodes.push({ id: p.id, kind: p.label, writes: !p.unchanged });
  for (const d of deletions) nodes.push({ id: d.id, kind: d.label, writes: true });
  const rels: Touched['relationships'][number][] = [];
  for (const [type, rows] of Object.entries(relationships.prepared.relationships))
    for (const r of rows ?? []) rels.push({ type, from: r.from, to: r.to, writes: !r.unchanged });
  for (const d of relDeletions) rels.push({ ...d, writes: true });
  return { nodes, relationships: rels };
}

function touchedIds(t: Touched): Set<string> {
  const ids = new Set(t.nodes.map((n) => n.id));
  for (const r of t.relationships) ids.add(r.from).add(r.to);
  return ids;
}

/** The write inside its transaction: steps 1–4 of the file comment. */
async function inTransaction<R>(
  tx: WriteTx,
  request: BoundWrite<R>,
  staged: Staged,
  now: string,
  opts: WriteOptions,
  staging?: Staging,
): Promise<Outcome<R>> {
  const { changes, nodes } = staged;
  const writer = request.writer;
  const limited = writer.regionIds !== null;
  const read = txReader(tx);
  const total = changeSetSize(changes);

  const locked = await lockEdits(read, changes, nodes, writer);
  const { patches, deletions } = locked;
  const deleted = new Set(deletions.map((d) => d.id));
  const relDeletions = await relationshipDeletions(read, changes, nodes.inDb);

  let before: RegionMap = new Map();
  let touched: Touched | null = null;
  if (limited) {
    touched = touchedBy(staged, staged.relationships!, patches, deletions, relDeletions);
    before = await readNodeRegions(read, touchedIds(touched), locked.regions);
    assertMayWrite(writer, touched, before, null);
  }

  const counts = emptyCounts();
  const batches = new BatchWriter(
    tx,
    counts,
    now,
    !opts.bulk,
    Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE),
    total,
    opts.onProgress,
    staging?.runner,
  );
  const nodesWritten = batches.write(
    planNodes(nodes.prepared, patches, nodes.inDb, now, changes.serverFields, staging?.run),
  );
  nodesWritten.catch(() => undefined); // awaited below
  let relationships = staged.relationships;
  if (!relationships) {
    try {
      relationships = await validateRelationships(staged.reader, nodes, changes, {
        yieldNow: true,
        markUnchanged: true,
      });
    } catch (e) {
      await nodesWritten.catch(() => undefined);
      throw e;
    }
    if (relationships.errors.length > 0) {
      await nodesWritten.catch(() => undefined);
      throw new WriteRejected(relationships.errors);
    }
  }
  const endsDeleted = Object.values(relationships.prepared.relationships).flatMap((rows) =>
    (rows ?? []).flatMap((r) => [r.from, r.to]).filter((id) => deleted.has(id)),
  );
  if (endsDeleted.length > 0) {
    await nodesWritten.catch(() => undefined);
    throw new WriteRejected(
      [...new Set(endsDeleted)].map((id) => ({
        field: 'id',
        message: `${id} is deleted by this write and cannot be tied to`,
      })),
    );
  }
  opts.onProgress?.({ phase: 'validate', done: total, total });
  await nodesWritten;
  const dbNodeIdOf = (id: string): Integer => {
    const found = nodes.inDb.get(id);
    if (!found) throw new Error(`write: ${id} was not found in the database by validation`);
    return found.nodeId;
  };
  await batches.write(
    planRelationships(relationships.prepared, batches.nodeIds, dbNodeIdOf, staging !== undefined),
  );
  if (staging) {
    const created = batches.nodeIds.size;
    opts.onProgress?.({ phase: 'switch', done: 0, total: created });
    await staging.relabel((done) => opts.onProgress?.({ phase: 'switch', done, total: created }));
  }
  await batches.write(planDeletes(deletions, relDeletions));
  batches.finish();

  if (touched) {
    const after = [...touchedIds(touched)].filter((id) => !deleted.has(id));
    assertMayWrite(writer, touched, before, await readNodeRegions(read, after));
  }

  const wrote = [counts.created, counts.updated, counts.deleted].some((c) =>
    Object.values(c).some((n) => n > 0),
  );
  const result: WriteResult = {
    ...counts,
    wrote,
    dryRun: opts.dryRun ?? false,
    graphVersion: 0,
    patched: patches.map((p) => ({
      id: p.id,
      label: p.label,
      name: p.name,
      changed: p.changed,
      updatedAt: p.unchanged ? p.updatedAt : now,
    })),
    at: now,
    staged: staging !== undefined,
  };
  if (result.dryRun || !wrote) {
    const version = await read(cypher('graph-version'), {});
    result.graphVersion = Number(version[0]?.get('version') ?? 0);
    if (result.dryRun) opts.onProgress?.({ phase: 'rollback', done: total, total });
    if (result.dryRun || !request.alsoWrite)
      return { value: request.respond(result), commit: false, version: result.graphVersion };
  } else {
    const bumped = await tx.run(cypher('bump-graph-version'), { now });
    result.graphVersion = Number(bumped.records[0]?.get('version') ?? 0);
  }
  await request.alsoWrite?.(read, result);
  const audit = request.audit(result);
  await recordAudit(tx, writer.actor, audit.action, audit.target, audit.detail);
  const value = request.respond(result);
  opts.onProgress?.({ phase: 'commit', done: total, total });
  return { value, commit: true, version: result.graphVersion };
}
