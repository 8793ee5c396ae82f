/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL response bodies are checked by the tests */
/** A GraphQL POST to a test server: its HTTP status, its JSON body and how long it took. */
export async function postGraphql(
  base: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = (await res.json()) as any;
  return { status: res.status, body, ms: performance.now() - started };
}
