/**
 * The audit log (SPEC §8, issue 5): every write — import, node edit, recorded introduction,
 * account change — leaves an `:AuditEntry` with who, when and what, written in the same
 * transaction as the write itself, so a rolled-back write leaves no entry and a committed one
 * always has its entry.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import neo4j, { type ManagedTransaction, type Transaction } from 'neo4j-driver';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import type { Role } from '../../common/roles';

/** Who did it: a signed-in user, or a command run on the server machine. */
export interface Actor {
  /** The username, `cli:<os user>` for commands, `survey:<wave>:<person>` for a survey respondent. */
  name: string;
  role: Role | 'cli' | 'respondent';
}

export function cliActor(): Actor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep 'unknown'
  }
  return { name: `cli:${user}`, role: 'cli' };
}

export type AuditAction =
  | 'import'
  | 'node.create'
  | 'node.update'
  | 'node.delete'
  | 'node.erase'
  | 'node.merge'
  | 'relationship.set'
  | 'relationship.delete'
  | 'followup.record'
  | 'introduction.record'
  | 'introduction.update'
  | 'user.add'
  | 'user.disable'
  | 'user.enable'
  | 'user.reset-password'
  | 'user.locked'
  | 'token.issue'
  | 'survey.create'
  | 'survey.edit'
  | 'survey.roster'
  | 'survey.open'
  | 'survey.close'
  | 'survey.delete'
  | 'survey.link.reissue'
  | 'survey.link.revoke'
  | 'survey.mail'
  | 'survey.draft'
  | 'survey.answer';

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  /** The id (or username) the write was about. */
  target: string | null;
  /** What changed, as JSON text (field names, counts, status). */
  detail: string | null;
}

/** Records one entry inside the caller's write transaction. */
export async function recordAudit(
  tx: ManagedTransaction | Transaction,
  actor: Actor,
  action: AuditAction,
  target: string | null,
  detail: unknown,
): Promise<void> {
  await tx.run(cypher('audit-create'), {
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: actor.name,
    role: actor.role,
    action,
    target,
    detail: detail === undefined || detail === null ? null : JSON.stringify(detail),
  });
}

export interface AuditQuery {
  limit: number;
  offset: number;
  actor: string | null;
  action: string | null;
}

export async function listAudit(db: Database, q: AuditQuery): Promise<AuditEntry[]> {
  const res = await db.driver.executeQuery(
    cypher('audit-list'),
    {
      limit: neo4j.int(q.limit),
      offset: neo4j.int(q.offset),
      actor: q.actor,
      action: q.action,
    },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => r.get('entry') as AuditEntry);
}

/** Records one entry in a transaction of its own (for events that write nothing else). */
export async function auditOnce(
  db: Database,
  actor: Actor,
  action: AuditAction,
  target: string | null,
  detail: unknown,
): Promise<void> {
  const session = db.driver.session({ database: db.database });
  try {
    await session.executeWrite((tx) => recordAudit(tx, actor, action, target, detail));
  } finally {
    await session.close();
  }
}
