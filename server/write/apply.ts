/**
 * A write inside its one transaction (steps 1–4 of server/write/index.ts, the rows already
 * checked by checkRows.ts): the edited nodes locked and prepared (edits.ts), the regions
 * checked before (regionCheck.ts), nodes, relationships and deletions written in batches
 * (batches.ts, plan.ts) — a bulk write's relationship rows validated while its nodes are
 * written —, the regions checked after, then the result, version, audit and answer
 * (conclude.ts).
 */
import type { Integer } from 'neo4j-driver';
import { BatchWriter, DEFAULT_BATCH_SIZE, type WriteTx } from './batches';
import { changeSetSize, type ChangeCounts } from './changeSet';
import type { CheckedRows } from './checkRows';
import { concludeWrite } from './conclude';
import { lockEdits, relationshipDeletions } from './edits';
import { WriteRejected } from './errors';
import { planDeletes, planNodes, planRelationships } from './plan';
import { checkRegionsAfter, checkRegionsBefore } from './regionCheck';
import type { BoundWrite, WriteOptions } from './request';
import type { StagedRunner } from './staged';
import { txReader, type Outcome } from './transaction';
import { validateRelationships } from './validate';

/** A staged write's batches: its id, the runner of their transactions, the final switch. */
export interface Staging {
  run: string;
  runner: StagedRunner;
  /** Makes the staged nodes visible, inside the write's transaction. */
  relabel: (onBatch: (nodes: number) => void) => Promise<number>;
}

function emptyCounts(): ChangeCounts {
  return { created: {}, updated: {}, unchanged: {}, deleted: {} };
}

/** The write inside its transaction: steps 1–4 of the file comment of index.ts. */
export async function inTransaction<R>(
  tx: WriteTx,
  request: BoundWrite<R>,
  staged: CheckedRows,
  now: string,
  opts: WriteOptions,
  staging?: Staging,
): Promise<Outcome<R>> {
  const { changes, nodes } = staged;
  const writer = request.writer;
  const read = txReader(tx);
  const total = changeSetSize(changes);

  const locked = await lockEdits(read, changes, nodes, writer);
  const { patches, deletions } = locked;
  const deleted = new Set(deletions.map((d) => d.id));
  const relDeletions = await relationshipDeletions(read, changes, nodes.inDb);

  const regionCheck = await checkRegionsBefore(read, writer, staged, locked, relDeletions);

  const counts = emptyCounts();
  const batches = new BatchWriter(
    tx,
    counts,
    now,
    !opts.bulk,
    Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE),
    total,
    opts.onProgress,
    staging?.runner,
  );
  const nodesWritten = batches.write(
    planNodes(nodes.prepared, patches, nodes.inDb, now, changes.serverFields, staging?.run),
  );
  nodesWritten.catch(() => undefined); // awaited below
  let relationships = staged.relationships;
  if (!relationships) {
    try {
      relationships = await validateRelationships(staged.reader, nodes, changes, {
        yieldNow: true,
        markUnchanged: true,
      });
    } catch (e) {
      await nodesWritten.catch(() => undefined);
      throw e;
    }
    if (relationships.errors.length > 0) {
      await nodesWritten.catch(() => undefined);
      throw new WriteRejected(relationships.errors);
    }
  }
  const endsDeleted = Object.values(relationships.prepared.relationships).flatMap((rows) =>
    (rows ?? []).flatMap((r) => [r.from, r.to]).filter((id) => deleted.has(id)),
  );
  if (endsDeleted.length > 0) {
    await nodesWritten.catch(() => undefined);
    throw new WriteRejected(
      [...new Set(endsDeleted)].map((id) => ({
        field: 'id',
        message: `${id} is deleted by this write and cannot be tied to`,
      })),
    );
  }
  opts.onProgress?.({ phase: 'validate', done: total, total });
  await nodesWritten;
  const dbNodeIdOf = (id: string): Integer => {
    const found = nodes.inDb.get(id);
    if (!found) throw new Error(`write: ${id} was not found in the database by validation`);
    return found.nodeId;
  };
  await batches.write(
    planRelationships(relationships.prepared, batches.nodeIds, dbNodeIdOf, staging !== undefined),
  );
  if (staging) {
    const created = batches.nodeIds.size;
    opts.onProgress?.({ phase: 'switch', done: 0, total: created });
    await staging.relabel((done) => opts.onProgress?.({ phase: 'switch', done, total: created }));
  }
  await batches.write(planDeletes(deletions, relDeletions));
  batches.finish();

  await checkRegionsAfter(read, writer, regionCheck, deleted);

  return concludeWrite(
    tx,
    read,
    request,
    { counts, patches, total, staged: staging !== undefined },
    now,
    opts,
  );
}
