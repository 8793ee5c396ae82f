/**
 * The stored nodes and relationships a write edits or deletes, read inside its transaction:
 * patched and deleted nodes locked (so a concurrent write of them waits) and read, each patch
 * merged with its node (patch.ts), and the relationships to delete found with the internal
 * ids of their ends.
 */
import { NODE_LABELS, REL_TYPES } from '../../common/model';
import { cypher } from '../db/cypher';
import { assertMayRead, type RegionMap, type Writer } from './access';
import type { ChangeSet } from './changeSet';
import { WriteNotFound, WriteRejected, type WriteProblem } from './errors';
import { preparePatch, type LockedNode, type PreparedPatch } from './patch';
import type { NodeToDelete, RelationshipToDelete } from './plan';
import { readNodeRegions } from './regions';
import { internalId, lookupIds, type DbNode, type NodeValidation, type Reader } from './validate';

/** Locks and reads nodes in one statement, in id order (two writes lock in the same order). */
export async function lockNodes(
  read: Reader,
  ids: readonly string[],
): Promise<Map<string, LockedNode>> {
  const out = new Map<string, LockedNode>();
  if (ids.length === 0) return out;
  const sorted = [...new Set(ids)].sort();
  for (const r of await read(cypher('write-lock-nodes'), { ids: sorted })) {
    out.set(r.get('id') as string, {
      id: r.get('id') as string,
      labels: r.get('labels') as string[],
      props: r.get('props') as Record<string, unknown>,
      nodeId: internalId(r.get('nodeId') as number),
    });
  }
  return out;
}

/**
 * Patches and node deletions: their nodes locked and read (and, for a writer limited to some
 * regions, found readable before anything is judged by what they hold), each patch prepared.
 */
export async function lockEdits(
  read: Reader,
  changes: ChangeSet,
  inInput: NodeValidation,
  writer: Writer,
): Promise<{ patches: PreparedPatch[]; deletions: NodeToDelete[]; regions: RegionMap }> {
  const patchIds = (changes.patches ?? []).map((p) => p.id);
  const deleteIds = changes.deleteNodes ?? [];
  const problems: WriteProblem[] = [];
  const seen = new Set<string>();
  for (const id of [...patchIds, ...deleteIds]) {
    if (inInput.nodeIds.has(id) || seen.has(id))
      problems.push({ field: 'id', message: `${id} is changed more than once by this write` });
    seen.add(id);
  }
  if (problems.length > 0) throw new WriteRejected(problems);
  const locked = await lockNodes(read, [...patchIds, ...deleteIds]);
  for (const id of seen) if (!locked.has(id)) throw new WriteNotFound(`No node with id ${id}`);
  let regions: RegionMap = new Map();
  if (writer.regionIds !== null && seen.size > 0) {
    regions = await readNodeRegions(read, seen);
    assertMayRead(writer, seen, regions);
  }
  const patches: PreparedPatch[] = [];
  for (const patch of changes.patches ?? []) {
    try {
      patches.push(preparePatch(patch, locked.get(patch.id)!));
    } catch (e) {
      if (!(e instanceof WriteRejected)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new WriteRejected(problems);
  const deletions = deleteIds.map((id) => {
    const node = locked.get(id)!;
    // Its kind (a Person may carry :KeyPerson and :Talent besides).
    const label = NODE_LABELS.find((l) => node.labels.includes(l));
    if (!label) throw new WriteRejected([{ field: 'id', message: `${id} is not deleted here` }]);
    return { id, nodeId: node.nodeId, label };
  });
  return { patches, deletions, regions };
}

/** Relationship deletions with their endpoints' internal ids (rows whose ends are gone drop out). */
export async function relationshipDeletions(
  read: Reader,
  changes: ChangeSet,
  inDb: Map<string, DbNode>,
): Promise<RelationshipToDelete[]> {
  const keys = changes.deleteRelationships ?? [];
  const bad = keys.filter((k) => !REL_TYPES.includes(k.type));
  if (bad.length > 0)
    throw new WriteRejected(
      bad.map((k) => ({ field: 'type', message: `not a relationship type: ${String(k.type)}` })),
    );
  const missing = keys.flatMap((k) => [k.from, k.to]).filter((id) => !inDb.has(id));
  await lookupIds(read, [...new Set(missing)], inDb);
  const out: RelationshipToDelete[] = [];
  for (const k of keys) {
    const a = inDb.get(k.from);
    const b = inDb.get(k.to);
    if (a && b) out.push({ type: k.type, a: a.nodeId, b: b.nodeId, from: k.from, to: k.to });
  }
  return out;
}
