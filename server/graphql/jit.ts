/**
 * The map's queries executed by graphql-jit (issue 16; SPEC §9 `networkMap` ≤ 200 ms).
 *
 * A 5k-node map is some 400k fields. graphql-js walks them generically (per field: argument
 * values, path, type checks), which costs more than everything else of a memoised answer;
 * graphql-jit compiles the query once (per document) against the same schema into plain
 * JavaScript that calls the same resolvers and serialisers, several times faster on large lists.
 *
 * Only queries whose root fields are all `networkMap` go through it (a small, heavily used
 * shape), and only their successful answers are taken from it: when the compiled run reports an
 * error, the request is answered by Apollo's normal execution instead, so every error is
 * reported, coded and formatted exactly as everywhere else (errors.ts). Queries are read-only;
 * the one side effect of the map resolver, the request's map budget, is reset for that run.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GraphqlContext } from './index';
import { ResponseBudget } from './limits';
import { rememberRecent } from '../../common/keepNewest';

/** Root fields whose queries are compiled. */
export const JIT_FIELDS: ReadonlySet<string> = new Set(['networkMap', '__typename']);

/** Compiled queries kept per schema (least recently used dropped first). */
const MAX_COMPILED = 32;

export function jitExecution(schema: GraphQLSchema): ApolloServerPlugin<GraphqlContext> {
  /** By operation name and printed document; null: it did not compile (run by graphql-js). */
  const compiled = new Map<string, CompiledQuery | null>();
  const compiledFor = (
    key: string,
    document: DocumentNode,
    operationName: string | undefined,
  ): CompiledQuery | null => {
    return rememberRecent(compiled, key, MAX_COMPILED, () => {
      const made = compileQuery(schema, document, operationName);
      return isCompiledQuery(made) ? made : null;
    });
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc) {
          const op = rc.operation;
          if (op.operation !== 'query' || !rc.source) return null;
          const roots = op.selectionSet.selections;
          if (!roots.every((s) => s.kind === Kind.FIELD && JIT_FIELDS.has(s.name.value))) {
            return null;
          }
          // By the document as parsed (without comments and layout): the same query written
          // another way shares its compiled code, which V8 has optimised by then.
          const query = compiledFor(
            JSON.stringify([rc.operationName ?? null, print(rc.document)]),
            rc.document,
            rc.operationName ?? undefined,
          );
          if (!query) return null;
          const ctx = rc.contextValue;
          const budget = ctx.budget;
          const result = await query.query(undefined, ctx, rc.request.variables ?? {});
          if (result.errors?.length || !result.data) {
            // Answered by graphql-js, with the errors formatted as always; its map budget anew.
            if (budget) ctx.budget = new ResponseBudget(budget.maxItems);
            return null;
          }
          return {
            http: rc.response.http,
            body: { kind: 'single', singleResult: { data: result.data } },
          };
        },
      };
    },
  };
}
