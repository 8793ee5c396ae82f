/**
 * `updateNode(id, fields)`: the edit of one node's recorded fields (the 詳細 panel's form, or
 * any GraphQL client) as a write request: one patch, which the write path merges with the
 * stored node (locked), validates with the label's schema in model.ts (server/write/patch.ts),
 * and writes with the graph version and an audit entry in one transaction. An edit that
 * changes nothing writes nothing and answers the stored state.
 */
import type { EditableNodeLabel } from '../../../common/model';
import type { Writer } from '../access';
import type { FieldText } from '../changeSet';
import type { WriteRequest } from '../index';

export interface UpdateNodeInput {
  id: string;
  fields: readonly FieldText[];
}

/** What updateNode answers (SDL type UpdatedNode). */
export interface UpdatedNode {
  id: string;
  kind: EditableNodeLabel;
  name: string;
  changed: string[];
  updatedAt: string | null;
  graphVersion: number;
}

export function updateNodeRequest(
  input: UpdateNodeInput,
  writer: Writer,
): WriteRequest<undefined, UpdatedNode> {
  return {
    writer,
    build: () => ({ patches: [{ id: input.id, fields: input.fields }] }),
    audit: (r) => ({
      action: 'node.update',
      target: input.id,
      detail: { fields: r.patched[0]?.changed ?? [] },
    }),
    respond: (r) => {
      const p = r.patched[0]!;
      return {
        id: p.id,
        kind: p.label,
        name: p.name,
        changed: p.changed,
        updatedAt: p.updatedAt,
        graphVersion: r.graphVersion,
      };
    },
  };
}
