/**
 * The statements of a write, in order, from its validated rows: per label the node creates
 * (grouped by extra labels) and updates; then the relationship upserts of every type, then per
 * type the creates; then the deletions. Each is one `UNWIND $rows` statement run in batches
 * (server/write/batches.ts). Labels and types come from the allow-lists of common/model.ts only,
 * checked here before they are sent.
 */
import type { Integer } from 'neo4j-driver';
import {
  NODE_LABELS,
  PERSON_EXTRA_LABELS,
  REL_TYPES,
  SYMMETRIC_REL_TYPES,
  type NodeLabel,
  type RelType,
} from '../../common/model';
import { cypher } from '../db/cypher';
import type { ChangeSet } from './changeSet';
import type { PreparedPatch } from './patch';
import type { DbNode, Prepared } from './validate';

/** One statement and the rows it runs over (in batches). */
export interface Work {
  /** The label or type the rows count under. */
  name: string;
  statement: string;
  /** Parameters besides `rows` and `now` (the labels or type of a create). */
  params?: Record<string, unknown>;
  /**
   * The result column that must count every row of a batch (relationships: both endpoints
   * found); fewer means that something the write relies on is gone (WriteConflict).
   */
  everyRow?: 'created' | 'total';
  rows: unknown[];
  /**
   * Run in batches of their own transactions, invisible until the write's transaction relabels
   * them (a staged import's new nodes, and the relationships between two of them).
   */
  staged?: boolean;
}

/** The statements of a write and how many rows each label / type was given. */
export interface Plan {
  work: Work[];
  totals: Map<string, number>;
}

type ExtraLabel = (typeof PERSON_EXTRA_LABELS)[number];

function assertLabel(label: NodeLabel): void {
  if (!NODE_LABELS.includes(label)) throw new Error(`not a node label: ${String(label)}`);
}
export function assertRelType(type: RelType): void {
  if (!REL_TYPES.includes(type)) throw new Error(`not a relationship type: ${String(type)}`);
}

/** The labels of a new node, from the allow-lists only: its label, `Entity`, the Person extras. */
function newNodeLabels(label: NodeLabel, extra: readonly ExtraLabel[]): string[] {
  assertLabel(label);
  for (const x of extra)
    if (!PERSON_EXTRA_LABELS.includes(x)) throw new Error(`not a Person label: ${x}`);
  return [label, 'Entity', ...extra];
}

function updateStatement(label: NodeLabel): string {
  return cypher(label === 'Person' ? 'write-update-persons' : 'write-update-nodes');
}

function add(totals: Map<string, number>, name: string, n: number): void {
  totals.set(name, (totals.get(name) ?? 0) + n);
}

/**
 * The node statements: per label, creates (grouped by extra labels), then updates of the rows
 * and patches of nodes in the database. Rows found unchanged are left out (and counted as
 * unchanged by the writer).
 */
export function planNodes(
  prepared: Prepared,
  patches: readonly PreparedPatch[],
  inDb: ReadonlyMap<string, DbNode>,
  now: string,
  serverFields?: ChangeSet['serverFields'],
  /** A staged import's id: new nodes are staged (cypher/write-stage-nodes) under it. */
  stageRun?: string,
): Plan {
  const work: Work[] = [];
  const totals = new Map<string, number>();
  for (const label of NODE_LABELS) {
    const rows = prepared.nodes[label] ?? [];
    const patched = patches.filter((p) => p.label === label);
    if (rows.length === 0 && patched.length === 0) continue;
    add(totals, label, rows.length + patched.length);
    const groups = new Map<string, { extra: ExtraLabel[]; rows: Record<string, unknown>[] }>();
    const updates: unknown[] = [];
    const update = (n: Integer, r: { id: string; set: unknown; kp?: unknown; tal?: unknown }) =>
      updates.push(
        label === 'Person'
          ? { n, id: r.id, set: r.set, kp: r.kp ?? null, tal: r.tal ?? null }
          : { n, id: r.id, set: r.set },
      );
    for (const r of rows) {
      if (r.unchanged) continue;
      const n = inDb.get(r.id)?.nodeId;
      if (n) {
        update(n, r);
        continue;
      }
      const extra: ExtraLabel[] = [];
      if (r.kp) extra.push('KeyPerson');
      if (r.tal) extra.push('Talent');
      const key = extra.join(':');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { extra, rows: [] }));
      g.rows.push({
        ...r.create,
        ...serverFields?.get(r.id),
        id: r.id,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (const p of patched) if (!p.unchanged) update(p.nodeId, p);
    for (const g of groups.values())
      work.push(
        stageRun === undefined
          ? {
              name: label,
              statement: cypher('write-create-nodes'),
              params: { labels: newNodeLabels(label, g.extra) },
              rows: g.rows,
            }
          : {
              name: label,
              staged: true,
              ...compactNodes(g.rows, newNodeLabels(label, g.extra), stageRun),
            },
      );
    if (updates.length > 0)
      work.push({
        name: label,
        statement: updateStatement(label),
        everyRow: 'total',
        rows: updates,
      });
  }
  return { work, totals };
}

/**
 * A staged import's new nodes as compact rows for cypher/write-stage-nodes: each a list of the
 * values of `keys` (null: not given), `id` first. Packs far faster than a map per row (see
 * compactRels).
 */
function compactNodes(
  rows: readonly Record<string, unknown>[],
  labels: string[],
  run: string,
): Pick<Work, 'statement' | 'params' | 'rows'> {
  const keys = [
    'id',
    ...[...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'id').sort(),
  ];
  return {
    statement: cypher('write-stage-nodes'),
    params: { labels, run, keys },
    rows: rows.map((r) => keys.map((k) => r[k] ?? null)),
  };
}

/**
 * The relationship statements: first the upserts of every type (both endpoints in the
 * database; rows validation found unchanged are left out), then per type the creates between
 * two new nodes and those between a new node and one in the database. The upserts go first
 * because each looks at its endpoints' relationships, which include those this transaction has
 * created so far. Endpoints go by internal id: `createdId` has it for the nodes this write
 * created, `dbNodeIdOf` gives it for those in the database (whose id property the statements
 * check again).
 */
export function planRelationships(
  prepared: Prepared,
  createdId: ReadonlyMap<string, Integer>,
  dbNodeIdOf: (id: string) => Integer,
  /** A staged import: the relationships between two new (staged) nodes are staged too. */
  staged = false,
): Plan {
  const upserts: Work[] = [];
  const creates: Work[] = [];
  const totals = new Map<string, number>();
  for (const type of REL_TYPES) {
    const rows = prepared.relationships[type];
    if (!rows?.length) continue;
    assertRelType(type);
    totals.set(type, rows.length);
    // Rows by what their endpoints are: both created by this write, one of them (neither
    // kind can exist yet: the input has no duplicates, so no need to look for it first), or
    // neither (upserted).
    const fresh: FreshRel[] = [];
    const halfNew: unknown[] = [];
    const other: unknown[] = [];
    for (const r of rows) {
      const newA = createdId.get(r.from);
      const newB = createdId.get(r.to);
      if (newA && newB) {
        fresh.push({ a: newA, b: newB, create: r.create });
        continue;
      }
      const ends = {
        a: newA ?? dbNodeIdOf(r.from),
        b: newB ?? dbNodeIdOf(r.to),
        from: r.from,
        to: r.to,
      };
      if (newA || newB) halfNew.push({ ...ends, create: r.create });
      else if (!r.unchanged) other.push({ ...ends, set: r.set, create: r.create });
    }
    const kinds: [Work[], unknown[], string, Work['everyRow']][] = [
      [
        upserts,
        other,
        SYMMETRIC_REL_TYPES.has(type) ? 'write-rels-symmetric' : 'write-rels',
        'total',
      ],
      [creates, fresh, 'write-create-rels', 'created'],
      [creates, halfNew, 'write-create-rels-half-new', 'created'],
    ];
    for (const [into, kindRows, statement, everyRow] of kinds) {
      if (kindRows.length === 0) continue;
      if (staged && kindRows === fresh) {
        into.push({ name: type, everyRow, staged: true, ...compactRels(fresh, type) });
        continue;
      }
      into.push({
        name: type,
        statement: cypher(statement),
        params: { type },
        everyRow,
        rows: kindRows,
      });
    }
  }
  return { work: [...upserts, ...creates], totals };
}

/** A relationship between two nodes the write creates. */
interface FreshRel {
  a: Integer;
  b: Integer;
  create: Record<string, unknown>;
}

/**
 * A staged import's relationships between two of its new nodes as compact rows for
 * cypher/write-stage-rels: `[a, b, ...values of keys]`, the ids as plain numbers. A list per row
 * instead of a map with an Integer per end packs in a fraction of the time (the Bolt packing of
 * row maps was most of the importer's own CPU; docs/decisions.md, "Import at any size").
 */
function compactRels(
  rows: readonly FreshRel[],
  type: RelType,
): Pick<Work, 'statement' | 'params' | 'rows'> {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.create)))].sort();
  const out: unknown[][] = [];
  for (const r of rows) {
    const row: unknown[] = [r.a.toNumber(), r.b.toNumber()];
    for (const k of keys) row.push(r.create[k] ?? null);
    out.push(row);
  }
  return { statement: cypher('write-stage-rels'), params: { type, keys }, rows: out };
}

/** A node to delete, as the write transaction locked it. */
export interface NodeToDelete {
  id: string;
  nodeId: Integer;
  label: NodeLabel;
}

/** A relationship to delete, its endpoints by internal id (from validation's lookup). */
export interface RelationshipToDelete {
  type: RelType;
  a: Integer;
  b: Integer;
  from: string;
  to: string;
}

/**
 * The deletions: relationships first (per type; a symmetric type in either direction), then
 * the nodes with every relationship they still have.
 */
export function planDeletes(
  nodes: readonly NodeToDelete[],
  relationships: readonly RelationshipToDelete[],
): Plan {
  const work: Work[] = [];
  for (const type of REL_TYPES) {
    const rows = relationships.filter((r) => r.type === type);
    if (rows.length === 0) continue;
    assertRelType(type);
    work.push({
      name: type,
      statement: cypher('write-delete-rels'),
      params: { type, symmetric: SYMMETRIC_REL_TYPES.has(type) },
      everyRow: 'total',
      rows: rows.map(({ a, b, from, to }) => ({ a, b, from, to })),
    });
  }
  for (const label of NODE_LABELS) {
    const rows = nodes.filter((n) => n.label === label);
    if (rows.length === 0) continue;
    work.push({
      name: label,
      statement: cypher('write-delete-nodes'),
      everyRow: 'total',
      rows: rows.map(({ id, nodeId }) => ({ n: nodeId, id })),
    });
  }
  return { work, totals: new Map() };
}
