/**
 * The per-request read of requestState.ts on the real Neo4j: batched, yet never older than the
 * request. Other callers keep a read under way all the time (as under load), and a write
 * committed just before a request — a version bump, a disabled account, a sign-out — is in
 * that request's answer every time, never the answer of a read that began before the commit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { cliActor } from './audit';
import { requestStateReader } from './requestState';
import { changeUser, ensureUser, revokeToken, type StoredUser } from './users';

let db: Database;
let user: StoredUser;

beforeAll(async () => {
  db = await testDb();
  user = await ensureUser(db, { username: 'test-request-state', role: 'analyst' }, cliActor());
  await changeUser(db, user.username, { kind: 'enable' }, cliActor());
});

afterAll(async () => {
  await changeUser(db, user.username, { kind: 'enable' }, cliActor());
});

/** A write in a transaction of its own (as another process would do it): the new version. */
async function bumpVersion(): Promise<number> {
  const res = await db.driver.executeQuery(
    cypher('bump-graph-version'),
    { now: new Date().toISOString() },
    { database: db.database },
  );
  return Number(res.records[0]!.get('version'));
}

/** Requests of other users all the time, so that a read is nearly always under way. */
function backgroundLoad(): () => Promise<void> {
  const reader = requestStateReader(db);
  let stop = false;
  const loops = Array.from({ length: 4 }, async (_, i) => {
    while (!stop) {
      await (i % 2 ? reader.version() : reader.account(user.id, `background-${i}`));
    }
  });
  return async () => {
    stop = true;
    await Promise.all(loops);
  };
}

describe('the per-request read (account, revocation, graph version)', () => {
  it('answers every request with what was committed before it, though reads are shared', async () => {
    const reader = requestStateReader(db);
    const stop = backgroundLoad();
    try {
      for (let i = 0; i < 25; i++) {
        const committed = await bumpVersion();
        const [version, account] = await Promise.all([
          reader.version(),
          reader.account(user.id, null),
        ]);
        expect(version).toBeGreaterThanOrEqual(committed);
        expect(account.version).toBeGreaterThanOrEqual(committed);
      }
      await changeUser(db, user.username, { kind: 'disable' }, cliActor());
      expect((await reader.account(user.id, null)).user?.disabled).toBe(true);
      await changeUser(db, user.username, { kind: 'enable' }, cliActor());
      expect((await reader.account(user.id, null)).user?.disabled).toBe(false);
      const jti = randomUUID();
      expect((await reader.account(user.id, jti)).revoked).toBe(false);
      await revokeToken(db, {
        jti,
        userId: user.id,
        expiresAt: Math.floor(Date.now() / 1000) + 60,
      });
      expect((await reader.account(user.id, jti)).revoked).toBe(true);
    } finally {
      await stop();
    }
  });

  it('shares one query among the requests of one moment, each with its own answer', async () => {
    const reader = requestStateReader(db);
    const before = reader.batches;
    const jti = randomUUID();
    await revokeToken(db, { jti, userId: user.id, expiresAt: Math.floor(Date.now() / 1000) + 60 });
    const [answers, version] = await Promise.all([
      Promise.all([
        ...Array.from({ length: 30 }, () => reader.account(user.id, null)),
        reader.account(user.id, jti),
        reader.account('no-such-user', null),
      ]),
      reader.version(),
    ]);
    expect(reader.batches - before).toBe(1);
    expect(
      answers.slice(0, 30).every((a) => a.user?.username === user.username && !a.revoked),
    ).toBe(true);
    expect(answers[30]).toMatchObject({ revoked: true });
    expect(answers[31]).toMatchObject({ user: null, revoked: false });
    // One query: one version for all.
    expect(new Set([...answers.map((a) => a.version), version])).toEqual(new Set([version]));
  });
});
