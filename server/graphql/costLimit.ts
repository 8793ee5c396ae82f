/**
 * A cost limit on GraphQL operations (SPEC §8 "GraphQL depth and cost are limited"), with
 * graphql-query-complexity: every field costs 1, and a list field that takes `limit` or
 * `first` multiplies the cost of what is selected under it by that number (100, the most a
 * list returns, when not given) — so `people { knows { knows { name } } }` costs about a
 * million and is refused before it runs, while a list of 100 with a few lists of 100 under it
 * (about 30,000) passes.
 * A list filtered to ids (`where: {id: {eq | in}}`) counts one per id.
 * Computed lists (a map's nodes, an answer's reasons) take no such argument and count once.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export const MAX_QUERY_COST = 100_000;
const LIST_DEFAULT = 100;

export const estimateCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const takesLimit = field.args.some((a) => a.name === 'limit' || a.name === 'first');
  if (!takesLimit) return 1 + childComplexity;
  const asked = Number(args.limit ?? args.first ?? LIST_DEFAULT);
  let n = Number.isFinite(asked) && asked > 0 ? Math.min(asked, LIST_DEFAULT) : LIST_DEFAULT;
  // A lookup by id returns at most one node per id asked for.
  const id = (args.where as { id?: { eq?: unknown; in?: unknown } } | undefined)?.id;
  if (id?.eq !== undefined) n = 1;
  else if (Array.isArray(id?.in)) n = Math.min(n, id.in.length);
  return 1 + childComplexity * n;
};

export function queryCost(
  schema: GraphQLSchema,
  query: import('graphql').DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [estimateCost],
  });
}

export function costLimit<C extends object>(
  schema: GraphQLSchema,
  max = MAX_QUERY_COST,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = queryCost(
              schema,
              document,
              request.variables ?? {},
              request.operationName ?? undefined,
            );
          } catch {
            // Variables that do not fit their types: execution refuses them with a clear
            // BAD_USER_INPUT; no cost can be estimated before that.
            return;
          }
          if (cost > max) {
            throw new GraphQLError(
              `This query is too costly (estimated ${cost}, at most ${max}): ask for fewer items with limit, or nest fewer lists. / クエリが大きすぎます。`,
              { extensions: { code: 'BAD_USER_INPUT', cost, maxCost: max, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
