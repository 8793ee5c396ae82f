/**
 * Relationship rows from what a form or an API client gives: a type, two ends and properties
 * as text (FieldText), read against the type's properties in model.ts. A new tie whose type
 * has `since` gets the day of the write when none is given.
 */
import { RELATIONSHIPS, type RelType } from '../../../common/model';
import { relFields } from '../../import/fields';
import type { FieldText, Row } from '../changeSet';
import { WriteRejected, type WriteProblem } from '../errors';
import { readFieldTexts } from '../fieldText';
import { validateBySchema } from '../patch';

const ENDS: ReadonlySet<string> = new Set(['from', 'to', 'createdAt', 'updatedAt']);

/** Whether the type's properties include `since`. */
export function hasSince(type: RelType): boolean {
  return 'since' in RELATIONSHIPS[type].props.shape;
}

/**
 * The row of one relationship: `from`, `to` and the properties given (problems named
 * `<field>`, prefixed with `prefix` when several ties are read at once). `since` is set to
 * `today` when the type has it, none is given and `isNew`.
 */
export function tieRow(
  type: RelType,
  from: string,
  to: string,
  properties: readonly FieldText[],
  opts: { today: string; isNew: boolean; prefix?: string },
): { row: Row; problems: WriteProblem[] } {
  const { values, problems } = readFieldTexts(type, relFields(type), properties, ENDS);
  const row: Row = { from, to };
  for (const [k, v] of values) if (v !== undefined) row[k] = v;
  if (opts.isNew && hasSince(type) && row.since === undefined) row.since = opts.today;
  // Validated here, so that a form hears of every property with its code and bound.
  // (The properties' schema strips `from` and `to`.)
  validateBySchema(RELATIONSHIPS[type].props, row, relFields(type), problems);
  const prefix = opts.prefix;
  return {
    row,
    problems: prefix ? problems.map((p) => ({ ...p, field: `${prefix}.${p.field}` })) : problems,
  };
}

/** Throws WriteRejected with every problem, if there are any. */
export function rejectIfAny(problems: readonly WriteProblem[]): void {
  if (problems.length > 0) throw new WriteRejected([...problems]);
}
