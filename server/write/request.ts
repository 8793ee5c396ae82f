/**
 * What a caller hands the write path (server/write/index.ts): a write request — the steps of
 * one write, from what it reads inside the transaction to the caller's answer — and the
 * options of how it is applied. `bind` turns a request and what it read into what the
 * transaction runs.
 */
import type { AuditAction } from '../auth/audit';
import type { Writer } from './access';
import type { WriteProgress } from './batches';
import type { ChangeSet, WriteResult } from './changeSet';
import type { LockedNode } from './patch';
import type { Reader } from './validate';

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
export interface BoundWrite<R> {
  writer: Writer;
  changes: ChangeSet;
  audit: (result: WriteResult) => AuditRecord;
  respond: (result: WriteResult) => R;
  alsoWrite?: (read: Reader, result: WriteResult) => Promise<void>;
}

export function bind<S, R>(request: WriteSteps<S, R>, state: S, now: string): BoundWrite<R> {
  const { alsoWrite } = request;
  return {
    writer: request.writer,
    changes: request.build(state, now),
    audit: (result) => request.audit(result, state),
    respond: (result) => request.respond(result, state),
    ...(alsoWrite ? { alsoWrite: (read, result) => alsoWrite(read, result, state) } : {}),
  };
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
