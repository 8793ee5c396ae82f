/**
 * Validation of a change set's rows (server/write/changeSet.ts): every row through the zod
 * schemas of model.ts, then the checks across rows (duplicate ids, endpoints that exist neither
 * in the change set nor in the database, endpoint labels the type does not allow). All problems
 * are collected, never just the first. The result also holds the rows prepared for writing.
 */
import neo4j, { type Integer, type Record as Neo4jRecord } from 'neo4j-driver';
import { z } from 'zod';
import {
  NODE_LABELS,
  NODE_SCHEMAS,
  RELATIONSHIPS,
  REL_TYPES,
  SYMMETRIC_REL_TYPES,
  relationshipRowSchema,
  type NodeLabel,
  type RelType,
} from '../../common/model';
import { fieldIssueKind } from '../../common/issues';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import {
  WRITER_FIELDS,
  nodeFields,
  relFields,
  type FieldInfo,
  type FieldMap,
} from '../import/fields';
import type { ChangeSet, RowSource, RowSources } from './changeSet';
import { sortProblems, type WriteProblem } from './errors';
import { sameProperties } from './unchanged';

/**
 * Runs one read statement: outside the write transaction (a bulk change set is validated
 * before it opens) or inside it (a change built from what the transaction read).
 */
export type Reader = (statement: string, params: Record<string, unknown>) => Promise<Neo4jRecord[]>;

/** A reader in auto-commit transactions of its own. */
export function autoReader(db: Database): Reader {
  return async (statement, params) =>
    (await db.driver.executeQuery(statement, params, { database: db.database })).records;
}

/** A row source that knows which of its file's columns are missing (CSV headers). */
interface SourceWithColumns extends RowSource {
  missingColumns?: ReadonlySet<string>;
}

function problem(src: RowSource, field: string, message: string): WriteProblem {
  return { source: src, field, message };
}

/** A node row ready for cypher/write-create-nodes or write-update-nodes (persons: kp/tal). */
export interface PreparedNode {
  id: string;
  set: Record<string, unknown>;
  create: Record<string, unknown>;
  kp?: boolean | null;
  tal?: boolean | null;
  /**
   * The node is already in the database with every value this row gives (and its key-person
   * and talent labels): not written.
   */
  unchanged?: boolean;
}

/** A relationship row ready for cypher/write-rels. */
export interface PreparedRel {
  from: string;
  to: string;
  set: Record<string, unknown>;
  create: Record<string, unknown>;
  /** Both endpoints and this relationship are in the database, with every value given. */
  unchanged?: boolean;
}

export interface Prepared {
  nodes: Partial<Record<NodeLabel, PreparedNode[]>>;
  relationships: Partial<Record<RelType, PreparedRel[]>>;
}

export interface ValidationResult {
  errors: WriteProblem[];
  prepared: Prepared;
}

const PERSON_LABEL_FIELDS: Record<string, 'kp' | 'tal'> = { isKeyPerson: 'kp', isTalent: 'tal' };

// ---------------------------------------------------------------------------------------------
// Readable reasons for zod issues

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

const KIND_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false (also 1/0, はい/いいえ)',
  array: 'a list (values separated by ;)',
  object: 'an object',
};

/** Default zod messages start like this; the model's own messages ("must …") are kept. */
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Expected|Unrecognized)/;

/** A readable reason for a zod issue (English), with the value that was given. */
export function reasonOf(
  issue: z.core.$ZodIssue,
  value: unknown,
  info: FieldInfo | undefined,
): string {
  const got = value === undefined ? '' : ` (got ${show(value)})`;
  const custom = !ZOD_DEFAULT.test(issue.message);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return 'is required (the cell is empty)';
      const expected =
        info && issue.path.length === 1
          ? KIND_WORDS[info.kind === 'array' ? 'array' : info.kind]
          : (KIND_WORDS[issue.expected] ?? issue.expected);
      return `must be ${expected}${got}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}${got}`;
    case 'too_small':
    case 'too_big': {
      if (custom) return `${issue.message}${got}`;
      const small = issue.code === 'too_small';
      const bound = small
        ? (issue as { minimum: unknown }).minimum
        : (issue as { maximum: unknown }).maximum;
      const inclusive = (issue as { inclusive?: boolean }).inclusive !== false;
      const cmp = small
        ? inclusive
          ? 'at least'
          : 'more than'
        : inclusive
          ? 'at most'
          : 'less than';
      const unit =
        issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' values' : '';
      return `must be ${cmp} ${String(bound)}${unit}${got}`;
    }
    case 'invalid_format': {
      if (custom) return `${issue.message}${got}`;
      if (issue.format === 'datetime')
        return `must be a date-time like 2024-04-01T09:00:00+09:00${got}`;
      if (issue.format === 'date') return `must be a date YYYY-MM-DD${got}`;
      return `must be in the ${issue.format} format${got}`;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}${got}`;
    case 'unrecognized_keys':
      return `unknown fields ${issue.keys.join(', ')}`;
    default:
      return custom ? `${issue.message}${got}` : `is not valid: ${issue.message}${got}`;
  }
}

function valueAt(row: Record<string, unknown>, pathParts: readonly PropertyKey[]): unknown {
  let v: unknown = row;
  for (const p of pathParts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

// ---------------------------------------------------------------------------------------------

/** A validated value as stored: whole numbers as Neo4j integers, null for "not set". */
export function toNeo4j(info: FieldInfo | undefined, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (!info) return v;
  if (info.kind === 'int' && typeof v === 'number') return neo4j.int(v);
  if (info.kind === 'array' && info.element === 'int' && Array.isArray(v)) {
    return v.map((x) => (typeof x === 'number' ? neo4j.int(x) : x));
  }
  return v;
}

/** Normalises an input row: writer fields dropped, null = not set, Person.consent flattened. */
function normalise(label: string, raw: unknown): Record<string, unknown> | null {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const input = raw as Record<string, unknown>;
  // Fast path (the common case): nothing to drop, flatten or turn from null into "not set".
  let clean = true;
  for (const k in input) {
    if (input[k] === null || WRITER_FIELDS.has(k) || k === 'consent') {
      clean = false;
      break;
    }
  }
  if (clean) return input;
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (WRITER_FIELDS.has(k)) continue;
    if (
      label === 'Person' &&
      k === 'consent' &&
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v)
    ) {
      const c = v as Record<string, unknown>;
      if ('shareContact' in c) row.consentShareContact = c.shareContact ?? undefined;
      if ('publicProfile' in c) row.consentPublicProfile = c.publicProfile ?? undefined;
      continue;
    }
    row[k] = v === null ? undefined : v;
  }
  return row;
}

interface RowCheck {
  ok: boolean;
  parsed: Record<string, unknown>;
  row: Record<string, unknown>;
}

const entriesCache = new WeakMap<FieldMap, [string, FieldInfo][]>();
function fieldEntries(fields: FieldMap): [string, FieldInfo][] {
  let e = entriesCache.get(fields);
  if (!e) entriesCache.set(fields, (e = Object.entries(fields)));
  return e;
}

function checkRow(
  what: string,
  schema: z.ZodType,
  fields: FieldMap,
  raw: unknown,
  src: RowSource,
  errors: WriteProblem[],
): RowCheck {
  const row = normalise(what, raw);
  if (!row) {
    errors.push(
      problem(src, '', `must be an object with the fields of ${what} (got ${show(raw)})`),
    );
    return { ok: false, parsed: {}, row: {} };
  }
  let ok = true;
  for (const k of Object.keys(row)) {
    if (!Object.prototype.hasOwnProperty.call(fields, k)) {
      errors.push(
        problem(src, k, `unknown field for ${what} (expected: ${Object.keys(fields).join(', ')})`),
      );
      ok = false;
    }
  }
  const res = schema.safeParse(row);
  if (!res.success) {
    const missing = (src as SourceWithColumns).missingColumns;
    const seen = new Set<string>();
    for (const issue of res.error.issues) {
      const column = String(issue.path[0] ?? '');
      const value = valueAt(row, issue.path);
      // A column missing from the header was reported once for the file.
      if (missing?.has(column) && value === undefined) continue;
      const reason = reasonOf(issue, value, fields[column]);
      const key = `${column}\u0000${reason}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // With the issue's stable code, so the web import shows it in the page's language.
      errors.push({ ...problem(src, column, reason), ...fieldIssueKind(issue, column, value) });
    }
    return { ok: false, parsed: {}, row };
  }
  return { ok, parsed: res.data as Record<string, unknown>, row };
}

function sourceOf(
  sources: RowSources | undefined,
  kind: 'nodes' | 'relationships' | 'ensure',
  name: string,
  i: number,
): RowSource {
  const list =
    kind === 'ensure'
      ? undefined
      : (sources?.[kind] as Record<string, RowSource[] | undefined> | undefined)?.[name];
  return list?.[i] ?? { file: `${kind}.${name}`, row: i };
}

/** A node of the database that the change names: its label and its internal id. */
export interface DbNode {
  /** One of NODE_LABELS, or null for a node of another kind. */
  label: NodeLabel | null;
  /**
   * For the writer, which finds relationship endpoints by internal id (and checks the id
   * property again there, in case the node was deleted and its internal id reused meanwhile).
   */
  nodeId: Integer;
}

/**
 * A node's internal id as the driver returns it (a number), kept as a Neo4j integer for the
 * statements it is sent back to: sent as a plain number it would go as a float.
 */
export function internalId(id: number): Integer {
  return neo4j.int(id);
}

/** What a node of the database holds (for telling unchanged rows, unchanged.ts). */
export interface StoredNode {
  labels: string[];
  properties: Record<string, unknown>;
}

/**
 * Looks up ids in the database (one query) and adds those found to `into`; with `stored`, also
 * what they hold.
 */
export async function lookupIds(
  read: Reader,
  ids: string[],
  into: Map<string, DbNode>,
  stored?: Map<string, StoredNode>,
): Promise<void> {
  if (ids.length === 0) return;
  const records = await read(cypher('write-lookup-ids'), {
    ids,
    withProperties: stored !== undefined,
  });
  for (const r of records) {
    const id = r.get('id') as string;
    const labels = r.get('labels') as string[];
    into.set(id, {
      label: (NODE_LABELS.find((l) => labels.includes(l)) ?? null) as NodeLabel | null,
      nodeId: internalId(r.get('nodeId') as number),
    });
    stored?.set(id, { labels, properties: r.get('properties') as Record<string, unknown> });
  }
}

/** Rows per lookup query of relationships (markUnchangedRels). */
const REL_LOOKUP_BATCH = 10_000;

/**
 * Marks the relationship rows whose two endpoints are in the database and already joined there
 * by exactly one relationship of the type (either direction for a symmetric type) that holds
 * every value given. The rest (new, changed, or more than one such relationship) are left to
 * the writer's upsert. One query for all types (in batches): each query costs a round trip.
 */
async function markUnchangedRels(
  read: Reader,
  relationships: Prepared['relationships'],
  inDb: ReadonlyMap<string, DbNode>,
): Promise<void> {
  const rows: PreparedRel[] = [];
  const pairs: { i: number; type: RelType; a: Integer; b: Integer; from: string; to: string }[] =
    [];
  for (const [type, ofType] of Object.entries(relationships) as [RelType, PreparedRel[]][]) {
    for (const r of ofType) {
      const a = inDb.get(r.from);
      const b = inDb.get(r.to);
      if (!a || !b) continue;
      pairs.push({ i: rows.length, type, a: a.nodeId, b: b.nodeId, from: r.from, to: r.to });
      rows.push(r);
    }
  }
  for (let k = 0; k < pairs.length; k += REL_LOOKUP_BATCH) {
    const batch = pairs.slice(k, k + REL_LOOKUP_BATCH);
    for (const rec of await read(cypher('write-lookup-rels'), { pairs: batch })) {
      const i = rec.get('i') as number;
      const symmetric = SYMMETRIC_REL_TYPES.has(pairs[i]!.type);
      const found = (
        rec.get('found') as { out: boolean; properties: Record<string, unknown> }[]
      ).filter((f) => symmetric || f.out);
      const row = rows[i]!;
      row.unchanged = found.length === 1 && sameProperties(found[0]!.properties, row.set);
    }
  }
}

/**
 * Validates the rows of a change set and prepares them for writing. With `read`, endpoints and
 * ids are also checked against the database; without it, endpoints must be in the change set.
 */
export async function validateRows(
  read: Reader | null,
  changes: ChangeSet,
): Promise<ValidationResult> {
  return validateRelationships(read, await validateNodes(read, changes), changes);
}

/** Yields to the event loop now and then, so that writes already under way keep going. */
class Yielder {
  private last = performance.now();
  private n = 0;
  constructor(private readonly enabled: boolean) {}
  /** Cheap: looks at the clock every 256 calls only. */
  due(): boolean {
    if (!this.enabled || (++this.n & 255) !== 0) return false;
    return performance.now() - this.last >= 20;
  }
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

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

/**
 * The second stage: the relationship rows (`relationships`, and `ensure`, whose rows never
 * update an existing relationship: they are prepared with nothing to set), their endpoints (in
 * the input, else looked up in the database) and the endpoint labels. The result holds the
 * errors of both stages, sorted, and everything prepared. With `yieldNow`, the work pauses for
 * the event loop every ~20 ms (the node writes of the same bulk write run meanwhile). With
 * `markUnchanged` (the writer's call), rows whose relationship the database already holds as
 * given are marked `unchanged`.
 */
export async function validateRelationships(
  read: Reader | null,
  stage: NodeValidation,
  changes: Pick<ChangeSet, 'relationships' | 'ensure' | 'sources'>,
  opts: { yieldNow?: boolean; markUnchanged?: boolean } = {},
): Promise<ValidationResult> {
  const sources = changes.sources;
  const { nodeIds, failedIds, prepared } = stage;
  const errors = [...stage.errors];
  const pause = new Yielder(opts.yieldNow ?? false);

  // Relationships (row checks)
  // Each endpoint is looked up once; `a`/`b` are the endpoints' input nodes (if in the input).
  type PendingRel = {
    type: RelType;
    p: PreparedRel;
    src: RowSource;
    a: InputNode | undefined;
    b: InputNode | undefined;
  };
  const pending: PendingRel[] = [];
  // Duplicates, per type: by the endpoints' input positions when both are in the input (a
  // number key, cheap to hash), else by their ids.
  const relKeysByIndex = new Map<RelType, Map<number, RowSource>>();
  const relKeysById = new Map<string, RowSource>();
  const width = nodeIds.size + 1;
  const kinds = [
    ['relationships', changes.relationships],
    ['ensure', changes.ensure],
  ] as const;
  for (const [kind, ofKind] of kinds) {
    for (const [typeKey, rows] of Object.entries(ofKind ?? {})) {
      if (!rows) continue;
      if (!(REL_TYPES as string[]).includes(typeKey)) {
        errors.push(
          problem(
            { file: `${kind}.${typeKey}`, row: 0 },
            '',
            `unknown relationship type (expected one of ${REL_TYPES.join(', ')})`,
          ),
        );
        continue;
      }
      const type = typeKey as RelType;
      const fields = relFields(type);
      const schema = relationshipRowSchema(type) as unknown as z.ZodType;
      const symmetric = SYMMETRIC_REL_TYPES.has(type);
      for (let i = 0; i < rows.length; i++) {
        if (pause.due()) await pause.pause();
        const raw = rows[i];
        const src = sourceOf(sources, kind, type, i);
        const { ok, parsed, row } = checkRow(type, schema, fields, raw, src, errors);
        if (!ok) continue;
        const from = parsed.from as string;
        const to = parsed.to as string;
        if (symmetric && from === to) {
          errors.push(
            problem(
              src,
              'to',
              `${type} must join two different nodes (from and to are both ${show(from)})`,
            ),
          );
          continue;
        }
        const a = nodeIds.get(from);
        const b = nodeIds.get(to);
        let keys: Map<string | number, RowSource>;
        let key: string | number;
        if (a && b) {
          let byIndex = relKeysByIndex.get(type);
          if (!byIndex) relKeysByIndex.set(type, (byIndex = new Map()));
          keys = byIndex as Map<string | number, RowSource>;
          key =
            symmetric && b.index < a.index ? b.index * width + a.index : a.index * width + b.index;
        } else {
          keys = relKeysById as Map<string | number, RowSource>;
          key = symmetric && to < from ? `${type}|${to}|${from}` : `${type}|${from}|${to}`;
        }
        const prev = keys.get(key);
        if (prev) {
          errors.push(
            problem(
              src,
              'from',
              `duplicate ${type} ${show(from)} → ${show(to)}: already in ${prev.file} row ${prev.row}${symmetric ? ` (${type} is symmetric: b→a is the same as a→b)` : ''}`,
            ),
          );
          continue;
        }
        keys.set(key, src);
        const p: PreparedRel = { from, to, set: {}, create: {} };
        for (const [k, info] of fieldEntries(fields)) {
          if (k === 'from' || k === 'to') continue;
          const v = toNeo4j(info, parsed[k]);
          // An `ensure` row sets nothing on a relationship that is already there.
          if (k in row && kind === 'relationships') p.set[k] = v;
          if (v !== null) p.create[k] = v;
        }
        pending.push({ type, p, src, a, b });
      }
    }
  }

  // Endpoints not in the input: looked up in the database.
  const lookup = new Set<string>();
  for (const { p, a, b } of pending) {
    if (!a && !failedIds.has(p.from)) lookup.add(p.from);
    if (!b && !failedIds.has(p.to)) lookup.add(p.to);
  }
  const inDb = stage.inDb;
  if (read && lookup.size > 0) await lookupIds(read, [...lookup], inDb);

  for (const { type, p, src, a, b } of pending) {
    const spec = RELATIONSHIPS[type];
    let ok = true;
    for (const end of ['from', 'to'] as const) {
      const id = p[end];
      const input = end === 'from' ? a : b;
      const allowed = spec[end] as readonly NodeLabel[];
      const rejected = input ? undefined : failedIds.get(id);
      if (rejected !== undefined) {
        // The node's own row has errors (reported there); only a wrong label is worth saying.
        if (!allowed.includes(rejected)) {
          errors.push(
            problem(
              src,
              end,
              `${show(id)} is a ${rejected}, but ${type} must ${end === 'from' ? 'start at' : 'point to'} a ${allowed.join(' or ')}`,
            ),
          );
        }
        ok = false;
        continue;
      }
      const label = input ? input.label : inDb.get(id)?.label;
      if (label === undefined) {
        errors.push(
          problem(
            src,
            end,
            `no node with id ${show(id)} in this change or in the database (expected the id of a ${allowed.join(' or ')})`,
          ),
        );
        ok = false;
      } else if (label === null || !allowed.includes(label)) {
        errors.push(
          problem(
            src,
            end,
            `${show(id)} is a ${label ?? 'node of another kind'}, but ${type} must ${end === 'from' ? 'start at' : 'point to'} a ${allowed.join(' or ')}`,
          ),
        );
        ok = false;
      }
    }
    if (!ok) continue;
    (prepared.relationships[type] ??= []).push(p);
  }

  // Nothing is written if there are errors: then no need to look further.
  if (read && opts.markUnchanged && errors.length === 0)
    await markUnchangedRels(read, prepared.relationships, inDb);
  return { errors: sortProblems(errors), prepared };
}
