/**
 * The first stage of validation: the node rows (schema, duplicate ids), and the ids of the
 * input looked up in the database (a node must keep its label).
 */
import type { z } from 'zod';
import { NODE_LABELS, NODE_SCHEMAS, type NodeLabel } from '../../../common/model';
import { nodeFields } from '../../import/fields';
import type { ChangeSet, RowSource } from '../changeSet';
import type { WriteProblem } from '../errors';
import { sameProperties } from '../unchanged';
import { lookupIds, type DbNode, type StoredNode } from './lookup';
import type { Prepared, PreparedNode } from './prepared';
import type { Reader } from './reader';
import { show } from './reasons';
import { checkRow, fieldEntries, problem, sourceOf } from './rows';
import { toNeo4j } from './values';

/** Person fields written as labels (KeyPerson, Talent), not as properties. */
const PERSON_LABEL_FIELDS: Record<string, 'kp' | 'tal'> = { isKeyPerson: 'kp', isTalent: 'tal' };

/** A valid node row of the input, by id. */
export interface InputNode {
  label: NodeLabel;
  src: RowSource;
  /** Its position among the input's valid nodes (for compact relationship keys). */
  index: number;
}

/**
 * The first stage of validation: the node rows, and the ids of the input looked up in the
 * database (a node must keep its label; existing nodes are updated, the others created).
 * `prepared.nodes` is complete and can be written before the relationships are checked.
 */
export interface NodeValidation {
  errors: WriteProblem[];
  prepared: Prepared;
  nodeIds: Map<string, InputNode>;
  failedIds: Map<string, NodeLabel>;
  /** Ids found in the database (the input's, then the relationship endpoints not in it). */
  inDb: Map<string, DbNode>;
}

/**
 * The first stage (see NodeValidation). With `markUnchanged` (the writer's call), rows the
 * database already holds as given are marked `unchanged`.
 */
export async function validateNodes(
  read: Reader | null,
  changes: Pick<ChangeSet, 'nodes' | 'sources'>,
  opts: { markUnchanged?: boolean } = {},
): Promise<NodeValidation> {
  const sources = changes.sources;
  const errors: WriteProblem[] = [];
  const prepared: Prepared = { nodes: {}, relationships: {} };
  const nodeIds = new Map<string, InputNode>();
  const nodeSrcs: {
    id: string;
    label: NodeLabel;
    src: RowSource;
    p: PreparedNode;
  }[] = [];
  const failedIds = new Map<string, NodeLabel>();
  // Nodes
  for (const [labelKey, rows] of Object.entries(changes.nodes ?? {})) {
    if (!rows) continue;
    if (!(NODE_LABELS as string[]).includes(labelKey)) {
      errors.push(
        problem(
          { file: `nodes.${labelKey}`, row: 0 },
          '',
          `unknown node label (expected one of ${NODE_LABELS.join(', ')})`,
        ),
      );
      continue;
    }
    const label = labelKey as NodeLabel;
    const schema = NODE_SCHEMAS[label] as unknown as z.ZodType;
    const fields = nodeFields(label);
    const out: PreparedNode[] = [];
    rows.forEach((raw, i) => {
      const src = sourceOf(sources, 'nodes', label, i);
      const { ok, parsed, row } = checkRow(label, schema, fields, raw, src, errors);
      if (!ok) {
        // Remember the label of a rejected row, so references to it are not reported twice.
        if (typeof row.id === 'string' && !failedIds.has(row.id.trim()))
          failedIds.set(row.id.trim(), label);
        return;
      }
      const id = parsed.id as string;
      const prev = nodeIds.get(id);
      if (prev) {
        errors.push(
          problem(
            src,
            'id',
            `duplicate id ${show(id)}: already used by the ${prev.label} in ${prev.src.file} row ${prev.src.row} (an id names exactly one node)`,
          ),
        );
        return;
      }
      nodeIds.set(id, { label, src, index: nodeIds.size });
      const p: PreparedNode = { id, set: {}, create: {} };
      nodeSrcs.push({ id, label, src, p });
      for (const [k, info] of fieldEntries(fields)) {
        if (k === 'id') continue;
        const v = toNeo4j(info, parsed[k]);
        if (label === 'Person' && k in PERSON_LABEL_FIELDS) {
          p[PERSON_LABEL_FIELDS[k]!] =
            k in row ? ((parsed[k] as boolean | undefined) ?? null) : null;
          continue;
        }
        if (k in row) p.set[k] = v;
        if (v !== null) p.create[k] = v;
      }
      out.push(p);
    });
    prepared.nodes[label] = out;
  }

  // Ids of the input in the database: a node must keep its label.
  const inDb = new Map<string, DbNode>();
  const stored = opts.markUnchanged ? new Map<string, StoredNode>() : undefined;
  if (read) await lookupIds(read, [...nodeIds.keys()], inDb, stored);
  for (const { id, label, src, p } of nodeSrcs) {
    if (!inDb.has(id)) continue;
    const held = stored?.get(id);
    p.unchanged =
      held !== undefined &&
      sameProperties(held.properties, p.set) &&
      (p.kp == null || p.kp === held.labels.includes('KeyPerson')) &&
      (p.tal == null || p.tal === held.labels.includes('Talent'));
    const existing = inDb.get(id)!.label;
    if (existing !== label) {
      errors.push(
        problem(
          src,
          'id',
          `id ${show(id)} already names a ${existing ?? 'node of another kind'} in the database, not a ${label} (use another id)`,
        ),
      );
    }
  }
  return { errors, prepared, nodeIds, failedIds, inDb };
}
