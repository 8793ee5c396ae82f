/**
 * Accounts for tests: one per role (coordinators of 燕市-like and 塩尻市-like test depts are made by
 * the tests that need them), with API tokens issued by the app under test.
 */
import { cliActor } from '../server/auth/audit';
import { ensureUser, type NewUser } from '../server/auth/users';
import type { Database } from '../server/db/driver';
import type { App } from '../server/http/app';

/** An `Authorization` header for a (created if missing) account of the app under test. */
export async function bearer(
  app: App,
  db: Database,
  account: Omit<NewUser, 'password'>,
): Promise<Record<string, string>> {
  const user = await ensureUser(db, account, cliActor());
  const { token } = await app.auth.issueApiToken(user);
  return { authorization: `Bearer ${token}` };
}

export const TEST_ADMIN = { username: 'test-admin', role: 'admin' } as const;
