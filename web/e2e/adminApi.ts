/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read the answers they asked for */
/** A GraphQL request of the e2e server's admin account, expected to succeed: its data. */
import { expect } from 'vitest';
import type { RunningServer } from './server';

export async function adminApi(
  server: RunningServer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<any> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.adminHeaders },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}
