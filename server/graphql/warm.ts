/**
 * Warm after writes (SPEC §9: `networkMap` ≤ 200 ms server time, including the first call
 * after a write). Every write bumps the graph version, and with it every cached projection,
 * its key persons and map layout, and every cached answer go stale. The warmer keeps the
 * analytics requests people made recently (query, variables, who asked) and, when the version
 * moves on, replays them in the background through the same Apollo server: the projections,
 * key persons, layouts and the response cache (server/graphql/responseCache.ts) then hold the
 * new version's answers before the next request comes. A request that arrives while its answer
 * is being warmed waits for that one execution instead of starting a second.
 *
 * - Bursts coalesce: a new version while warming stops replaying the old one; the replays
 *   restart for the newest version only.
 * - It learns of writes from the write path in this process (onCommitted) and, for writes by
 *   other server processes, by reading the graph version every `pollMs` (one index lookup) while
 *   it has something to warm.
 * - Only map queries are kept (server/graphql/index.ts: the map needs the projection, key
 *   persons and layout, which every other analysis of its scope then finds memoised) and the
 *   overview of regions (one pass over the whole store), at most
 *   `maxRequests` (default 6), and only those asked in the last `keepMs`. Replays run one at a
 *   time, newest first.
 */
import type { ApolloServer } from '@apollo/server';
import { log } from '../log';
import type { GraphqlContext } from './index';
import { keepNewest } from '../../common/keepNewest';

export interface WarmRequest {
  /** Which Apollo server (schema variant) answered it. */
  server: ApolloServer<GraphqlContext>;
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The context to replay it with (the asker's viewer, a fresh graph version reader). */
  context: () => GraphqlContext;
  /** What the answer depends on besides the version (the response cache's partition). */
  partition: string;
}

export interface WarmerOptions {
  /** Reads the current graph version. */
  version: () => Promise<number>;
  /** How often to look for writes by other processes (ms); 0 = never. Default 2000. */
  pollMs?: number;
  /** Delay after a write before replaying, so a burst of writes is warmed once. Default 50. */
  debounceMs?: number;
  maxRequests?: number;
  keepMs?: number;
}

interface Kept extends WarmRequest {
  at: number;
}

export class Warmer {
  private readonly kept = new Map<string, Kept>();
  private warmedVersion = -1;
  private wantedVersion = -1;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  readonly stats = { warmed: 0, runs: 0, lastRunMs: 0 };

  constructor(private readonly opts: WarmerOptions) {
    const pollMs = opts.pollMs ?? 2000;
    if (pollMs > 0) {
      this.poller = setInterval(() => {
        if (this.kept.size === 0 || this.running) return;
        opts.version().then(
          (v) => this.changed(v),
          () => undefined, // Neo4j away: nothing to warm
        );
      }, pollMs);
      this.poller.unref();
    }
  }

  /** Keeps a request to replay after the next write (its answer was just served at `version`). */
  keep(req: WarmRequest, version: number): void {
    const key = JSON.stringify([req.partition, req.query, req.operationName, req.variables]);
    this.kept.delete(key);
    this.kept.set(key, { ...req, at: Date.now() }); // newest last
    const max = this.opts.maxRequests ?? 6;
    keepNewest(this.kept, max);
    if (version > this.warmedVersion && !this.running) this.warmedVersion = version;
  }

  /** The graph version is now `version` (a write here, or one seen by polling). */
  changed(version: number): void {
    if (this.stopped || version <= Math.max(this.warmedVersion, this.wantedVersion)) return;
    this.wantedVersion = version;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running ??= this.run().finally(() => (this.running = null));
    }, this.opts.debounceMs ?? 50);
  }

  /** Resolves when no warming is scheduled or running (benchmarks, tests). */
  async idle(): Promise<void> {
    while (this.timer || this.running) {
      await (this.running ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
  }

  private async run(): Promise<void> {
    while (this.wantedVersion > this.warmedVersion && !this.stopped) {
      const target = this.wantedVersion;
      const t0 = performance.now();
      const cutoff = Date.now() - (this.opts.keepMs ?? 30 * 60_000);
      const todo = [...this.kept.entries()].filter(([, r]) => r.at >= cutoff).reverse();
      let done = 0;
      for (const [key, r] of todo) {
        // A newer write: the answers being warmed are stale already; start again.
        if (this.wantedVersion !== target || this.stopped) break;
        try {
          const res = await r.server.executeOperation(
            {
              query: r.query,
              variables: r.variables,
              ...(r.operationName ? { operationName: r.operationName } : {}),
            },
            { contextValue: r.context() },
          );
          if (res.body.kind === 'single' && res.body.singleResult.errors?.length) {
            // e.g. the node it focused on is gone: nothing to warm any more.
            this.kept.delete(key);
          }
          done++;
        } catch (err) {
          log.debug({ err }, 'warming an answer failed');
        }
      }
      if (this.wantedVersion === target) this.warmedVersion = target;
      this.stats.runs++;
      this.stats.warmed += done;
      this.stats.lastRunMs = performance.now() - t0;
      log.debug({ version: target, answers: done, ms: this.stats.lastRunMs }, 'warmed');
    }
  }
}
