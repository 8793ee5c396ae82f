/**
 * `createNode(kind, fields, ties)`: a new node of an editable kind (a coordinator's form, or
 * any GraphQL client) as a write request. Its id is a fresh UUID (never derived from the name,
 * SPEC §10); its fields are read from text as updateNode's are and validated whole by the
 * kind's schema in model.ts; its first ties (where it is located, where the person works, who
 * attended the event, …) are written with it in the same transaction, so that a coordinator's
 * new node is in their regions from the start (the access rules judge it after the write: a
 * node in none of their regions is refused). New ties get `since` = today when their type has
 * it and none is given.
 */
import {
  EDITABLE_NODE_LABELS,
  type EditableNodeLabel,
  type NodeLabel,
  type RelType,
} from '../../../common/model';
import { nodeFields } from '../../import/fields';
import type { Writer } from '../access';
import type { ChangeSet, FieldText, Row } from '../changeSet';
import { WriteRejected, type WriteProblem } from '../errors';
import { readFieldTexts } from '../fieldText';
import type { WriteRequest } from '../index';
import { READ_ONLY, validateWhole } from '../patch';
import { rejectIfAny, tieRow } from './ties';

/** A tie of the new node: to (or, `incoming`, from) an existing node. */
export interface NewTie {
  type: RelType;
  otherId: string;
  /** The relationship points at the new node (an attendee's ATTENDED to a new event). */
  incoming: boolean;
  properties: readonly FieldText[];
}

export interface CreateNodeInput {
  kind: EditableNodeLabel;
  fields: readonly FieldText[];
  ties: readonly NewTie[];
}

/** What createNode answers (SDL type CreatedNode). */
export interface CreatedNode {
  id: string;
  kind: EditableNodeLabel;
  name: string;
  createdAt: string;
  /** Ties written with it. */
  ties: number;
  graphVersion: number;
}

/** The change set of a new node `id` with its ties (pure; throws WriteRejected). */
export function createNodeChanges(input: CreateNodeInput, id: string, now: string): ChangeSet {
  if (!(EDITABLE_NODE_LABELS as readonly string[]).includes(input.kind))
    throw new WriteRejected([{ field: 'kind', message: `${input.kind} cannot be created here` }]);
  const label = input.kind as NodeLabel;
  const fields = nodeFields(label);
  const { values, problems } = readFieldTexts(label, fields, input.fields, READ_ONLY);
  const row: Row = { id };
  for (const [k, v] of values) if (v !== undefined) row[k] = v;
  // Validated whole here too, so that a form hears of every field at once (with its bound).
  validateWhole(label, row, fields, problems);
  const relationships: Partial<Record<RelType, Row[]>> = {};
  const all: WriteProblem[] = [...problems];
  input.ties.forEach((t, i) => {
    const [from, to] = t.incoming ? [t.otherId, id] : [id, t.otherId];
    const tie = tieRow(t.type, from, to, t.properties, {
      today: now.slice(0, 10),
      isNew: true,
      prefix: `ties.${i}`,
    });
    all.push(...tie.problems);
    (relationships[t.type] ??= []).push(tie.row);
  });
  rejectIfAny(all);
  return { nodes: { [label]: [row] }, relationships };
}

export function createNodeRequest(
  input: CreateNodeInput,
  writer: Writer,
  newId: string,
): WriteRequest<undefined, CreatedNode> {
  let name = '';
  return {
    writer,
    build: (_s, now) => {
      if (writer.regionIds !== null && input.ties.length === 0)
        throw new WriteRejected([
          {
            field: 'ties',
            message: `a new ${input.kind} must be tied to your regions as it is created (e.g. LOCATED_IN your region, a person WORKS_AT an organisation of it, an event HOSTED by one): otherwise it would be in none of them / 新しいデータは担当地域とのつながり（所在地・勤務先・主催など）と一緒に登録してください`,
          },
        ]);
      const changes = createNodeChanges(input, newId, now);
      name = String(changes.nodes?.[input.kind]?.[0]?.name ?? '');
      return changes;
    },
    // Who and when, the kind and how many ties: no field values (they may be personal data).
    audit: () => ({
      action: 'node.create',
      target: newId,
      detail: { kind: input.kind, ties: input.ties.map((t) => t.type) },
    }),
    respond: (r) => ({
      id: newId,
      kind: input.kind,
      name: name.trim(),
      createdAt: r.at,
      ties: input.ties.length,
      graphVersion: r.graphVersion,
    }),
  };
}
