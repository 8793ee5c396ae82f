/**
 * Demo accounts (SPEC §8 "npm start creates demo accounts and prints them"): when the
 * database has no account at all, one per role — coordinators for 塩尻市 and 燕市 — with random
 * passwords. They are printed at start-up and kept in DATA_DIR/demo-accounts.json (readable by
 * the owner only, git-ignored) so they can be looked up again; nothing secret is committed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/driver';
import { cypher } from '../db/cypher';
import { log } from '../log';
import { cliActor } from './audit';
import { generatePassword } from './password';
import type { Role } from '../../common/roles';
import { addUser, type NewUser } from './users';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  note: string;
}

const DEMO: Array<Omit<NewUser, 'password'> & { note: string }> = [
  {
    username: 'admin',
    role: 'admin',
    displayName: '管理者（デモ）',
    note: 'all regions, accounts, audit',
  },
  {
    username: 'shiojiri',
    role: 'coordinator',
    deptId: 'dept:shiojiri',
    displayName: '塩尻市 コーディネーター（デモ）',
    note: '塩尻市: read and write',
  },
  {
    username: 'tsubame',
    role: 'coordinator',
    deptId: 'dept:tsubame',
    displayName: '燕市 コーディネーター（デモ）',
    note: '燕市: read and write',
  },
  {
    username: 'shiojiri-city',
    role: 'municipality',
    regionId: 'region:shiojiri',
    displayName: '塩尻市役所（デモ）',
    note: '塩尻市: read, outreach',
  },
  {
    username: 'analyst',
    role: 'analyst',
    displayName: 'アナリスト（デモ）',
    note: 'all regions, pseudonymised persons',
  },
];

export function demoAccountsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-accounts.json');
}

/** Creates the demo accounts when there is no account yet; returns them (or null). */
export async function createDemoAccountsIfNone(
  db: Database,
  dataDir: string,
): Promise<DemoAccount[] | null> {
  const res = await db.driver.executeQuery(cypher('user-count'), {}, { database: db.database });
  if (Number(res.records[0]?.get('count') ?? 0) > 0) return null;
  const created: DemoAccount[] = [];
  for (const d of DEMO) {
    const password = generatePassword();
    const { note, ...input } = d;
    await addUser(db, { ...input, password }, cliActor());
    created.push({ username: d.username, password, role: d.role, note });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(demoAccountsFile(dataDir), JSON.stringify(created, null, 2), { mode: 0o600 });
  log.info({ accounts: created.map((a) => a.username) }, 'Demo accounts created');
  return created;
}

/** The demo accounts saved at creation, if the file is there. */
export function readDemoAccounts(dataDir: string): DemoAccount[] | null {
  const file = demoAccountsFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[];
  } catch {
    return null;
  }
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const w = Math.max(...accounts.map((a) => a.username.length));
  return accounts
    .map((a) => `    ${a.username.padEnd(w)}  ${a.password}  ${a.role.padEnd(12)} ${a.note}`)
    .join('\n');
}
