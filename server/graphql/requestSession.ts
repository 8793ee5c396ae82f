/**
 * One Neo4j session per GraphQL request (issue 11, findings 6 and 7). @neo4j/graphql opens a
 * session for every root field when given the driver, so 2,000 root fields took 2,000 pooled
 * connections and other users waited for one; here the entity queries of one request run one
 * after another on one session (one connection), each transaction with the GraphQL timeout
 * (GRAPHQL_TX_TIMEOUT). When the client goes away before the answer is sent, `abort` closes the
 * session: the driver resets the connection, which makes Neo4j stop the running query and roll
 * its transaction back, and the request's remaining queries are not started.
 */
import neo4j, { type ManagedTransaction, type Session } from 'neo4j-driver';
import type { Database } from '../db/driver';

type Work<T> = (tx: ManagedTransaction) => Promise<T> | T;
type TxConfig = { timeout?: number; metadata?: Record<string, unknown> } | undefined;

export class RequestCancelled extends Error {
  constructor() {
    super('The request was cancelled: its client went away.');
    this.name = 'RequestCancelled';
  }
}

/** What @neo4j/graphql accepts as a session (its `executionContext`). */
export interface SessionLike {
  beginTransaction(): never;
  executeRead<T>(work: Work<T>, config?: TxConfig): Promise<T>;
  executeWrite<T>(work: Work<T>, config?: TxConfig): Promise<T>;
}

export class RequestSession {
  private session: Session | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private ended = false;
  /** Queries started on this request's session (for tests and logs). */
  started = 0;

  constructor(
    private readonly db: Database,
    private readonly timeoutMs: number | undefined = db.timeouts?.graphqlTxMs,
  ) {}

  readonly executionContext: SessionLike = {
    beginTransaction: () => {
      throw new Error('explicit transactions are not offered to the entity API');
    },
    executeRead: (work, config) => this.enqueue((s) => s.executeRead(work, this.config(config))),
    executeWrite: (work, config) => this.enqueue((s) => s.executeWrite(work, this.config(config))),
  };

  get cancelled(): boolean {
    return this.ended;
  }

  private config(config: TxConfig): TxConfig {
    return { ...config, ...(this.timeoutMs !== undefined ? { timeout: this.timeoutMs } : {}) };
  }

  private open(): Session {
    this.session ??= this.db.driver.session({
      database: this.db.database,
      defaultAccessMode: neo4j.session.READ,
    });
    return this.session;
  }

  /** Runs `fn` after the request's earlier queries (one transaction at a time per session). */
  private enqueue<T>(fn: (s: Session) => Promise<T>): Promise<T> {
    const run = async () => {
      if (this.ended) throw new RequestCancelled();
      this.started++;
      return fn(this.open());
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** The client went away: stop the query under way and start no other. */
  async abort(): Promise<void> {
    this.ended = true;
    await this.close();
  }

  /** Releases the connection (after the answer was sent, or on abort). */
  async close(): Promise<void> {
    const s = this.session;
    this.session = null;
    await s?.close().catch(() => undefined);
  }
}
