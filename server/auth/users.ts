/**
 * Local accounts stored in Neo4j as `:User` nodes (SPEC §8): scrypt-hashed passwords, a role,
 * the department (coordinator) or region (municipality) they are tied to, a lock after
 * repeated failed sign-ins, and a token version that revokes old tokens. Every change is
 * audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { cypher, cypherStatements } from '../db/cypher';
import type { Database } from '../db/driver';
import { recordAudit, type Actor } from './audit';
import { hashPassword, passwordProblem } from './password';
import { RoleSchema, type Role, type Viewer } from '../../common/roles';

export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  deptId: string | null;
  regionId: string | null;
  passwordHash: string;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  tokenVersion: number;
  /** Regions of the coordinator's dept (empty for other roles). */
  deptRegionIds: string[];
}

export type PublicUser = Omit<StoredUser, 'passwordHash' | 'tokenVersion' | 'deptRegionIds'>;

export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

export const NewUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'use 3–40 lower-case letters, digits, . _ or -'),
    displayName: z.string().trim().min(1).max(100).optional(),
    role: RoleSchema,
    deptId: z.string().trim().min(1).nullable().default(null),
    regionId: z.string().trim().min(1).nullable().default(null),
    password: z.string(),
  })
  .superRefine((u, ctx) => {
    const problem = passwordProblem(u.password);
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    if (u.role === 'coordinator' && !u.deptId) {
      ctx.addIssue({ code: 'custom', path: ['deptId'], message: 'a coordinator needs --dept' });
    }
    if (u.role === 'municipality' && !u.regionId) {
      ctx.addIssue({
        code: 'custom',
        path: ['regionId'],
        message: 'a municipality account needs --region',
      });
    }
    if (u.role !== 'coordinator' && u.deptId) {
      ctx.addIssue({ code: 'custom', path: ['deptId'], message: 'only coordinators have a dept' });
    }
    if (u.role !== 'municipality' && u.regionId) {
      ctx.addIssue({
        code: 'custom',
        path: ['regionId'],
        message: 'only municipality accounts have a region',
      });
    }
  });
export type NewUser = z.input<typeof NewUserSchema>;

function toNumber(v: unknown): number {
  return neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0);
}

/** An account as a query returns it (`u {.*}` and its dept's regions). */
export function fromRecord(user: Record<string, unknown>, deptRegionIds: string[]): StoredUser {
  return {
    id: String(user.id),
    username: String(user.username),
    displayName: String(user.displayName ?? user.username),
    role: RoleSchema.parse(user.role),
    deptId: (user.deptId as string | null) ?? null,
    regionId: (user.regionId as string | null) ?? null,
    passwordHash: String(user.passwordHash ?? ''),
    disabled: user.disabled === true,
    failedAttempts: toNumber(user.failedAttempts),
    lockedUntil: (user.lockedUntil as string | null) ?? null,
    tokenVersion: toNumber(user.tokenVersion),
    deptRegionIds,
  };
}

export function viewerOf(user: StoredUser): Viewer {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    deptId: user.deptId,
    regionIds:
      user.role === 'coordinator'
        ? user.deptRegionIds
        : user.role === 'municipality'
          ? [user.regionId!]
          : null,
  };
}

export function publicUser(u: StoredUser): PublicUser {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { passwordHash, tokenVersion, deptRegionIds, ...rest } = u;
  return rest;
}

/**
 * The account by id or username, in one read of its own. A request's token check reads the
 * account with its token's revocation, batched with other requests' (server/auth/requestState.ts).
 */
export async function findUser(
  db: Database,
  by: { id?: string; username?: string },
): Promise<StoredUser | null> {
  const res = await db.driver.executeQuery(
    cypher('user-find'),
    { id: by.id ?? null, username: by.username ?? null },
    { database: db.database, routing: neo4j.routing.READ },
  );
  const row = res.records[0];
  if (!row) return null;
  return fromRecord(
    row.get('user') as Record<string, unknown>,
    row.get('deptRegionIds') as string[],
  );
}

/** Ends one token (a sign-out) for every server process, until it would have expired. */
export async function revokeToken(
  db: Database,
  token: { jti: string; userId: string; expiresAt: number },
): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    await session.executeWrite(async (tx) => {
      for (const statement of cypherStatements('token-revoke')) {
        await tx.run(statement, { ...token, now: Math.floor(Date.now() / 1000) });
      }
    });
  } finally {
    await session.close();
  }
}

export async function listUsers(db: Database): Promise<PublicUser[]> {
  const res = await db.driver.executeQuery(cypher('user-list'), {}, { database: db.database });
  return res.records.map((r) =>
    publicUser(fromRecord(r.get('user') as Record<string, unknown>, [])),
  );
}

/** Adds an account; resolves to its username and role as stored (trimmed). */
export async function addUser(
  db: Database,
  input: NewUser,
  actor: Actor,
): Promise<Pick<PublicUser, 'username' | 'role'>> {
  const parsed = NewUserSchema.safeParse(input);
  if (!parsed.success) {
    throw new UserInputError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'user'}: ${i.message}`).join('; '),
    );
  }
  const u = parsed.data;
  const scope = await db.driver.executeQuery(
    cypher('scope-check'),
    { deptId: u.deptId, regionId: u.regionId },
    { database: db.database },
  );
  const row = scope.records[0]!;
  if (u.deptId && !row.get('deptExists')) {
    throw new UserInputError(`deptId: no 地域の人事部 with id ${u.deptId}`);
  }
  if (u.regionId && !row.get('regionExists')) {
    throw new UserInputError(`regionId: no region with id ${u.regionId}`);
  }
  const passwordHash = await hashPassword(u.password);
  const session = db.driver.session({ database: db.database });
  try {
    await session.executeWrite(async (tx) => {
      await tx.run(cypher('user-create'), {
        id: randomUUID(),
        username: u.username,
        displayName: u.displayName ?? u.username,
        role: u.role,
        deptId: u.deptId,
        regionId: u.regionId,
        passwordHash,
        now: new Date().toISOString(),
      });
      await recordAudit(tx, actor, 'user.add', u.username, {
        role: u.role,
        deptId: u.deptId,
        regionId: u.regionId,
      });
    });
  } catch (err) {
    if (String((err as { code?: unknown }).code).includes('ConstraintValidationFailed')) {
      throw new UserInputError(`username: ${u.username} is taken`);
    }
    throw err;
  } finally {
    await session.close();
  }
  return { username: u.username, role: u.role };
}

type AccountChange =
  { kind: 'disable' } | { kind: 'enable' } | { kind: 'reset-password'; password: string };

/** Disables, enables or resets the password of an account (revoking its tokens). */
export async function changeUser(
  db: Database,
  username: string,
  change: AccountChange,
  actor: Actor,
): Promise<void> {
  let changes: Record<string, unknown>;
  if (change.kind === 'reset-password') {
    const problem = passwordProblem(change.password);
    if (problem) throw new UserInputError(`password: ${problem}`);
    changes = {
      passwordHash: await hashPassword(change.password),
      failedAttempts: 0,
      lockedUntil: null,
    };
  } else {
    changes = { disabled: change.kind === 'disable' };
  }
  const session = db.driver.session({ database: db.database });
  try {
    await session.executeWrite(async (tx) => {
      const res = await tx.run(cypher('user-update'), {
        username,
        changes,
        revoke: change.kind !== 'enable',
        now: new Date().toISOString(),
      });
      if (res.records.length === 0) throw new UserInputError(`username: no account ${username}`);
      await recordAudit(tx, actor, `user.${change.kind}`, username, null);
    });
  } finally {
    await session.close();
  }
}

/**
 * The account with this username, created (with a random password) when missing — for
 * tests, benchmarks and scripts that then sign in with a token rather than a password.
 */
export async function ensureUser(
  db: Database,
  input: Omit<NewUser, 'password'>,
  actor: Actor,
): Promise<StoredUser> {
  const existing = await findUser(db, { username: input.username });
  if (existing) return existing;
  await addUser(db, { ...input, password: randomUUID() }, actor);
  return (await findUser(db, { username: input.username }))!;
}
