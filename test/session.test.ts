/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions */
/**
 * Sessions end when they should (issue 11, finding 11 and the minor items), against the real
 * server and Neo4j: sign-out revokes the session on the server — the old cookie with its CSRF
 * header no longer answers `me`, in this process or another one sharing the database — and a
 * disabled account or a reset password is refused on the very next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../server/auth/audit';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../server/auth/http';
import { changeUser, ensureUser, findUser } from '../server/auth/users';
import type { Database } from '../server/db/driver';
import { createApp } from '../server/http/app';
import { listenOnLoopback, type Listening } from '../server/http/listen';
import { testDb } from './db';

const USER = { username: 'test-session-user', role: 'analyst' as const };
const PASSWORD = 'session-horse-1';

let db: Database;
let one: Listening;
let two: Listening;

beforeAll(async () => {
  db = await testDb();
  await ensureUser(db, USER, cliActor());
  await changeUser(db, USER.username, { kind: 'reset-password', password: PASSWORD }, cliActor());
  // Two server processes' worth of state (each its own AuthService) over one database.
  const a = createApp(db, { signInPerMinute: 1000 });
  const b = createApp(db, { signInPerMinute: 1000 });
  await Promise.all([a.graphqlReady, b.graphqlReady]);
  one = await listenOnLoopback(a);
  two = await listenOnLoopback(b);
}, 120_000);

afterAll(async () => {
  await one?.close();
  await two?.close();
});

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${one.url}/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USER.username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`))!.split('=')[1]!;
  expect(cookies.some((c) => c.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
  return { cookie: cookies.join('; '), csrf };
}

async function me(base: string, headers: Record<string, string>): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });
  return { status: res.status, body: await res.json() };
}

describe('sign-out', () => {
  it('revokes the session on the server: the old cookie and CSRF header no longer answer `me`, in any process', async () => {
    const { cookie, csrf } = await signIn();
    const session = { cookie, [CSRF_HEADER]: csrf };
    for (const base of [one.url, two.url]) {
      expect((await me(base, session)).body.data.me.username).toBe(USER.username);
    }
    const out = await fetch(`${one.url}/auth/signout`, { method: 'POST', headers: session });
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ signedOut: true, revoked: true });
    for (const base of [one.url, two.url]) {
      const after = await me(base, session);
      expect(after.status).toBe(401);
      expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(after.body.errors[0].message).toMatch(/signed out/);
      const page = await (await fetch(`${base}/auth/me`, { headers: { cookie } })).json();
      expect(page.user).toBeNull();
    }
    // a new sign-in of the same account is not affected
    const again = await signIn();
    expect(
      (await me(two.url, { cookie: again.cookie, [CSRF_HEADER]: again.csrf })).body.data.me,
    ).toEqual({ username: USER.username });
  });

  it('without the CSRF header a cookie cannot be signed out (nor anything else changed)', async () => {
    const { cookie, csrf } = await signIn();
    const out = await fetch(`${one.url}/auth/signout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(403);
    expect((await me(one.url, { cookie, [CSRF_HEADER]: csrf })).body.data.me).toEqual({
      username: USER.username,
    });
  });

  it('with a bearer token, signing out revokes that token only', async () => {
    const tokenOf = async () => {
      const res = await fetch(`${one.url}/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: USER.username, password: PASSWORD }),
      });
      return { authorization: `Bearer ${((await res.json()) as { token: string }).token}` };
    };
    const [a, b] = [await tokenOf(), await tokenOf()];
    expect((await me(one.url, a)).body.data.me.username).toBe(USER.username);
    const out = await fetch(`${one.url}/auth/signout`, { method: 'POST', headers: a });
    expect(await out.json()).toEqual({ signedOut: true, revoked: true });
    expect((await me(two.url, a)).status).toBe(401);
    expect((await me(two.url, b)).body.data.me.username).toBe(USER.username);
  });
});

describe('account changes take effect at once', () => {
  it('a reset password and a disabled account are refused on the very next request', async () => {
    const user = await findUser(db, { username: USER.username });
    const app = createApp(db);
    const { token } = await app.auth.issueApiToken(user!);
    const bearerOf = { authorization: `Bearer ${token}` };
    // warm: the account has just been read by this process
    expect((await me(one.url, bearerOf)).body.data.me.username).toBe(USER.username);
    await changeUser(
      db,
      USER.username,
      { kind: 'reset-password', password: 'session-horse-2' },
      cliActor(),
    );
    expect((await me(one.url, bearerOf)).status).toBe(401);

    const fresh = await app.auth.issueApiToken((await findUser(db, { username: USER.username }))!);
    const freshOf = { authorization: `Bearer ${fresh.token}` };
    expect((await me(one.url, freshOf)).body.data.me.username).toBe(USER.username);
    await changeUser(db, USER.username, { kind: 'disable' }, cliActor());
    expect((await me(one.url, freshOf)).status).toBe(401);
    await changeUser(db, USER.username, { kind: 'enable' }, cliActor());
    await changeUser(db, USER.username, { kind: 'reset-password', password: PASSWORD }, cliActor());
  });
});
