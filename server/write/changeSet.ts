/**
 * A change set: everything one write does, as data — nodes and relationships to create or
 * update, edits of stored nodes, deletions — handed to the write path (server/write/index.ts),
 * which validates it, checks the writer's regions, and writes it in one transaction with its
 * audit entry and the graph-version bump. Every write of the server is one: an import is its
 * rows as they are, `updateNode` one patch, `recordIntroduction` an Introduction with its
 * parties and (for `made`) a KNOWS tie.
 *
 * Rows are grouped by label and relationship type (the shape the importer reads and the
 * generator writes), so a large change set is a few long arrays, cheap to hold and to batch.
 */
import type { EditableNodeLabel, NodeLabel, RelType } from '../../common/model';

/** One node's fields (id first), or one relationship's `from`, `to` and properties; typed values. */
export type Row = Record<string, unknown>;

/** Rows per node label and per relationship type. */
export interface Rows {
  nodes: Partial<Record<NodeLabel, Row[]>>;
  relationships: Partial<Record<RelType, Row[]>>;
}

/**
 * Where one row came from: the file and the row number a person looks for. CSV: the
 * spreadsheet row (the header is row 1, the first data row is row 2). JSON: the array index.
 */
export interface RowSource {
  file: string;
  /** The sheet of a workbook (.xlsx) the row is on. */
  sheet?: string;
  row: number;
}

/** Parallel to Rows: `sources.nodes.Person[i]` is where `nodes.Person[i]` came from. */
export interface RowSources {
  nodes: Partial<Record<NodeLabel, RowSource[]>>;
  relationships: Partial<Record<RelType, RowSource[]>>;
}

/** A new value of one field, as text (read as an import cell is); null or '' removes it. */
export interface FieldText {
  name: string;
  value: string | null;
}

/** An edit of a node in the store: its fields merged with what is stored, validated whole. */
export interface NodePatch {
  id: string;
  fields: readonly FieldText[];
}

/** A relationship by its type and endpoints (a symmetric type matches either direction). */
export interface RelationshipKey {
  type: RelType;
  from: string;
  to: string;
}

export interface ChangeSet {
  /**
   * Nodes to create or update: whole records (every required field), validated by their
   * label's schema. A node already in the store keeps its label and gets the fields given.
   */
  nodes?: Rows['nodes'];
  /** Relationships to create, or to update with the properties given when they exist. */
  relationships?: Rows['relationships'];
  /** Relationships to create where none of the type joins the endpoints; an existing one is kept as it is. */
  ensure?: Rows['relationships'];
  /** Edits of nodes in the store (a node named by none of the above). */
  patches?: readonly NodePatch[];
  /** Nodes to delete, with every relationship they have. */
  deleteNodes?: readonly string[];
  /** Relationships to delete. */
  deleteRelationships?: readonly RelationshipKey[];
  /**
   * Properties the server sets on a node this write creates, by id: not input (an
   * introduction's request key), so not validated against the label's schema, and never set
   * on a node that is already there.
   */
  serverFields?: ReadonlyMap<string, Record<string, string | number | boolean>>;
  /** Where the rows came from (import files), for the problems reported. */
  sources?: RowSources;
}

/** What one write changed, per label and relationship type. */
export interface ChangeCounts {
  created: Record<string, number>;
  updated: Record<string, number>;
  /** Given, but already stored as given (nothing written). */
  unchanged: Record<string, number>;
  deleted: Record<string, number>;
}

/** A patched node after the write (for the caller's answer). */
export interface PatchedNode {
  id: string;
  label: EditableNodeLabel;
  name: string;
  /** The fields whose stored value changed (empty when every value already was as given). */
  changed: string[];
  updatedAt: string | null;
}

export interface WriteResult extends ChangeCounts {
  /** Whether anything was written (a dry run says what would have been). */
  wrote: boolean;
  dryRun: boolean;
  /** The graph version after the write (the current one when nothing was written). */
  graphVersion: number;
  patched: PatchedNode[];
  /** When the write ran (createdAt / updatedAt of what it wrote). */
  at: string;
  /** Staged in batches made visible by its final transaction (server/write/staged.ts). */
  staged: boolean;
}

/** Number of rows of a change set (what progress counts). */
export function changeSetSize(c: ChangeSet): number {
  let n = (c.patches?.length ?? 0) + (c.deleteNodes?.length ?? 0);
  n += c.deleteRelationships?.length ?? 0;
  for (const rows of Object.values(c.nodes ?? {})) n += rows?.length ?? 0;
  for (const rows of Object.values(c.relationships ?? {})) n += rows?.length ?? 0;
  for (const rows of Object.values(c.ensure ?? {})) n += rows?.length ?? 0;
  return n;
}
