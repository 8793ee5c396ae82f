/**
 * Batched reads that are never older than their caller (issue 16): many requests asking the
 * same kind of small read (the account behind a token, the graph version) share one query, but
 * a caller only ever joins a batch that has **not started yet**. Its query therefore begins
 * after the caller arrived, and it sees every write committed before that — through this
 * process or any other — exactly as a read of its own would. Joining a read already under way
 * (plain single-flight) would not: that read may have begun before a write another process
 * committed just before the caller arrived, and would answer from before it.
 *
 * Normally `maxInFlight` batches run at once; callers arriving meanwhile gather in the next
 * batch, which starts as soon as one finishes, or after `maxWaitMs` if none has by then — so a
 * slow or failing database (3 s until the driver gives up) does not make a caller wait for
 * someone else's read before its own. A new batch starts on `setImmediate`, so the requests of
 * one event-loop turn share it.
 */

export interface FreshBatchOptions {
  /** Batches running at once. Default 1. */
  maxInFlight?: number;
  /** Asks in one batch at most (more start the next one). Default 500. */
  maxAsks?: number;
  /** The longest a batch waits for a slot before it starts anyway. Default 20 ms. */
  maxWaitMs?: number;
}

interface Batch<Ask, Answer> {
  asks: Map<string, { ask: Ask; waiters: Array<Waiter<Answer>> }>;
}

interface Waiter<Answer> {
  resolve: (a: Answer) => void;
  reject: (e: unknown) => void;
}

export class FreshBatcher<Ask, Answer> {
  /** The batch that callers may still join (not started), if any. */
  private open: Batch<Ask, Answer> | null = null;
  /** Batches full or waiting for a free slot, in order. */
  private readonly queued: Array<Batch<Ask, Answer>> = [];
  private running = 0;
  private scheduled = false;
  /** Starts the waiting batches when no slot has come free in time. */
  private overdue: ReturnType<typeof setTimeout> | null = null;
  private readonly maxInFlight: number;
  private readonly maxAsks: number;
  private readonly maxWaitMs: number;
  /** Batches run (for tests and profiles). */
  batches = 0;

  /**
   * `run` answers a batch's distinct asks, in their order; it must read the database in a
   * query of its own (started when it is called).
   */
  constructor(
    private readonly run: (asks: Ask[]) => Promise<Answer[]>,
    opts: FreshBatchOptions = {},
  ) {
    this.maxInFlight = opts.maxInFlight ?? 1;
    this.maxAsks = opts.maxAsks ?? 500;
    this.maxWaitMs = opts.maxWaitMs ?? 20;
  }

  /** The answer to `ask` (callers with the same `key` in one batch share one ask). */
  load(key: string, ask: Ask): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      let batch = this.open;
      if (!batch || batch.asks.size >= this.maxAsks) {
        if (batch) this.queued.push(batch);
        batch = { asks: new Map() };
        this.open = batch;
      }
      const entry = batch.asks.get(key) ?? { ask, waiters: [] };
      entry.waiters.push({ resolve, reject });
      batch.asks.set(key, entry);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running < this.maxInFlight) {
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.startNext(false);
      });
    } else {
      this.overdue ??= setTimeout(() => {
        this.overdue = null;
        this.startNext(true);
      }, this.maxWaitMs);
    }
  }

  /** Starts waiting batches while a slot is free (`force`: all of them). */
  private startNext(force: boolean): void {
    while (force || this.running < this.maxInFlight) {
      const batch = this.queued.shift() ?? this.open;
      if (!batch) break;
      if (batch === this.open) this.open = null;
      void this.start(batch);
    }
    if (!this.open && this.queued.length === 0 && this.overdue) {
      clearTimeout(this.overdue);
      this.overdue = null;
    }
  }

  private async start(batch: Batch<Ask, Answer>): Promise<void> {
    // No longer `open`: nobody joins it now, so its query begins after all its callers arrived.
    this.running++;
    this.batches++;
    const entries = [...batch.asks.values()];
    try {
      const answers = await this.run(entries.map((e) => e.ask));
      if (answers.length !== entries.length) throw new Error('a batch read lost some answers');
      entries.forEach((e, i) => e.waiters.forEach((w) => w.resolve(answers[i]!)));
    } catch (err) {
      for (const e of entries) e.waiters.forEach((w) => w.reject(err));
    } finally {
      this.running--;
      // The callers who arrived while this one ran: their batch starts now.
      this.startNext(false);
    }
  }
}
