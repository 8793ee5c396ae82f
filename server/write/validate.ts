/**
 * Validation of a change set's rows (server/write/changeSet.ts): every row through the zod
 * schemas of model.ts, then the checks across rows (duplicate ids, endpoints that exist neither
 * in the change set nor in the database, endpoint labels the type does not allow). All problems
 * are collected, never just the first. The result also holds the rows prepared for writing.
 *
 * The work is in validation/, one job per module: rows.ts (one row against its schema, with
 * reasons.ts for readable messages), nodes.ts (the first stage), relationships.ts and
 * endpoints.ts (the second stage), lookup.ts (what the database holds), values.ts, prepared.ts,
 * reader.ts. This module is what the rest of the server imports.
 */
import type { ChangeSet } from './changeSet';
import { validateNodes } from './validation/nodes';
import type { ValidationResult } from './validation/prepared';
import type { Reader } from './validation/reader';
import { validateRelationships } from './validation/relationships';

export { autoReader, type Reader } from './validation/reader';
export type { Prepared, PreparedNode, PreparedRel, ValidationResult } from './validation/prepared';
export { reasonOf } from './validation/reasons';
export { internalId, toNeo4j } from './validation/values';
export { lookupIds, type DbNode, type StoredNode } from './validation/lookup';
export { validateNodes, type InputNode, type NodeValidation } from './validation/nodes';
export { validateRelationships } from './validation/relationships';

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
