/**
 * An edit of a stored node (a NodePatch of the change set), prepared without the database:
 * each field must be one of its label's (server/import/fields.ts derives them from model.ts),
 * is read from text as an import cell is, and the node as it would be is validated whole by the
 * label's schema (so the rules across fields hold: a talent needs its kind). Only what really
 * differs from the stored value is written; a value given as null or '' is removed. Text is
 * kept as typed: trimmed, nothing else.
 */
import type { Integer } from 'neo4j-driver';
import type { z } from 'zod';
import { fieldIssueKind } from '../../common/issues';
import {
  EDITABLE_NODE_LABELS,
  NODE_SCHEMAS,
  type EditableNodeLabel,
  type NodeLabel,
} from '../../common/model';
import { WRITER_FIELDS, nodeFields, type FieldMap } from '../import/fields';
import { plain } from '../projection/load';
import type { NodePatch } from './changeSet';
import { WriteRejected, type WriteProblem } from './errors';
import { readFieldTexts } from './fieldText';
import { reasonOf, toNeo4j } from './validate';

/** A node as the write transaction locked and read it (cypher/write-lock-nodes). */
export interface LockedNode {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
  nodeId: Integer;
}

/** A patch ready for cypher/write-update-nodes (persons: write-update-persons). */
export interface PreparedPatch {
  id: string;
  nodeId: Integer;
  label: EditableNodeLabel;
  /** The changed properties (null = remove). */
  set: Record<string, unknown>;
  /** :KeyPerson / :Talent of a Person: true = set, false = remove, null = as is. */
  kp: boolean | null;
  tal: boolean | null;
  /** The fields whose value differs from the stored one. */
  changed: string[];
  /** The node's name after the edit. */
  name: string;
  /** The stored updatedAt (the answer of an edit that changes nothing). */
  updatedAt: string | null;
  unchanged: boolean;
}

/** Fields never taken from input: the id and the writer's timestamps. */
export const READ_ONLY: ReadonlySet<string> = new Set(['id', ...WRITER_FIELDS]);
/** Person fields stored as extra labels, not properties. */
const LABEL_FIELDS: Record<string, 'KeyPerson' | 'Talent'> = {
  isKeyPerson: 'KeyPerson',
  isTalent: 'Talent',
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The editable label of a stored node, or WriteRejected naming what it is. */
function editableLabel(node: LockedNode): EditableNodeLabel {
  const label = EDITABLE_NODE_LABELS.find((l) => node.labels.includes(l));
  if (label) return label;
  const kind = node.labels.find((l) => l !== 'Entity') ?? 'node';
  throw new WriteRejected([
    {
      field: '',
      message:
        kind === 'Introduction'
          ? `${node.id} is an introduction: change it with recordIntroduction, not field by field`
          : `${node.id} is a ${kind}, which cannot be edited (editable: ${EDITABLE_NODE_LABELS.join(', ')})`,
    },
  ]);
}

/**
 * A node's fields validated whole by its label's schema: the parsed values, or null with a
 * problem (code, bound) added for every field not already in `problems`.
 */
export function validateWhole(
  label: NodeLabel,
  merged: Record<string, unknown>,
  fields: FieldMap,
  problems: WriteProblem[],
): Record<string, unknown> | null {
  return validateBySchema(NODE_SCHEMAS[label] as unknown as z.ZodType, merged, fields, problems);
}

/** validateWhole with any object schema (a relationship type's properties). */
export function validateBySchema(
  schema: z.ZodType,
  merged: Record<string, unknown>,
  fields: FieldMap,
  problems: WriteProblem[],
): Record<string, unknown> | null {
  const parsed = schema.safeParse(merged);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (problems.some((p) => p.field === field)) continue;
    const value = merged[field];
    problems.push({
      field,
      ...fieldIssueKind(issue, field, value),
      message:
        issue.code === 'invalid_type' && value === undefined
          ? 'is required'
          : reasonOf(issue, value, fields[field]),
    });
  }
  return null;
}

export function preparePatch(patch: NodePatch, node: LockedNode): PreparedPatch {
  const label = editableLabel(node);
  const fields = nodeFields(label as NodeLabel);

  // 1. Each change: a field of this label, read from text as an import cell is.
  const { values: changes, problems } = readFieldTexts(label, fields, patch.fields, READ_ONLY);
  if (problems.length > 0) throw new WriteRejected(problems);

  // 2. The node as it would be, validated whole by the label's schema.
  const current: Record<string, unknown> = {};
  for (const k of Object.keys(fields)) {
    if (label === 'Person' && k in LABEL_FIELDS)
      current[k] = node.labels.includes(LABEL_FIELDS[k]!);
    else {
      const v = plain(node.props[k]);
      if (v !== null && v !== undefined) current[k] = v;
    }
  }
  const merged: Record<string, unknown> = { ...current, ...Object.fromEntries(changes) };
  const valid = validateWhole(label, merged, fields, problems);
  if (!valid) throw new WriteRejected(problems);

  // 3. Only what really differs is written; a value given as null or empty is removed.
  const set: Record<string, unknown> = {};
  const extra: { kp: boolean | null; tal: boolean | null } = { kp: null, tal: null };
  const changed: string[] = [];
  for (const [k, given] of changes) {
    const next = given === undefined ? undefined : valid[k];
    if (same(current[k], next)) continue;
    changed.push(k);
    if (label === 'Person' && k in LABEL_FIELDS) {
      extra[k === 'isKeyPerson' ? 'kp' : 'tal'] = Boolean(next);
    } else {
      set[k] = toNeo4j(fields[k], next);
    }
  }
  return {
    id: node.id,
    nodeId: node.nodeId,
    label,
    set,
    ...extra,
    changed,
    name: String(valid.name ?? current.name ?? ''),
    updatedAt: (plain(node.props.updatedAt) as string | undefined) ?? null,
    unchanged: changed.length === 0,
  };
}
