/**
 * A staged bulk write (the file comment of server/write/index.ts; the batches themselves in
 * staged.ts): every row checked first, abandoned imports removed, then the one explicit
 * transaction — claimed first — writes the staged batches in transactions of their own,
 * switches them visible and writes the rest. Not committed, its batches are removed at once
 * (or by the next clean-up, if that fails).
 */
import type { Session } from 'neo4j-driver';
import type { Database } from '../db/driver';
import { log } from '../log';
import { inTransaction, type Staging } from './apply';
import { checkRows } from './checkRows';
import type { BoundWrite, WriteOptions } from './request';
import {
  claimImport,
  dropStagedImport,
  newImportId,
  relabelStaged,
  removeAbandonedImports,
  StagedRunner,
} from './staged';
import { explicitTransaction } from './transaction';
import { autoReader } from './validate';

/** A staged bulk write (see the file comment and server/write/staged.ts). */
export async function applyStaged<R>(
  db: Database,
  session: Session,
  write: BoundWrite<R>,
  now: string,
  opts: WriteOptions,
): Promise<R> {
  const { changes } = write;
  const edits =
    (changes.patches?.length ?? 0) +
    (changes.deleteNodes?.length ?? 0) +
    (changes.deleteRelationships?.length ?? 0);
  if (edits > 0) throw new Error('write: a staged write only creates and updates rows');
  // Every row is checked before anything is written.
  const staged = await checkRows(autoReader(db), changes, true);
  await removeAbandonedImports(db);
  const run = newImportId();
  const runner = new StagedRunner(db);
  let committed = false;
  try {
    // The final switch of a national import relabels ~490k nodes (27 s + a 21 s commit
    // measured): the long timeout of explicitTransaction, not the 60 s default.
    const done = await explicitTransaction(db, session, async (tx) => {
      await claimImport(tx, run, now);
      const staging: Staging = {
        run,
        runner,
        relabel: (onBatch) => relabelStaged(tx, run, onBatch),
      };
      return inTransaction(tx, write, staged, now, opts, staging);
    });
    committed = done.committed;
    return done.value;
  } finally {
    await runner.close();
    if (!committed) {
      opts.onProgress?.({ phase: 'clean-up', done: 0, total: 0 });
      await dropStagedImport(db, run).catch((e: unknown) =>
        log.warn(
          { run, err: (e as Error).message },
          'could not remove the batches of the import now; the next start removes them',
        ),
      );
    }
  }
}
