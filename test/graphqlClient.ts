/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the assertions */
/**
 * A GraphQL client for the API tests: posts as one of the test's accounts (its Authorization
 * header), checks that no error carries a stack trace, and `ok` that there is no error at all.
 */
import { expect } from 'vitest';

export interface GraphqlBody {
  data?: any;
  errors?: any[];
}

export function graphqlClient<W extends string>(
  base: () => string,
  auth: Record<W, Record<string, string>>,
) {
  async function gql(
    who: W,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlBody> {
    const res = await fetch(`${base()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth[who] },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GraphqlBody;
    for (const e of body.errors ?? []) expect(JSON.stringify(e)).not.toMatch(/\n\s+at |\.ts:\d+/);
    return body;
  }
  async function ok(who: W, query: string, variables: Record<string, unknown> = {}) {
    const body = await gql(who, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  return { gql, ok };
}

/** The `extensions.code` of the first error. */
export const codeOf = (b: GraphqlBody) => b.errors?.[0]?.extensions?.code as string | undefined;
