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
import { fieldIssueKind, type FieldIssueCode } from '../../common/issues';
import {
  EDITABLE_NODE_LABELS,
  NODE_SCHEMAS,
  type EditableNodeLabel,
  type NodeLabel,
} from '../../common/model';
import { WRITER_FIELDS, convertCell, nodeFields, type FieldInfo } from '../import/fields';
import { plain } from '../projection/load';
import type { NodePatch } from './changeSet';
import { WriteRejected, type WriteProblem } from './errors';
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
const READ_ONLY: ReadonlySet<string> = new Set(['id', ...WRITER_FIELDS]);
/** Person fields stored as extra labels, not properties. */
const LABEL_FIELDS: Record<string, 'KeyPerson' | 'Talent'> = {
  isKeyPerson: 'KeyPerson',
  isTalent: 'Talent',
};

const CONVERT_CODES: Partial<Record<FieldInfo['kind'], FieldIssueCode>> = {
  int: 'int',
  number: 'number',
  boolean: 'boolean',
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

export function preparePatch(patch: NodePatch, node: LockedNode): PreparedPatch {
  const label = editableLabel(node);
  const fields = nodeFields(label as NodeLabel);
  const editable = Object.keys(fields).filter((k) => !READ_ONLY.has(k));

  // 1. Each change: a field of this label, read from text as an import cell is.
  const problems: WriteProblem[] = [];
  const changes = new Map<string, unknown>();
  for (const { name, value } of patch.fields) {
    const info = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
    if (changes.has(name) || problems.some((p) => p.field === name)) {
      problems.push({ field: name, code: 'invalid', message: 'is given more than once' });
    } else if (READ_ONLY.has(name)) {
      problems.push({
        field: name,
        code: 'readOnly',
        message: 'cannot be changed (the id and the timestamps are kept by the server)',
      });
    } else if (!info) {
      problems.push({
        field: name,
        code: 'unknownField',
        message: `is not a field of ${label} (editable: ${editable.join(', ')})`,
      });
    } else {
      const c = convertCell(info, value ?? '');
      if (c.ok) changes.set(name, c.value);
      else
        problems.push({
          field: name,
          code: CONVERT_CODES[info.kind] ?? 'invalid',
          message: c.reason,
        });
    }
  }
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
  const parsed = (NODE_SCHEMAS[label] as unknown as z.ZodType).safeParse(merged);
  if (!parsed.success) {
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
    throw new WriteRejected(problems);
  }
  const valid = parsed.data as Record<string, unknown>;

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
