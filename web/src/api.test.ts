import { describe, expect, it } from 'vitest';
import { ApiError, gql, isReadable, messageFor, setUnauthenticatedHandler } from './api';
import { setLang } from './i18n';

function fakeFetch(status: number, body: unknown): typeof fetch {
  return async () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('GraphQL client errors are friendly', () => {
  setLang('ja');
  it('returns data', async () => {
    await expect(gql('{ x }', {}, fakeFetch(200, { data: { x: 1 } }))).resolves.toEqual({ x: 1 });
  });

  it('maps error codes to messages a person understands', async () => {
    expect(
      messageFor({ message: 'x', extensions: { code: 'DATABASE_UNAVAILABLE' } }).message,
    ).toMatch(/データベース/);
    expect(
      messageFor({ message: '指定された人物が見つかりません', extensions: { code: 'NOT_FOUND' } })
        .message,
    ).toBe('指定された人物が見つかりません');
    expect(
      messageFor({
        message: 'Cannot query field "foo" on type "Query".',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }).message,
    ).toMatch(/サーバー/);
    expect(
      messageFor({
        message: 'Error: boom\n    at foo (x.ts:1)',
        extensions: { code: 'BAD_USER_INPUT' },
      }).message,
    ).toBe('入力内容を確認してください。');
    expect(messageFor({ message: 'x', extensions: { code: 'FORBIDDEN' } }).message).toMatch(/権限/);
  });

  it("keeps the per-field problems of a bad write (updateNode's extensions.fields)", async () => {
    const err = await gql(
      'mutation { x }',
      {},
      fakeFetch(200, {
        data: null,
        errors: [
          {
            message: 'mind: must be at most 5 (got 9)',
            extensions: {
              code: 'BAD_USER_INPUT',
              fields: [
                { field: 'mind', code: 'max', message: 'must be at most 5 (got 9)', max: 5 },
                7,
              ],
            },
          },
        ],
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('BAD_USER_INPUT');
    expect((err as ApiError).fields).toEqual([
      { field: 'mind', code: 'max', message: 'must be at most 5 (got 9)', max: 5 },
    ]);
  });

  it('never passes a stack trace or internal message through', async () => {
    const err = await gql(
      '{ x }',
      {},
      fakeFetch(200, {
        errors: [
          {
            message: 'Neo4jError: at Object.<anonymous>',
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).not.toMatch(/Neo4j|at Object/);
    expect(isReadable('Neo4jError: x')).toBe(false);
    expect(isReadable('地域が見つかりません')).toBe(true);
  });

  it('network failure and HTTP errors', async () => {
    const down: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(gql('{ x }', {}, down)).rejects.toThrow(/サーバーに接続できません/);
    await expect(gql('{ x }', {}, fakeFetch(503, {}))).rejects.toThrow(/データベース/);
    await expect(gql('{ x }', {}, fakeFetch(500, 'oops'))).rejects.toThrow(/サーバーでエラー/);
  });
});

describe('the end of a session', () => {
  it('calls the handler when the session is over, and only then', async () => {
    let calls = 0;
    setUnauthenticatedHandler(() => calls++);
    try {
      const refused = (code: string) =>
        fakeFetch(401, { errors: [{ message: 'x', extensions: { code } }] });
      await expect(gql('{ x }', {}, refused('UNAUTHENTICATED'))).rejects.toBeInstanceOf(ApiError);
      expect(calls).toBe(1);
      await expect(gql('{ x }', {}, refused('FORBIDDEN'))).rejects.toBeInstanceOf(ApiError);
      expect(calls).toBe(1);
      // A bare 401 (no GraphQL body, e.g. from a proxy) ends the session too; a bare 403 not.
      await expect(gql('{ x }', {}, fakeFetch(401, 'no'))).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(calls).toBe(2);
      await expect(gql('{ x }', {}, fakeFetch(403, 'no'))).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(calls).toBe(2);
    } finally {
      setUnauthenticatedHandler(null);
    }
  });
});
