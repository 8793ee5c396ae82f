/**
 * The end of a write inside its transaction (steps 3–4 of server/write/index.ts, once its rows
 * are written): the result, the graph version — bumped in the same transaction when the write
 * changed something, else only read — the caller's own records, the audit entry, the caller's
 * answer (built before the commit, so nothing can fail after it) and whether to commit. A dry
 * run, or a write that changed nothing and has no records of its own, rolls back: no version,
 * no audit entry.
 */
import { recordAudit } from '../auth/audit';
import { cypher } from '../db/cypher';
import type { WriteTx } from './batches';
import type { ChangeCounts, WriteResult } from './changeSet';
import type { PreparedPatch } from './patch';
import type { BoundWrite, WriteOptions } from './request';
import type { Outcome } from './transaction';
import type { Reader } from './validate';

export interface Written {
  counts: ChangeCounts;
  patches: readonly PreparedPatch[];
  /** Rows in the change set (for progress). */
  total: number;
  /** A staged import's. */
  staged: boolean;
}

export async function concludeWrite<R>(
  tx: WriteTx,
  read: Reader,
  request: BoundWrite<R>,
  written: Written,
  now: string,
  opts: WriteOptions,
): Promise<Outcome<R>> {
  const { counts, patches, total } = written;
  const wrote = [counts.created, counts.updated, counts.deleted].some((c) =>
    Object.values(c).some((n) => n > 0),
  );
  const result: WriteResult = {
    ...counts,
    wrote,
    dryRun: opts.dryRun ?? false,
    graphVersion: 0,
    patched: patches.map((p) => ({
      id: p.id,
      label: p.label,
      name: p.name,
      changed: p.changed,
      updatedAt: p.unchanged ? p.updatedAt : now,
    })),
    at: now,
    staged: written.staged,
  };
  if (result.dryRun || !wrote) {
    const version = await read(cypher('graph-version'), {});
    result.graphVersion = Number(version[0]?.get('version') ?? 0);
    if (result.dryRun) opts.onProgress?.({ phase: 'rollback', done: total, total });
    if (result.dryRun || !request.alsoWrite)
      return { value: request.respond(result), commit: false, version: result.graphVersion };
  } else {
    const bumped = await tx.run(cypher('bump-graph-version'), { now });
    result.graphVersion = Number(bumped.records[0]?.get('version') ?? 0);
  }
  await request.alsoWrite?.(read, result);
  const audit = request.audit(result);
  await recordAudit(tx, request.writer.actor, audit.action, audit.target, audit.detail);
  const value = request.respond(result);
  opts.onProgress?.({ phase: 'commit', done: total, total });
  return { value, commit: true, version: result.graphVersion };
}
