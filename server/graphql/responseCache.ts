/**
 * A response cache for queries: their answers are pure functions of the graph version, the day
 * (asOf), what the caller may see (the partition) and the request, so an identical request at
 * the same version gets the same result without executing it again. Every write bumps the
 * version (the entity API itself is read-only), so nothing stale is ever served.
 * - Analytics answers (a 5k-node networkMap is a few hundred thousand fields, whose execution
 *   in graphql-js costs more than the analytics behind it) are kept in a small store, as they
 *   can be megabytes each.
 * - Entity queries (an analyst's dashboard asks the same ones again and again; each costs a
 *   Cypher translation and a database round trip) in a larger store of small answers.
 * Never cached: mutations, errors, and `me` / `auditLog` (they change without a new version).
 * When the version cannot be read because Neo4j is away, the answer is DATABASE_UNAVAILABLE.
 * A request whose answer is being computed by another request (often the warmer's replay after
 * a write, server/graphql/warm.ts) waits for that one instead of computing it a second time.
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { Kind, type FormattedExecutionResult } from 'graphql';
import { databaseUnavailableError, isDatabaseUnavailable } from './errors';
import { HEAVY_FIELDS } from './limits';
import { keepNewest } from '../../common/keepNewest';

/** The analytics fields (the heavy ones of limits.ts) and `__typename`. */
export const CACHEABLE_FIELDS: ReadonlySet<string> = new Set([...HEAVY_FIELDS, '__typename']);

/** How long a request waits at most for another computing the same answer. */
const IN_FLIGHT_WAIT_MS = 30_000;

/** Root fields whose answers change without a new graph version. */
export const NEVER_CACHED: ReadonlySet<string> = new Set(['me', 'auditLog']);

export interface ResponseCacheOptions<TContext> {
  /** The graph version of the request (cheap query, read once per request). */
  version: (context: TContext) => Promise<number>;
  /** Analytics responses kept (least recently used dropped first). Default 24. */
  maxEntries?: number;
  /** Entity responses kept. Default 1000. */
  maxEntityEntries?: number;
  /**
   * What, besides the request, the answer depends on for this caller: what they may read and
   * how persons appear to them (common/roles.ts). A cached answer is only ever served to
   * callers with the same partition, so the cache never bypasses the resolvers' access checks.
   */
  partition: (context: TContext) => string;
}

export function analyticsResponseCache<TContext extends object>(
  opts: ResponseCacheOptions<TContext>,
): ApolloServerPlugin<TContext> {
  const analytics = new Map<string, FormattedExecutionResult>();
  const entities = new Map<string, FormattedExecutionResult>();
  /** Answers being computed, by key: settle when their request sends its response. */
  const inFlight = new Map<string, Promise<void>>();
  return {
    async requestDidStart() {
      let key: string | null = null;
      let computed: (() => void) | null = null;
      let store = analytics;
      let maxEntries = opts.maxEntries ?? 24;
      return {
        async responseForOperation(rc) {
          const op = rc.operation;
          if (op.operation !== 'query') return null;
          const roots = op.selectionSet.selections;
          // Fragments at the root are rare; they are simply not cached.
          if (!roots.every((s) => s.kind === Kind.FIELD && !NEVER_CACHED.has(s.name.value))) {
            return null;
          }
          const allAnalytics = roots.every(
            (s) => s.kind === Kind.FIELD && CACHEABLE_FIELDS.has(s.name.value),
          );
          if (!allAnalytics) {
            store = entities;
            maxEntries = opts.maxEntityEntries ?? 1000;
          }
          let version: number;
          try {
            version = await opts.version(rc.contextValue);
          } catch (err) {
            // Neo4j is away: every field needs the graph, so answer at once rather than let
            // each resolver wait for the driver to give up again.
            if (isDatabaseUnavailable(err)) {
              return {
                http: rc.response.http,
                body: { kind: 'single', singleResult: { errors: [databaseUnavailableError()] } },
              };
            }
            return null; // no cache; the resolvers report the failure with its proper code
          }
          const today = new Date().toISOString().slice(0, 10);
          key = JSON.stringify([
            opts.partition(rc.contextValue),
            version,
            today,
            rc.source,
            rc.operationName ?? null,
            rc.request.variables ?? {},
          ]);
          let hit = store.get(key);
          const pending = hit ? undefined : inFlight.get(key);
          if (pending) {
            await pending;
            hit = store.get(key);
          }
          if (!hit) {
            // This request computes it; others asking the same meanwhile wait for it.
            const k = key;
            const done = new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, IN_FLIGHT_WAIT_MS);
              timer.unref();
              computed = () => {
                clearTimeout(timer);
                resolve();
              };
            });
            inFlight.set(k, done);
            void done.then(() => {
              if (inFlight.get(k) === done) inFlight.delete(k);
            });
            return null;
          }
          store.delete(key);
          store.set(key, hit); // most recently used last
          const response: GraphQLResponse = {
            http: rc.response.http,
            body: { kind: 'single', singleResult: hit },
          };
          return response;
        },
        async willSendResponse(rc) {
          try {
            if (key === null || rc.response.body.kind !== 'single') return;
            const result = rc.response.body.singleResult;
            if (result.errors && result.errors.length > 0) return;
            if (store.has(key)) return;
            store.set(key, result);
            keepNewest(store, maxEntries);
          } finally {
            computed?.();
          }
        },
      };
    },
  };
}
