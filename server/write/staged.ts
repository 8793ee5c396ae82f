/**
 * Staged imports: a write too large for one transaction's memory (the national network:
 * ~490k nodes, 2.6M relationships) stays all-or-nothing (docs/decisions.md, "Import at any size").
 *
 * - Its final transaction (the write's own: stagedWrite.ts) opens first and *claims* the
 *   import's id: it creates an `:ImportRun {id}` it never commits (cypher/write-stage-claim).
 * - The new nodes are written in batches, each a transaction of its own, as `:ImportStaged`
 *   nodes with no domain label (cypher/write-stage-nodes), every batch recorded by an
 *   `:ImportBatch` in the same transaction; then the relationships between two new nodes, in
 *   batches of their own too. No reader sees any of it: every reader matches a domain label or
 *   :Entity, and nothing visible has a relationship to a staged node.
 * - The final transaction then writes what touches the visible graph — the staged nodes'
 *   labels (the switch, cypher/write-stage-relabel), updates of nodes already there, the
 *   relationships to them — with the audit entry and the graph-version bump, removes its claim
 *   and batch records, and commits: readers see the whole import at once.
 * - If anything fails, the final transaction is rolled back and the batches are removed
 *   (`dropStagedImport`). If the process dies or Neo4j stops, Neo4j rolls the final
 *   transaction back, which frees the claim: `removeAbandonedImports` (run before every staged
 *   import and when the server starts) finds batches whose id it can claim itself — their
 *   import is gone — and removes them, batch by batch. Batches whose claim is held (an import
 *   running in another process) are left alone.
 *
 * Memory: each batch is bounded by the batch size; the final transaction holds label changes
 * (not properties) for the new nodes, plus whatever the import changes of what was already
 * there.
 */
import { randomUUID } from 'node:crypto';
import neo4j, { type Session, type Transaction } from 'neo4j-driver';
import { NODE_LABELS, PERSON_EXTRA_LABELS } from '../../common/model';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { log } from '../log';
import type { StatementRunner } from './batches';
import { WriteConflict } from './errors';

/** Writes with more rows than this are staged when the caller does not say (server/write). */
export const STAGE_ABOVE_ROWS = 400_000;

/** How long a clean-up waits for an import's claim before it takes the import as running. */
const CLAIM_WAIT_MS = 2_000;

/** Transactions of their own, for a staged import's batches: two sessions, so two run at once. */
export class StagedRunner implements StatementRunner {
  private readonly free: Session[];
  private readonly waiting: ((s: Session) => void)[] = [];
  private readonly all: Session[];
  constructor(db: Database, parallel = 2) {
    this.all = Array.from({ length: parallel }, () =>
      db.driver.session({ database: db.database, defaultAccessMode: 'WRITE' }),
    );
    this.free = [...this.all];
  }

  async run(
    statement: string,
    params: Record<string, unknown>,
  ): Promise<{ records: { has(k: string): boolean; get(k: string): unknown }[] }> {
    const session = this.free.pop() ?? (await new Promise<Session>((r) => this.waiting.push(r)));
    try {
      // A managed transaction: retried if two batches deadlock on a node both tie to.
      return await session.executeWrite((tx) => tx.run(statement, params));
    } finally {
      const next = this.waiting.shift();
      if (next) next(session);
      else this.free.push(session);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((s) => s.close()));
  }
}

/** A new import id (random: two processes never pick the same). */
export function newImportId(): string {
  return `import:${randomUUID()}`;
}

/** The final transaction claims the import's id (see the file comment). */
export async function claimImport(tx: Transaction, run: string, now: string): Promise<void> {
  await tx.run(cypher('write-stage-claim'), { run, now });
}

interface BatchRecord {
  batch: number;
  labels: string[];
  size: number;
}

async function batchRecords(
  run: (
    statement: string,
    params: Record<string, unknown>,
  ) => PromiseLike<{ records: { get(k: string): unknown }[] }>,
  importId: string,
): Promise<BatchRecord[]> {
  const res = await run(cypher('write-stage-batches'), { run: importId });
  return res.records.map((r) => ({
    batch: Number(r.get('batch')),
    labels: r.get('labels') as string[],
    size: Number(r.get('size')),
  }));
}

/** Labels of a batch record, checked against the allow-lists before they go back to Cypher. */
function allowedLabels(labels: readonly string[]): string[] {
  const allowed = new Set<string>([...NODE_LABELS, 'Entity', ...PERSON_EXTRA_LABELS]);
  const bad = labels.filter((l) => !allowed.has(l));
  if (bad.length > 0 || labels.length === 0)
    throw new Error(`staged import: not a node label: ${bad.join(', ')}`);
  return [...labels];
}

/** A Neo4j error code, if the error is one. */
function codeOf(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
}

/**
 * The switch, inside the final transaction: every staged node of the import gets its labels
 * (and with them the uniqueness checks), batch record by batch record.
 */
export async function relabelStaged(
  tx: Transaction,
  run: string,
  onBatch?: (nodes: number) => void,
): Promise<number> {
  let done = 0;
  for (const b of await batchRecords((s, p) => tx.run(s, p), run)) {
    let total: number;
    try {
      const res = await tx.run(cypher('write-stage-relabel'), {
        run,
        batch: neo4j.int(b.batch),
        labels: allowedLabels(b.labels),
      });
      total = Number(res.records[0]?.get('total') ?? 0);
    } catch (e) {
      if (codeOf(e) === 'Neo.ClientError.Schema.ConstraintValidationFailed')
        throw new WriteConflict(
          `a node of this import was created by another write while it ran (${(e as Error).message.split('\n')[0]}); run it again`,
        );
      throw e;
    }
    if (total !== b.size)
      throw new WriteConflict(
        `${b.size - total} staged node(s) of this import were removed while it ran; run it again`,
      );
    done += total;
    onBatch?.(done);
  }
  await tx.run(cypher('write-stage-unclaim'), { run });
  return done;
}

/** Removes the batches of one staged import (its nodes and their relationships), batch by batch. */
export async function dropStagedImport(db: Database, run: string): Promise<number> {
  const exec = (statement: string, params: Record<string, unknown>) =>
    db.driver.executeQuery(statement, params, { database: db.database });
  let nodes = 0;
  for (const b of await batchRecords(exec, run)) {
    const res = await exec(cypher('write-stage-drop'), { run, batch: neo4j.int(b.batch) });
    nodes += Number(res.records[0]?.get('nodes') ?? 0);
  }
  return nodes;
}

/**
 * Removes the batches of staged imports whose process is gone (see the file comment); leaves
 * those of imports still running. Resolves to the ids removed.
 */
export async function removeAbandonedImports(db: Database): Promise<string[]> {
  const res = await db.driver.executeQuery(
    cypher('write-stage-runs'),
    {},
    { database: db.database },
  );
  const runs = res.records.map((r) => r.get('run') as string);
  const removed: string[] = [];
  for (const run of runs) {
    const session = db.driver.session({ database: db.database, defaultAccessMode: 'WRITE' });
    const claim = session.beginTransaction({ timeout: CLAIM_WAIT_MS });
    try {
      try {
        await claimImport(claim, run, new Date().toISOString());
      } catch (e) {
        // The claim is held: that import is still running.
        log.debug({ run, code: codeOf(e) }, 'staged import still running; left alone');
        continue;
      }
      // Claimed: remove the batches in transactions of their own (a second clean-up that gets
      // the claim once this one's wait has run out only finds fewer batches to remove).
      const nodes = await dropStagedImport(db, run);
      log.info({ run, nodes }, 'removed the batches of an interrupted import');
      removed.push(run);
    } finally {
      if (claim.isOpen()) await claim.rollback().catch(() => undefined);
      await session.close();
    }
  }
  return removed;
}
