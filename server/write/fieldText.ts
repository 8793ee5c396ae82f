/**
 * Fields given as text (a form's inputs, an API client's `[{name, value}]`), read as an import
 * cell is (server/import/fields.ts: trimmed, numbers and booleans parsed, lists split on `;`),
 * against the fields of a label or a relationship type: each must be one of them, given once,
 * and not read-only. Used by edits (patch.ts), new nodes and relationships (commands/).
 */
import type { FieldIssueCode } from '../../common/issues';
import { convertCell, type FieldInfo, type FieldMap } from '../import/fields';
import type { FieldText } from './changeSet';
import type { WriteProblem } from './errors';

const CONVERT_CODES: Partial<Record<FieldInfo['kind'], FieldIssueCode>> = {
  int: 'int',
  number: 'number',
  boolean: 'boolean',
};

/**
 * The typed values of the fields given (a value '' or null is `undefined`: "not set"), and a
 * problem for every field that is unknown, read-only, given twice or not readable as its kind.
 */
export function readFieldTexts(
  what: string,
  fields: FieldMap,
  given: readonly FieldText[],
  readOnly: ReadonlySet<string>,
): { values: Map<string, unknown>; problems: WriteProblem[] } {
  const problems: WriteProblem[] = [];
  const values = new Map<string, unknown>();
  const editable = Object.keys(fields).filter((k) => !readOnly.has(k));
  for (const { name, value } of given) {
    const info = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
    if (values.has(name) || problems.some((p) => p.field === name)) {
      problems.push({ field: name, code: 'invalid', message: 'is given more than once' });
    } else if (readOnly.has(name)) {
      problems.push({
        field: name,
        code: 'readOnly',
        message: 'cannot be changed (the id and the timestamps are kept by the server)',
      });
    } else if (!info) {
      problems.push({
        field: name,
        code: 'unknownField',
        message: `is not a field of ${what} (editable: ${editable.join(', ')})`,
      });
    } else {
      const c = convertCell(info, value ?? '');
      if (c.ok) values.set(name, c.value);
      else
        problems.push({
          field: name,
          code: CONVERT_CODES[info.kind] ?? 'invalid',
          message: c.reason,
        });
    }
  }
  return { values, problems };
}
