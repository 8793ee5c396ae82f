/**
 * A write's rows checked before anything of them is written (step 1 of server/write/index.ts):
 * the nodes always, the relationships too when asked — else the bulk write checks them while
 * its nodes are written (apply.ts). Any bad row rejects the whole write with every problem.
 */
import type { ChangeSet } from './changeSet';
import { WriteRejected } from './errors';
import {
  validateNodes,
  validateRelationships,
  type NodeValidation,
  type Reader,
  type ValidationResult,
} from './validate';

export interface CheckedRows {
  changes: ChangeSet;
  nodes: NodeValidation;
  /** The relationship rows, if validated already; else validated while the nodes are written. */
  relationships: ValidationResult | null;
  /** Where the relationship validation looks ids up, when it runs during the write. */
  reader: Reader;
}

/** Validates the rows: the nodes, and with `relationshipsToo` the relationships as well. */
export async function checkRows(
  read: Reader,
  changes: ChangeSet,
  relationshipsToo: boolean,
): Promise<CheckedRows> {
  const nodes = await validateNodes(read, changes, { markUnchanged: true });
  if (nodes.errors.length > 0) {
    // Nothing will be written: finish the checks for the full list of problems.
    const { errors } = await validateRelationships(read, nodes, changes);
    throw new WriteRejected(errors);
  }
  let relationships: ValidationResult | null = null;
  if (relationshipsToo) {
    relationships = await validateRelationships(read, nodes, changes, { markUnchanged: true });
    if (relationships.errors.length > 0) throw new WriteRejected(relationships.errors);
  }
  return { changes, nodes, relationships, reader: read };
}
