/**
 * Runs a write's statements (server/write/plan.ts) in its one transaction, in batches of
 * `UNWIND $rows`, pipelined: the next batch is packed and sent while Neo4j still runs the
 * previous one (the driver queues the statements of one transaction in order). At most two
 * batches are in flight. Counts go to the write's ChangeCounts, progress to `onProgress`.
 *
 * A staged import (server/write/staged.ts) also gives a runner for the work marked `staged` (its
 * new nodes and the relationships between them): each such batch is a transaction of its own.
 * A plan's staged work runs before the rest, so the write's transaction touches a staged node
 * only after every staged batch is committed (a staged batch never waits for its lock).
 */
import type { Integer, ManagedTransaction, Transaction } from 'neo4j-driver';
import { NODE_LABELS } from '../../common/model';
import type { ChangeCounts } from './changeSet';
import { WriteConflict } from './errors';
import type { Plan, Work } from './plan';
import { internalId } from './validate';

/** The write transaction: an explicit one (bulk writes) or a managed one (retried on deadlock). */
export type WriteTx = Transaction | ManagedTransaction;

/** What runs a batch's statement: the write's transaction, or a staged import's runner. */
export interface StatementRunner {
  run(
    statement: string,
    params: Record<string, unknown>,
  ): PromiseLike<{ records: { has(k: string): boolean; get(k: string): unknown }[] }>;
}

export interface WriteProgress {
  /** 'validate', then the label or relationship type being written, then 'commit'/'rollback'. */
  phase: string;
  /** Rows written so far / rows to write, over the whole write (for 'validate': rows checked). */
  done: number;
  total: number;
}

export const DEFAULT_BATCH_SIZE = 10_000;

function conflict(name: string, missing: number): WriteConflict {
  return new WriteConflict(
    (NODE_LABELS as readonly string[]).includes(name)
      ? `${missing} ${name} node(s) of this write were deleted in the database while it ran; run it again`
      : `${missing} ${name} relationship(s) lost an endpoint that was deleted in the database while this write ran; run it again`,
  );
}

export class BatchWriter {
  done = 0;
  /** Internal ids of the nodes this transaction created, by id (write-create-nodes). */
  readonly nodeIds = new Map<string, Integer>();
  private readonly totals = new Map<string, number>();
  constructor(
    private readonly tx: StatementRunner,
    private readonly counts: ChangeCounts,
    private readonly now: string,
    /** Whether relationships get createdAt / updatedAt (every write but an import). */
    private readonly stamp: boolean,
    private readonly batchSize: number,
    private readonly total: number,
    private readonly onProgress?: (p: WriteProgress) => void,
    /** Runs the work marked `staged`, each batch in a transaction of its own. */
    private readonly staged?: StatementRunner,
  ) {}

  async write({ work: planned, totals }: Plan): Promise<void> {
    const { counts } = this;
    const work = [...planned.filter((w) => w.staged), ...planned.filter((w) => !w.staged)];
    for (const [name, n] of totals) {
      this.totals.set(name, (this.totals.get(name) ?? 0) + n);
      counts.created[name] ??= 0;
      counts.updated[name] ??= 0;
    }
    if (work[0]) this.onProgress?.({ phase: work[0].name, done: this.done, total: this.total });
    let inFlight: Promise<void> | undefined;
    try {
      for (const w of work) {
        for (let i = 0; i < w.rows.length; i += this.batchSize) {
          const batch = w.rows.slice(i, i + this.batchSize);
          const runner = w.staged ? this.staged : this.tx;
          if (!runner) throw new Error('write: staged work without a staged import');
          const handled = Promise.resolve(
            runner.run(w.statement, {
              ...w.params,
              rows: batch,
              now: this.now,
              stamp: this.stamp,
            }),
          ).then((res) => this.count(w, batch.length, res.records[0]));
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

  private count(
    w: Work,
    rows: number,
    rec: { has(k: string): boolean; get(k: string): unknown } | undefined,
  ): void {
    const { counts } = this;
    if (w.everyRow) {
      const n = Number(rec?.get(w.everyRow) ?? 0);
      if (n !== rows) throw conflict(w.name, rows - n);
    }
    const add = (into: Record<string, number>, name: string, n: unknown) => {
      into[name] = (into[name] ?? 0) + Number(n ?? 0);
    };
    if (rec?.has('created')) add(counts.created, w.name, rec.get('created'));
    if (rec?.has('updated')) add(counts.updated, w.name, rec.get('updated'));
    if (rec?.has('deleted')) add(counts.deleted, w.name, rec.get('deleted'));
    // The relationships a node deletion took with it, by type.
    if (rec?.has('relTypes'))
      for (const types of rec.get('relTypes') as string[][])
        for (const t of types) add(counts.deleted, t, 1);
    if (rec?.has('nodeIds')) {
      const keys = rec.get('keys') as string[];
      const ids = rec.get('nodeIds') as number[];
      for (let k = 0; k < keys.length; k++) this.nodeIds.set(keys[k]!, internalId(ids[k]!));
    }
    this.done += rows;
    this.onProgress?.({ phase: w.name, done: this.done, total: this.total });
  }

  /** Unchanged = given − created − updated, per label / type written. */
  finish(): void {
    const { counts } = this;
    for (const [name, n] of this.totals) {
      counts.unchanged[name] = n - (counts.created[name] ?? 0) - (counts.updated[name] ?? 0);
    }
  }
}
