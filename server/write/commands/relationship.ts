/**
 * `setRelationship(type, from, to, properties)` and `deleteRelationship(type, from, to)`: one
 * tie of SPEC §2 created, changed or deleted (a form's "connect to…", a KNOWS tie's strength,
 * an ENGAGED_WITH's status), as write requests. Properties are read from text as updateNode's
 * fields are, validated by the type's schema in model.ts; a property not given keeps its
 * stored value; a new tie gets `since` = today when its type has it and none is given. A
 * symmetric type (KNOWS, PARTNERS_WITH) is one tie whichever way it is named.
 */
import { SYMMETRIC_REL_TYPES, type RelType } from '../../../common/model';
import { cypher } from '../../db/cypher';
import type { Writer } from '../access';
import type { FieldText } from '../changeSet';
import { WriteNotFound, WriteRejected } from '../errors';
import type { TxReads, WriteRequest } from '../index';
import { assertRelType } from '../plan';
import { rejectIfAny, tieRow } from './ties';

export interface RelationshipInput {
  type: RelType;
  from: string;
  to: string;
}

export interface SetRelationshipInput extends RelationshipInput {
  properties: readonly FieldText[];
}

/** What setRelationship and deleteRelationship answer (SDL type RelationshipChange). */
export interface RelationshipChange {
  type: RelType;
  from: string;
  to: string;
  created: boolean;
  updated: boolean;
  deleted: boolean;
  graphVersion: number;
}

/** Locks both ends (NOT_FOUND naming the missing one) and says whether the tie is there. */
async function readTie(tx: TxReads, input: RelationshipInput): Promise<{ exists: boolean }> {
  if (input.from === input.to)
    throw new WriteRejected([
      { field: 'to', message: 'must differ from from (a tie joins two nodes)' },
    ]);
  const ends = await tx.lock([input.from, input.to]);
  for (const end of ['from', 'to'] as const)
    if (!ends.has(input[end])) throw new WriteNotFound(`No node with id ${input[end]} (${end})`);
  assertRelType(input.type);
  const [row] = await tx.read(cypher('write-find-rel'), {
    from: input.from,
    to: input.to,
    type: input.type,
    symmetric: SYMMETRIC_REL_TYPES.has(input.type),
  });
  return { exists: Number(row?.get('found') ?? 0) > 0 };
}

/** Whether the write's counts name the tie's type (one tie per write). */
function counted(input: RelationshipInput, counts: Record<string, number>): boolean {
  return (counts[input.type] ?? 0) > 0;
}

export function setRelationshipRequest(
  input: SetRelationshipInput,
  writer: Writer,
): WriteRequest<{ exists: boolean }, RelationshipChange> {
  return {
    writer,
    read: (tx) => readTie(tx, input),
    build: (state, now) => {
      const { row, problems } = tieRow(input.type, input.from, input.to, input.properties, {
        today: now.slice(0, 10),
        isNew: !state.exists,
      });
      rejectIfAny(problems);
      return { relationships: { [input.type]: [row] } };
    },
    audit: (r) => ({
      action: 'relationship.set',
      target: input.from,
      detail: {
        type: input.type,
        from: input.from,
        to: input.to,
        created: counted(input, r.created),
        fields: input.properties.map((p) => p.name),
      },
    }),
    respond: (r) => ({
      type: input.type,
      from: input.from,
      to: input.to,
      created: counted(input, r.created),
      updated: counted(input, r.updated),
      deleted: false,
      graphVersion: r.graphVersion,
    }),
  };
}

export function deleteRelationshipRequest(
  input: RelationshipInput,
  writer: Writer,
): WriteRequest<{ exists: boolean }, RelationshipChange> {
  return {
    writer,
    read: async (tx) => {
      const state = await readTie(tx, input);
      if (!state.exists)
        throw new WriteNotFound(`No ${input.type} tie between ${input.from} and ${input.to}`);
      return state;
    },
    build: () => ({ deleteRelationships: [{ type: input.type, from: input.from, to: input.to }] }),
    audit: () => ({
      action: 'relationship.delete',
      target: input.from,
      detail: { type: input.type, from: input.from, to: input.to },
    }),
    respond: (r) => ({
      type: input.type,
      from: input.from,
      to: input.to,
      created: false,
      updated: false,
      deleted: counted(input, r.deleted),
      graphVersion: r.graphVersion,
    }),
  };
}
