/**
 * The cost limits of GraphQL operations (SPEC §8 "GraphQL depth and cost are limited"; issue 11),
 * estimated with graphql-query-complexity before anything runs. Two numbers per request:
 *
 * - **database cost** (≤ MAX_QUERY_COST): every field costs 1, and a list field that takes
 *   `limit` or `first` multiplies the cost of what is selected under it by that number (100,
 *   the most a list returns, when not given) — so `people { knows { knows { name } } }` costs
 *   about a million and is refused, while a list of 100 with a few lists of 100 under it (about
 *   30,000) passes. A list filtered to ids (`where: {id: {eq | in}}`) counts one per id. Each
 *   level of relationship filters in its `where` (`knows: {some: …}`) multiplies the field's
 *   cost by FILTER_LEVEL_COST, and more than MAX_FILTER_DEPTH levels are refused outright
 *   (QUERY_TOO_COMPLEX). Computed lists (a map's nodes, an answer's reasons) count once.
 * - **response values** (≤ MAX_RESPONSE_VALUES): how many values the answer would hold —
 *   `networkMap` counts the nodes and edges of its scope (from the projection) times the fields
 *   selected for each, every alias counts again, other computed lists count 100 items. Over
 *   the cap: RESPONSE_TOO_LARGE (413), before a byte of the answer is built.
 *
 * A scope the viewer may not read counts as empty (its field is refused by the resolver), so an
 * error never tells the size of a region one may not see.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import {
  FILTER_LEVEL_COST,
  fieldsOf,
  filterDepth,
  limitError,
  MAX_FILTER_DEPTH,
  MAX_RESPONSE_VALUES,
  type Fragments,
} from './limits';
import { keepNewest } from '../../common/keepNewest';

export const MAX_QUERY_COST = 100_000;
const LIST_DEFAULT = 100;

/** Nodes and edges of a map's scope, or null when the viewer may not read it. */
export type MapSize = { nodes: number; edges: number };

function listLength(args: Record<string, unknown>): number {
  const asked = Number(args.limit ?? args.first ?? LIST_DEFAULT);
  let n = Number.isFinite(asked) && asked > 0 ? Math.min(asked, LIST_DEFAULT) : LIST_DEFAULT;
  // A lookup by id returns at most one node per id asked for.
  const id = (args.where as { id?: { eq?: unknown; in?: unknown } } | undefined)?.id;
  if (id?.eq !== undefined) n = 1;
  else if (Array.isArray(id?.in)) n = Math.min(n, id.in.length);
  return n;
}

const takesLimit = (field: { args: readonly { name: string }[] }) =>
  field.args.some((a) => a.name === 'limit' || a.name === 'first');

export const estimateCost: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const filters = args.where === undefined ? 1 : FILTER_LEVEL_COST ** filterDepth(args.where);
  if (!takesLimit(field)) return (1 + childComplexity) * filters;
  return (1 + childComplexity * listLength(args)) * filters;
};

/** Fields selected in a set (recursively), each counted once: the values of one item. */
function valuesPerItem(set: FieldNode['selectionSet'], fragments: Fragments, guard = 0): number {
  if (!set || guard > 32) return 1;
  let n = 0;
  for (const f of fieldsOf(set, fragments))
    n += 1 + (f.selectionSet ? valuesPerItem(f.selectionSet, fragments, guard + 1) : 0);
  return Math.max(1, n);
}

/**
 * Whether a field's type is a list of objects (`[T!]!`), read from the type's shape: the schema
 * comes from @neo4j/graphql's copy of graphql, so graphql's own `isListType` (an instanceof
 * check) cannot be used on it.
 */
function isListOfObjects(type: unknown): boolean {
  let t = type as { ofType?: unknown; toString(): string } | undefined;
  let list = false;
  for (let guard = 0; t && t.ofType && guard < 8; guard++) {
    if (t.toString().startsWith('[')) list = true;
    t = t.ofType as typeof t;
  }
  return list && typeof (t as { getFields?: unknown } | undefined)?.getFields === 'function';
}

function valuesEstimator(
  fragments: Fragments,
  mapSize: (regionId: string | null) => MapSize,
): ComplexityEstimator {
  return ({ type, field, node, args, childComplexity }) => {
    if (type.name === 'Query' && field.name === 'networkMap') {
      const size = mapSize((args.regionId as string | null | undefined) ?? null);
      let total = 1;
      for (const f of fieldsOf(node.selectionSet, fragments)) {
        const per = valuesPerItem(f.selectionSet, fragments);
        if (f.name.value === 'nodes') total += 1 + size.nodes * per;
        else if (f.name.value === 'edges') total += 1 + size.edges * per;
        else total += 1;
      }
      return total;
    }
    if (!isListOfObjects(field.type)) return 1 + childComplexity;
    return 1 + childComplexity * (takesLimit(field) ? listLength(args) : LIST_DEFAULT);
  };
}

export interface RequestCost {
  cost: number;
  values: number;
  /** The deepest nesting of relationship filters in any `where`. */
  filterDepth: number;
}

function fragmentsOf(query: DocumentNode): Fragments {
  const out: Fragments = {};
  for (const def of query.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) out[def.name.value] = def;
  return out;
}

/**
 * The estimates of a request. `mapSize` gives the size of each networkMap scope asked for
 * (looked up before, see costLimit); without it maps count as empty.
 */
export function requestCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
  mapSize: (regionId: string | null) => MapSize = () => ({ nodes: 0, edges: 0 }),
): RequestCost {
  let depth = 0;
  const base = { schema, query, variables, ...(operationName ? { operationName } : {}) };
  const cost = getComplexity({
    ...base,
    estimators: [
      (a) => {
        if (a.args.where !== undefined) depth = Math.max(depth, filterDepth(a.args.where));
        return estimateCost(a);
      },
    ],
  });
  const values = getComplexity({
    ...base,
    estimators: [valuesEstimator(fragmentsOf(query), mapSize)],
  });
  return { cost, values, filterDepth: depth };
}

/** The database cost alone (tests, docs). */
export function queryCost(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string,
): number {
  return requestCost(schema, query, variables, operationName).cost;
}

/** The regionId of every networkMap field of the operation (variables resolved). */
function mapScopes(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown>,
  operationName?: string,
): (string | null)[] {
  const scopes = new Set<string | null>();
  getComplexity({
    schema,
    query,
    variables,
    ...(operationName ? { operationName } : {}),
    estimators: [
      ({ type, field, args, childComplexity }) => {
        if (type.name === 'Query' && field.name === 'networkMap') {
          scopes.add((args.regionId as string | null | undefined) ?? null);
        }
        return 1 + childComplexity;
      },
    ],
  });
  return [...scopes];
}

export interface CostLimitOptions<C> {
  maxCost?: number;
  maxValues?: number;
  /** The size of a map's scope as the viewer of `context` would get it; null: may not read. */
  mapSize?: (context: C, regionId: string | null) => Promise<MapSize | null>;
}

/** Variable sets remembered per document (a dashboard asks the same few again and again). */
const MEMO_PER_DOCUMENT = 50;

interface Known {
  scopes: (string | null)[];
  /** The estimate, kept when it depends on nothing else (no map scopes to size). */
  estimate?: RequestCost;
}

export function costLimit<C extends object>(
  schema: GraphQLSchema,
  opts: CostLimitOptions<C> = {},
): ApolloServerPlugin<C> {
  const max = opts.maxCost ?? MAX_QUERY_COST;
  const maxValues = opts.maxValues ?? MAX_RESPONSE_VALUES;
  // The estimates are pure functions of the schema, the document, the operation and the
  // variables (and of the maps' sizes, which are not kept): Apollo hands every request with the
  // same query text the same parsed document, so a repeated request is not walked again (two
  // walks of the document were a fifth of a cached answer's CPU time under load).
  const memo = new WeakMap<DocumentNode, Map<string, Known>>();
  const knownFor = (document: DocumentNode, key: string, compute: () => Known): Known => {
    let perDocument = memo.get(document);
    if (!perDocument) memo.set(document, (perDocument = new Map()));
    let known = perDocument.get(key);
    if (!known) {
      known = compute();
      perDocument.set(key, known);
      keepNewest(perDocument, MEMO_PER_DOCUMENT);
    }
    return known;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, contextValue }) {
          const variables = request.variables ?? {};
          const operationName = request.operationName ?? undefined;
          // Introspection (only __schema / __type at the root) is bounded by the schema itself;
          // its nested type lists would otherwise be estimated as if they were data lists.
          const op = getOperationAST(document, operationName);
          const introspectionOnly = op?.selectionSet.selections.every(
            (s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'),
          );
          if (introspectionOnly) return;
          let estimate: RequestCost;
          try {
            const known = knownFor(
              document,
              JSON.stringify([operationName ?? null, variables]),
              () => ({
                scopes: opts.mapSize ? mapScopes(schema, document, variables, operationName) : [],
              }),
            );
            if (known.estimate) {
              estimate = known.estimate;
            } else {
              const sizes = new Map<string | null, MapSize>();
              await Promise.all(
                known.scopes.map(async (scope) => {
                  const size = await opts.mapSize!(contextValue, scope).catch(() => null);
                  sizes.set(scope, size ?? { nodes: 0, edges: 0 });
                }),
              );
              estimate = requestCost(
                schema,
                document,
                variables,
                operationName,
                (r) => sizes.get(r) ?? { nodes: 0, edges: 0 },
              );
              if (known.scopes.length === 0) known.estimate = estimate;
            }
          } catch {
            // Variables that do not fit their types: execution refuses them with a clear
            // BAD_USER_INPUT; no cost can be estimated before that.
            return;
          }
          if (estimate.filterDepth > MAX_FILTER_DEPTH) {
            throw limitError(
              'QUERY_TOO_COMPLEX',
              `Relationship filters are nested ${estimate.filterDepth} levels deep (where: {…: {some: {…: {some: …}}}}); at most ${MAX_FILTER_DEPTH} are allowed. / 関係の条件の入れ子が深すぎます。`,
            );
          }
          if (estimate.cost > max) {
            throw new GraphQLError(
              `This query is too costly (estimated ${estimate.cost}, at most ${max}): ask for fewer items with limit, or nest fewer lists or relationship filters. / クエリが大きすぎます。`,
              { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
            );
          }
          if (estimate.values > maxValues) {
            throw limitError(
              'RESPONSE_TOO_LARGE',
              `The answer would hold about ${estimate.values.toLocaleString('en')} values (at most ${maxValues.toLocaleString('en')}): ask for one region's map, fewer maps or fewer fields at a time. / 応答が大きすぎます。地域や項目を絞ってください。`,
            );
          }
        },
      };
    },
  };
}
