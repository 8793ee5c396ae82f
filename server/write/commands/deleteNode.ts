/**
 * `deleteNode(id, erase)`: a node deleted with every tie it has (the 詳細 panel's 削除, after
 * whatIfRemoved has shown what it cuts off), as a write request. The audit entry keeps the
 * kind and name of what was deleted.
 *
 * `erase` (個人情報の削除請求, SPEC §10) is for persons: the node, its properties and every tie
 * go for good, and so do the introductions recorded from or to them (their notes speak of the
 * person); as the broker of others' introductions they are only unlinked. Its audit entry keeps
 * who erased and when — not the name, nor any other erased content.
 */
import { EDITABLE_NODE_LABELS, isRelType, type EditableNodeLabel } from '../../../common/model';
import { cypher } from '../../db/cypher';
import { plain } from '../../projection/load';
import type { Writer } from '../access';
import type { ChangeSet } from '../changeSet';
import { WriteNotFound, WriteRejected } from '../errors';
import type { LockedNode, TxReads, WriteRequest } from '../index';

export interface DeleteNodeInput {
  id: string;
  erase: boolean;
}

/** What deleteNode answers (SDL type DeletedNode). */
export interface DeletedNode {
  id: string;
  kind: EditableNodeLabel;
  erased: boolean;
  /** Ties deleted with it, per type. */
  ties: Array<{ type: string; count: number }>;
  /** Introductions deleted with an erased person. */
  introductions: number;
  graphVersion: number;
}

export interface DeleteState {
  node: LockedNode;
  kind: EditableNodeLabel;
  /** Introductions FROM or TO the person (deleted with an erasure). */
  introductionIds: string[];
}

export function kindOfLocked(node: LockedNode): EditableNodeLabel | null {
  return EDITABLE_NODE_LABELS.find((l) => node.labels.includes(l)) ?? null;
}

async function readState(tx: TxReads, input: DeleteNodeInput): Promise<DeleteState> {
  const node = (await tx.lock([input.id])).get(input.id);
  if (!node) throw new WriteNotFound(`No node with id ${input.id}`);
  const kind = kindOfLocked(node);
  if (!kind)
    throw new WriteRejected([
      {
        field: 'id',
        message: node.labels.includes('Introduction')
          ? `${input.id} is an introduction: change its status with recordIntroduction`
          : `${input.id} cannot be deleted here`,
      },
    ]);
  if (input.erase && kind !== 'Person')
    throw new WriteRejected([
      {
        field: 'erase',
        message: `only a person's data is erased on request (${input.id} is a ${kind})`,
      },
    ]);
  let introductionIds: string[] = [];
  if (input.erase) {
    const ties = await tx.read(cypher('write-node-ties'), { id: input.id });
    introductionIds = ties
      .filter(
        (t) =>
          (t.get('otherLabels') as string[]).includes('Introduction') &&
          ['FROM', 'TO'].includes(t.get('type') as string),
      )
      .map((t) => t.get('otherId') as string);
  }
  return { node, kind, introductionIds: [...new Set(introductionIds)] };
}

/** The relationship types of a result's counts (the others are node labels). */
export function relCounts(counts: Record<string, number>): Array<{ type: string; count: number }> {
  return Object.entries(counts)
    .filter(([k, n]) => isRelType(k) && n > 0)
    .map(([type, count]) => ({ type, count }));
}

export function deleteNodeChanges(input: DeleteNodeInput, state: DeleteState): ChangeSet {
  return { deleteNodes: [input.id, ...state.introductionIds] };
}

export function deleteNodeRequest(
  input: DeleteNodeInput,
  writer: Writer,
): WriteRequest<DeleteState, DeletedNode> {
  return {
    writer,
    read: (tx) => readState(tx, input),
    build: (state) => deleteNodeChanges(input, state),
    audit: (_r, state) =>
      input.erase
        ? { action: 'node.erase', target: input.id, detail: { kind: state.kind } }
        : {
            action: 'node.delete',
            target: input.id,
            detail: { kind: state.kind, name: String(plain(state.node.props.name) ?? '') },
          },
    respond: (r, state) => ({
      id: input.id,
      kind: state.kind,
      erased: input.erase,
      ties: relCounts(r.deleted),
      introductions: state.introductionIds.length,
      graphVersion: r.graphVersion,
    }),
  };
}
