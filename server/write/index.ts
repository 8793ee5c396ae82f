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
 *    the graph-version bump (conclude.ts); rows that would change nothing are not written;
 * 4. the caller's answer is built before the commit (so nothing can fail after it), and the
 *    result says what was created, updated, left unchanged and deleted, per label and type.
 *
 * This module is the entry (applyChanges, and what callers import); the work is in one module
 * per job: request.ts (the write request and its options), checkRows.ts (step 1 before the
 * transaction), transaction.ts (the managed and the explicit transaction), apply.ts (steps 1–4
 * inside it), edits.ts (the edited nodes locked and read), regionCheck.ts (step 2),
 * conclude.ts (the result, version, audit and answer), stagedWrite.ts (a staged bulk write).
 *
 * A write runs as a managed transaction (the driver retries it on a deadlock); what it must
 * read first — an edit the stored node it merges with, an introduction the one a retry already
 * recorded — it reads inside that transaction (`request.read`, with locks), so it writes over
 * what it validated against. A bulk write (`opts.bulk`: an import) is validated before its
 * transaction opens, its nodes are written while its relationship rows are still being
 * checked, and its one explicit transaction is not retried.
 *
 * A bulk write too large for one transaction's memory is *staged* (stagedWrite.ts, staged.ts;
 * `opts.staged`, by default above STAGE_ABOVE_ROWS rows): every row is validated first, its new
 * nodes and the relationships between them are written in batches of their own transactions,
 * invisible to every reader, and its one transaction — opened first — makes them visible and
 * writes everything else (steps 2–4 as above). Failed or interrupted, it leaves the store as it
 * was: the batches are removed, at once or by the next clean-up.
 */
import type { Database } from '../db/driver';
import { inTransaction } from './apply';
import { changeSetSize, type WriteResult } from './changeSet';
import { checkRows } from './checkRows';
import { lockNodes } from './edits';
import {
  bind,
  type PlainWrite,
  type ReadingWrite,
  type WriteOptions,
  type WriteRequest,
} from './request';
import { STAGE_ABOVE_ROWS } from './staged';
import { applyStaged } from './stagedWrite';
import { explicitTransaction, managedTransaction, txReader } from './transaction';
import { autoReader } from './validate';

export type { Writer } from './access';
export { DEFAULT_BATCH_SIZE, type WriteProgress } from './batches';
export type * from './changeSet';
export * from './errors';
export type { LockedNode } from './patch';
export type { Reader } from './validate';
export { removeAbandonedImports, STAGE_ABOVE_ROWS } from './staged';
export { onCommitted } from './events';
export { lockNodes } from './edits';
export type {
  AuditRecord,
  PlainWrite,
  ReadingWrite,
  TxReads,
  WriteOptions,
  WriteRequest,
} from './request';

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
      return await managedTransaction(session, async (tx) => {
        const read = txReader(tx);
        const write = request.read
          ? bind(
              request,
              await request.read({ read, lock: (ids) => lockNodes(read, ids) }, now),
              now,
            )
          : bind(request, undefined, now);
        const staged = await checkRows(read, write.changes, true);
        return inTransaction(tx, write, staged, now, opts);
      });
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
    const staged = await checkRows(autoReader(db), write.changes, write.writer.regionIds !== null);
    const { value } = await explicitTransaction(db, session, (tx) =>
      inTransaction(tx, write, staged, now, opts),
    );
    return value;
  } finally {
    await session.close();
  }
}
