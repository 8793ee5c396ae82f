/**
 * A response cache for the analytics queries: their answers are pure functions of the graph
 * version, the day (asOf) and the request, so an identical request at the same version gets the
 * same result without executing it again. This matters for networkMap, whose execution in
 * graphql-js (a few hundred thousand fields for a 5k-node region) costs far more than the
 * analytics behind it. Mutations and entity queries are never cached, and neither are errors.
 * When the version cannot be read because Neo4j is away, the answer is DATABASE_UNAVAILABLE.
 */
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { Kind, type FormattedExecutionResult } from 'graphql';
import { databaseUnavailableError, isDatabaseUnavailable } from './errors';

export const CACHEABLE_FIELDS: ReadonlySet<string> = new Set([
  'networkMap',
  'keyPersonGroup',
  'networkGaps',
  'introductionSuggestions',
  'whatIfRemoved',
  'outreachPlan',
  'talentMatches',
  'connectionPath',
  '__typename',
]);

export interface ResponseCacheOptions<TContext> {
  /** The current graph version (cheap query). */
  version: () => Promise<number>;
  /** Responses kept (least recently used dropped first). Default 24. */
  maxEntries?: number;
  /**
   * What, besides the request, the answer depends on for this caller: what they may read and
   * how persons appear to them (server/auth/roles.ts). A cached answer is only ever served to
   * callers with the same partition, so the cache never bypasses the resolvers' access checks.
   */
  partition: (context: TContext) => string;
}

export function analyticsResponseCache<TContext extends object>(
  opts: ResponseCacheOptions<TContext>,
): ApolloServerPlugin<TContext> {
  const maxEntries = opts.maxEntries ?? 24;
  const store = new Map<string, FormattedExecutionResult>();
  return {
    async requestDidStart() {
      let key: string | null = null;
      return {
        async responseForOperation(rc) {
          const op = rc.operation;
          if (op.operation !== 'query') return null;
          const cacheable = op.selectionSet.selections.every(
            (s) => s.kind === Kind.FIELD && CACHEABLE_FIELDS.has(s.name.value),
          );
          if (!cacheable) return null;
          let version: number;
          try {
            version = await opts.version();
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
          const hit = store.get(key);
          if (!hit) return null;
          store.delete(key);
          store.set(key, hit); // most recently used last
          const response: GraphQLResponse = {
            http: rc.response.http,
            body: { kind: 'single', singleResult: hit },
          };
          return response;
        },
        async willSendResponse(rc) {
          if (key === null || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          if (result.errors && result.errors.length > 0) return;
          if (store.has(key)) return;
          store.set(key, result);
          while (store.size > maxEntries) store.delete(store.keys().next().value!);
        },
      };
    },
  };
}
