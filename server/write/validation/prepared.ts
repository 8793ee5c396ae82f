/** What validation hands the writer: the rows prepared for writing, and the problems found. */
import type { NodeLabel, RelType } from '../../../common/model';
import type { WriteProblem } from '../errors';

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
