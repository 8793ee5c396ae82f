/**
 * `updateNode(id, fields)`: the validated edit of one node's recorded fields (the 詳細 panel's
 * form, or any GraphQL client). The generated @neo4j/graphql mutations stay off on purpose:
 * this path checks every field against the zod schema of the node's label in model.ts, reads
 * the values as the importer reads CSV cells (server/import/fields.ts), validates the merged
 * node, and writes the changes, the extra labels of a Person and the graph version in one
 * transaction (cypher/node-update-read, node-update, bump-graph-version).
 *
 * Errors: unknown id → NOT_FOUND; anything wrong with the fields → BAD_USER_INPUT whose message
 * names the fields and whose `extensions.fields` lists them ({field, code, message, min?, max?};
 * codes in common/issues.ts). Nothing is written then.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { z } from 'zod';
import { recordAudit, type Actor } from '../auth/audit';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { fieldIssueKind, type FieldIssueCode } from '../../common/issues';
import {
  EDITABLE_NODE_LABELS,
  NODE_SCHEMAS,
  type EditableNodeLabel,
  type NodeLabel,
} from '../../common/model';
import { WRITER_FIELDS, convertCell, nodeFields, type FieldInfo } from '../import/fields';
import { reasonOf, toNeo4j } from '../import/validate';
import { plain } from '../projection/load';
import { badInput, fieldErrors, notFound, type FieldProblem } from './errors';
import type { UpdateNodeArgs } from './validate';

type Args = z.infer<typeof UpdateNodeArgs>;

/** What updateNode returns (SDL type UpdatedNode). */
export interface UpdatedNode {
  id: string;
  kind: EditableNodeLabel;
  name: string;
  changed: string[];
  updatedAt: string | null;
  graphVersion: number;
}

/** Fields never taken from input: the id and the writer's timestamps. */
const READ_ONLY: ReadonlySet<string> = new Set(['id', ...WRITER_FIELDS]);
/** Person fields stored as extra labels, not properties. */
const LABEL_FIELDS: Record<string, 'KeyPerson' | 'Talent'> = {
  isKeyPerson: 'KeyPerson',
  isTalent: 'Talent',
};

/** Rolls the transaction back (releasing the lock) when no value differs from the stored one. */
class NothingChanged extends Error {
  constructor(readonly result: UpdatedNode) {
    super('nothing changed');
  }
}

const CONVERT_CODES: Partial<Record<FieldInfo['kind'], FieldIssueCode>> = {
  int: 'int',
  number: 'number',
  boolean: 'boolean',
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export async function updateNode(
  db: Database,
  args: Args,
  actor: Actor,
  mayEdit: (kind: string) => void,
): Promise<UpdatedNode> {
  const session = db.driver.session({ database: db.database });
  try {
    return await session.executeWrite(async (tx) => {
      const updated = await edit(tx, args, mayEdit);
      await recordAudit(tx, actor, 'node.update', args.id, { fields: updated.changed });
      return updated;
    });
  } catch (err) {
    if (err instanceof NothingChanged) return err.result;
    throw err;
  } finally {
    await session.close();
  }
}

async function edit(
  tx: ManagedTransaction,
  args: Args,
  mayEdit: (kind: string) => void,
): Promise<UpdatedNode> {
  const read = await tx.run(cypher('node-update-read'), { id: args.id });
  const row = read.records[0];
  if (!row) throw notFound(`No node with id ${args.id}`);
  const labels = row.get('labels') as string[];
  const kind = labels.find((l) => l !== 'Entity') ?? 'node';
  mayEdit(kind);
  const props = row.get('props') as Record<string, unknown>;
  const label = EDITABLE_NODE_LABELS.find((l) => labels.includes(l));
  if (!label) {
    throw badInput(
      kind === 'Introduction'
        ? `${args.id} is an introduction: change it with recordIntroduction, not updateNode`
        : `${args.id} is a ${kind}, which cannot be edited (editable: ${EDITABLE_NODE_LABELS.join(', ')})`,
    );
  }
  const fields = nodeFields(label as NodeLabel);
  const editable = Object.keys(fields).filter((k) => !READ_ONLY.has(k));

  // 1. Each change: a field of this label, read from text as an import cell is.
  const problems: FieldProblem[] = [];
  const changes = new Map<string, unknown>();
  for (const { name, value } of args.fields) {
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
  if (problems.length > 0) throw fieldErrors(problems);

  // 2. The node as it would be, validated whole by the label's schema.
  const current: Record<string, unknown> = {};
  for (const k of Object.keys(fields)) {
    if (label === 'Person' && k in LABEL_FIELDS) current[k] = labels.includes(LABEL_FIELDS[k]!);
    else {
      const v = plain(props[k]);
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
    throw fieldErrors(problems);
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
  const name = String(valid.name ?? current.name ?? '');
  if (changed.length === 0) {
    throw new NothingChanged({
      id: args.id,
      kind: label,
      name,
      changed,
      updatedAt: (plain(props.updatedAt) as string | undefined) ?? null,
      graphVersion: Number(plain(row.get('version'))),
    });
  }

  const now = new Date().toISOString();
  const written = await tx.run(cypher('node-update').replaceAll('__LABEL__', label), {
    id: args.id,
    set,
    kp: extra.kp,
    tal: extra.tal,
    now,
  });
  // The node was locked by the read above; it cannot have gone away in between.
  if (written.records.length !== 1) throw notFound(`No node with id ${args.id}`);
  const bumped = await tx.run(cypher('bump-graph-version'), { now });
  return {
    id: args.id,
    kind: label,
    name: String(written.records[0]!.get('name') ?? name),
    changed,
    updatedAt: now,
    graphVersion: Number(plain(bumped.records[0]!.get('version'))),
  };
}
