/**
 * The sign-in rate limit's counters in Neo4j (an express-rate-limit Store), so that several
 * server processes behind one load balancer count the same attempts: ten a minute per address
 * holds whichever process a request reaches. One MERGE per attempt (cypher/rate-limit-hit);
 * ended windows are removed now and then. Keys are the limiter's (the client address), stored
 * under the prefix of this limiter.
 *
 * If Neo4j is away, sign-in fails anyway (the account is read from it); the store then lets the
 * attempt through to that clear error rather than answer "too many attempts".
 */
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';

/** Ended windows are swept at most this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

export class Neo4jRateLimitStore implements Store {
  private windowMs = 60_000;
  private lastSweep = Date.now();
  readonly localKeys = false;

  constructor(
    private readonly db: Database,
    readonly prefix = 'signin:',
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private run(name: string, params: Record<string, unknown>) {
    return this.db.driver.executeQuery(cypher(name), params, { database: this.db.database });
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    try {
      const res = await this.run('rate-limit-hit', {
        key: this.prefix + key,
        now,
        windowMs: this.windowMs,
      });
      if (now - this.lastSweep > SWEEP_EVERY_MS) {
        this.lastSweep = now;
        void this.run('rate-limit-expire', { now }).catch(() => undefined);
      }
      const rec = res.records[0]!;
      return {
        totalHits: Number(rec.get('hits')),
        resetTime: new Date(Number(rec.get('resetAt'))),
      };
    } catch {
      return { totalHits: 0, resetTime: new Date(now + this.windowMs) };
    }
  }

  async decrement(key: string): Promise<void> {
    await this.run('rate-limit-change', { key: this.prefix + key, reset: false }).catch(
      () => undefined,
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.run('rate-limit-change', { key: this.prefix + key, reset: true });
  }
}
