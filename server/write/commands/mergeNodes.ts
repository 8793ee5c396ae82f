/**
 * `mergeNodes(keep, merge)`: two records of the same person (organisation, SME, event) made
 * one, as a write request in one transaction: every tie and introduction of `merge` moves to
 * `keep` (a tie `keep` already has of the same type to the same node stays as it is; a tie
 * between the two goes), fields `keep` lacks are filled from `merge` (and a declared key
 * person or a talent stays one), then `merge` is deleted. The audit entry says which two were
 * merged and how many ties moved.
 */
import {
  RELATIONSHIPS,
  isRelType,
  type EditableNodeLabel,
  type NodeLabel,
  type RelType,
} from '../../../common/model';
import { cypher } from '../../db/cypher';
import { nodeFields, relFields } from '../../import/fields';
import { plain } from '../../projection/load';
import type { Writer } from '../access';
import type { ChangeSet, FieldText, Row } from '../changeSet';
import { WriteNotFound, WriteRejected } from '../errors';
import type { LockedNode, TxReads, WriteRequest } from '../index';
import { READ_ONLY } from '../patch';
import { kindOfLocked } from './deleteNode';

export interface MergeNodesInput {
  keep: string;
  merge: string;
}

/** One stored tie of the merged node. */
export interface StoredTie {
  type: string;
  out: boolean;
  otherId: string;
  props: Record<string, unknown>;
}

export interface MergeState {
  keep: LockedNode;
  merge: LockedNode;
  kind: EditableNodeLabel;
  ties: StoredTie[];
}

/** What mergeNodes answers (SDL type MergedNodes). */
export interface MergedNodes {
  keptId: string;
  mergedId: string;
  kind: EditableNodeLabel;
  name: string;
  /** Ties moved to the kept node (those it already had are not counted). */
  movedTies: number;
  /** Fields the kept node took from the merged one. */
  filledFields: string[];
  graphVersion: number;
}

const LABEL_FIELDS: Record<string, string> = { isKeyPerson: 'KeyPerson', isTalent: 'Talent' };

/** A stored value as the text a FieldText carries (lists joined by ';'). */
function asText(v: unknown): string {
  return Array.isArray(v) ? v.map(String).join(';') : String(v);
}

/** The fields `keep` lacks and `merge` has, as an edit of `keep`. */
export function fillFields(
  kind: EditableNodeLabel,
  keep: LockedNode,
  merge: LockedNode,
): FieldText[] {
  const out: FieldText[] = [];
  for (const k of Object.keys(nodeFields(kind as NodeLabel))) {
    if (READ_ONLY.has(k)) continue;
    if (kind === 'Person' && k in LABEL_FIELDS) {
      const l = LABEL_FIELDS[k]!;
      if (merge.labels.includes(l) && !keep.labels.includes(l))
        out.push({ name: k, value: 'true' });
      continue;
    }
    const mine = plain(keep.props[k]);
    const theirs = plain(merge.props[k]);
    const empty = (v: unknown) =>
      v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty(mine) && !empty(theirs)) out.push({ name: k, value: asText(theirs) });
  }
  return out;
}

/** The change set of a merge (pure; throws WriteRejected). */
export function mergeChanges(input: MergeNodesInput, state: MergeState): ChangeSet {
  const relationships: Partial<Record<RelType, Row[]>> = {};
  const seen = new Set<string>();
  for (const t of state.ties) {
    if (!isRelType(t.type) || t.otherId === input.keep) continue; // a tie between the two goes
    const type = t.type;
    const [from, to] = t.out ? [input.keep, t.otherId] : [t.otherId, input.keep];
    const key = `${type}|${from}|${to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row: Row = { from, to };
    const fields = relFields(type);
    for (const [k, v] of Object.entries(t.props))
      if (k !== 'from' && k !== 'to' && k in fields && k in RELATIONSHIPS[type].props.shape)
        row[k] = plain(v);
    (relationships[type] ??= []).push(row);
  }
  const fill = fillFields(state.kind, state.keep, state.merge);
  return {
    ensure: relationships,
    ...(fill.length > 0 ? { patches: [{ id: input.keep, fields: fill }] } : {}),
    deleteNodes: [input.merge],
  };
}

async function readState(tx: TxReads, input: MergeNodesInput): Promise<MergeState> {
  if (input.keep === input.merge)
    throw new WriteRejected([{ field: 'merge', message: 'must differ from keep' }]);
  const locked = await tx.lock([input.keep, input.merge]);
  const keep = locked.get(input.keep);
  const merge = locked.get(input.merge);
  if (!keep) throw new WriteNotFound(`No node with id ${input.keep} (keep)`);
  if (!merge) throw new WriteNotFound(`No node with id ${input.merge} (merge)`);
  const kind = kindOfLocked(keep);
  const other = kindOfLocked(merge);
  if (!kind || kind !== other)
    throw new WriteRejected([
      {
        field: 'merge',
        message: `only two nodes of the same kind are merged (${input.keep} is a ${kind ?? 'node of another kind'}, ${input.merge} a ${other ?? 'node of another kind'})`,
      },
    ]);
  const ties = (await tx.read(cypher('write-node-ties'), { id: input.merge })).map((r) => ({
    type: r.get('type') as string,
    out: r.get('out') as boolean,
    otherId: r.get('otherId') as string,
    props: r.get('props') as Record<string, unknown>,
  }));
  return { keep, merge, kind, ties };
}

export function mergeNodesRequest(
  input: MergeNodesInput,
  writer: Writer,
): WriteRequest<MergeState, MergedNodes> {
  const moved = (r: { created: Record<string, number> }) =>
    Object.entries(r.created)
      .filter(([k]) => isRelType(k))
      .reduce((n, [, c]) => n + c, 0);
  return {
    writer,
    read: (tx) => readState(tx, input),
    build: (state) => mergeChanges(input, state),
    audit: (r, state) => ({
      action: 'node.merge',
      target: input.keep,
      detail: { kind: state.kind, merged: input.merge, movedTies: moved(r) },
    }),
    respond: (r, state) => ({
      keptId: input.keep,
      mergedId: input.merge,
      kind: state.kind,
      name: r.patched[0]?.name ?? String(plain(state.keep.props.name) ?? ''),
      movedTies: moved(r),
      filledFields: r.patched[0]?.changed ?? [],
      graphVersion: r.graphVersion,
    }),
  };
}
