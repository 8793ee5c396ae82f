/**
 * The real server for the e2e tests (and `npx tsx web/e2e/server.ts` by hand): the express app of
 * server/http/app.ts with the web app mounted in front, against the test Neo4j, with the pilot
 * seed loaded through the generator and the importer when the database has no regions yet.
 */
import express from 'express';
import helmet from 'helmet';
import { cliActor } from '../../server/auth/audit';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../server/auth/http';
import { generatePassword } from '../../server/auth/password';
import { changeUser, ensureUser, findUser, type NewUser } from '../../server/auth/users';
import { cypher } from '../../server/db/cypher';
import type { Database } from '../../server/db/driver';
import { countsByLabel } from '../../server/db/schema';
import { createApp } from '../../server/http/app';
import { listenOnLoopback } from '../../server/http/listen';
import { ensureWebBuilt, mountWeb } from '../../server/http/web';
import type { MailSettings } from '../../server/surveys/mail';

export const SEED_AS_OF = '2026-04-01';

/** Loads the pilot network (seed 1) unless the database already holds it (same history). */
export async function ensurePilotSeed(db: Database): Promise<void> {
  const counts = await countsByLabel(db);
  const { generateNetwork } = await import('../../seeds/generator');
  const { dataset } = generateNetwork({ scale: 'pilot', seed: 1, asOf: SEED_AS_OF });
  if ((counts.Region ?? 0) > 0) {
    // A test store seeded by an older generator (its history differs: the count of dated
    // KNOWS ties is the fingerprint) is seeded again, so tests of past dates see the history
    // the generator writes now.
    const dated = (k: { since?: string; until?: string }) =>
      (k.since ?? '') >= '2022-04-01' || k.until !== undefined;
    const want = dataset.relationships.KNOWS.filter(dated).length;
    const stored = await db.driver.executeQuery(
      `MATCH ()-[k:KNOWS]->()
       WHERE (coalesce(k.since, '') >= '2022-04-01' OR k.until IS NOT NULL)
         AND coalesce(k.source, '') <> 'introduction'
       RETURN count(k) AS n`,
      {},
      { database: db.database },
    );
    if (Number(stored.records[0]?.get('n')) === want) return;
    const session = db.driver.session({ database: db.database });
    try {
      // CALL … IN TRANSACTIONS needs an auto-commit transaction (session.run)
      await session.run(
        'MATCH (n:Entity) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
      );
    } finally {
      await session.close();
    }
  }
  const { importDataset } = await import('../../server/import/index');
  const result = await importDataset(db, dataset);
  if (result.errors.length > 0) {
    throw new Error(`pilot seed did not import: ${JSON.stringify(result.errors.slice(0, 3))}`);
  }
}

/**
 * Removes the introductions (and the KNOWS ties they made) recorded since `sinceIso`, so the
 * shared test database is as the seed left it for the test files after this one.
 */
export async function undoIntroductionsSince(db: Database, sinceIso: string): Promise<void> {
  await db.driver.executeQuery(
    `MATCH ()-[k:KNOWS {source: 'introduction'}]-() WHERE k.createdAt >= $since DELETE k`,
    { since: sinceIso },
    { database: db.database },
  );
  await db.driver.executeQuery(
    'MATCH (i:Introduction) WHERE i.createdAt >= $since DETACH DELETE i',
    { since: sinceIso },
    { database: db.database },
  );
  await db.driver.executeQuery(
    cypher('bump-graph-version'),
    { now: new Date().toISOString() },
    { database: db.database },
  );
}

export interface RunningServer {
  url: string;
  /** Accounts of the e2e tests, by role, with their passwords. */
  accounts: Record<E2eRole, { username: string; password: string }>;
  /** Authorization header of the admin account, for direct API calls of the tests. */
  adminHeaders: Record<string, string>;
  /** Session cookies of the admin account, for a browser context that skips the sign-in form. */
  adminCookies(): Promise<Array<{ name: string; value: string; url: string }>>;
  close(): Promise<void>;
}

type E2eRole = 'admin' | 'coordinator' | 'otherCoordinator' | 'municipality' | 'analyst';

const E2E_ACCOUNTS: Record<E2eRole, Omit<NewUser, 'password'>> = {
  admin: { username: 'e2e-admin', role: 'admin', displayName: 'E2E 管理者' },
  coordinator: {
    username: 'e2e-shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
    displayName: 'E2E 塩尻',
  },
  otherCoordinator: {
    username: 'e2e-tsubame',
    role: 'coordinator',
    deptId: 'dept:tsubame',
    displayName: 'E2E 燕',
  },
  municipality: {
    username: 'e2e-shiojiri-city',
    role: 'municipality',
    regionId: 'region:shiojiri',
    displayName: 'E2E 塩尻市役所',
  },
  analyst: { username: 'e2e-analyst', role: 'analyst', displayName: 'E2E アナリスト' },
};

/** The e2e accounts, created or given a fresh password (known to this run only). */
async function e2eAccounts(db: Database): Promise<RunningServer['accounts']> {
  const out = {} as RunningServer['accounts'];
  for (const [role, account] of Object.entries(E2E_ACCOUNTS) as Array<
    [E2eRole, Omit<NewUser, 'password'>]
  >) {
    const password = generatePassword();
    const user = await ensureUser(db, account, cliActor());
    await changeUser(db, user.username, { kind: 'reset-password', password }, cliActor());
    out[role] = { username: account.username, password };
  }
  return out;
}

/** Builds the web app if needed and serves it with the API on a free port. */
export async function startWebServer(
  db: Database,
  port = 0,
  /** SMTP settings (as SMTP_URL and SMTP_FROM give them): the survey links by e-mail. */
  mail?: MailSettings,
): Promise<RunningServer> {
  await ensureWebBuilt();
  // Many sign-ins in a row from one address: the limit is for people, not for this run.
  const api = createApp(db, { signInPerMinute: 1000, ...(mail ? { mail } : {}) });
  await api.graphqlReady;
  const accounts = await e2eAccounts(db);
  const admin = await findUser(db, { username: accounts.admin.username });
  const { token } = await api.auth.issueApiToken(admin!);
  // The web app in front of the API app, as server/http/app.ts will mount it.
  const outer = express();
  outer.disable('x-powered-by');
  outer.use(helmet());
  mountWeb(outer);
  outer.use(api);
  const { url, close } = await listenOnLoopback(outer, port);
  return {
    url,
    accounts,
    adminHeaders: { authorization: `Bearer ${token}` },
    async adminCookies() {
      const session = await api.auth.issueSession(admin!);
      return [
        { name: SESSION_COOKIE, value: session.token, url },
        { name: CSRF_COOKIE, value: session.csrf, url },
      ];
    },
    async close() {
      await close();
      api.surveys.close();
    },
  };
}

// By hand: DATA_DIR=.data-web npx tsx web/e2e/server.ts [port]
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/web\//, '/web/'))) {
  void (async () => {
    const { loadConfig } = await import('../../server/config/env');
    const { openDatabase } = await import('../../server/db/driver');
    const { applySchema } = await import('../../server/db/schema');
    const db = await openDatabase(loadConfig(), 'test');
    await applySchema(db);
    await ensurePilotSeed(db);
    const s = await startWebServer(db, Number(process.argv[2] ?? 4100));
    console.log(`web e2e server: ${s.url}`);
  })();
}
