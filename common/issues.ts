/**
 * A stable code for a problem with one field, derived from a zod issue of the model's schemas
 * (model.ts). The server sends these codes with its per-field errors (updateNode's
 * `extensions.fields`), and the web app translates both its own and the server's issues with
 * them (web/src/fields.ts → i18n `val.<code>`), so the two never disagree.
 */
import type { z } from 'zod';

export const FIELD_ISSUE_CODES = [
  'required',
  'tooLong',
  'min',
  'max',
  'int',
  'number',
  'boolean',
  'email',
  'phone',
  'date',
  'choice',
  'invalid',
  /** Not a field of the node's kind. */
  'unknownField',
  /** A field the writer sets (id, createdAt, updatedAt): never from input. */
  'readOnly',
] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/** A problem with one field: the code, and the bound of `min`/`max`/`tooLong`. */
export interface FieldIssueKind {
  code: FieldIssueCode;
  min?: number;
  max?: number;
}

/**
 * The code of a zod issue about `field` whose value was `value` (the phone and date checks are
 * told apart by the field's name).
 */
export function fieldIssueKind(
  issue: z.core.$ZodIssue,
  field: string,
  value: unknown,
): FieldIssueKind {
  const i = issue as unknown as {
    code: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    origin?: string;
    format?: string;
    expected?: string;
  };
  switch (i.code) {
    case 'too_small':
      return i.origin === 'string' ? { code: 'required' } : { code: 'min', min: Number(i.minimum) };
    case 'too_big':
      return i.origin === 'string'
        ? { code: 'tooLong', max: Number(i.maximum) }
        : { code: 'max', max: Number(i.maximum) };
    case 'invalid_format':
      if (i.format === 'email') return { code: 'email' };
      if (field === 'phone') return { code: 'phone' };
      if (i.format === 'regex' && /date|At$/.test(field)) return { code: 'date' };
      return { code: 'invalid' };
    case 'invalid_type':
      if (value === undefined || value === null) return { code: 'required' };
      if (i.expected === 'int') return { code: 'int' };
      if (i.expected === 'number') return { code: 'number' };
      if (i.expected === 'boolean') return { code: 'boolean' };
      return { code: 'invalid' };
    case 'invalid_value':
      return { code: 'choice' };
    case 'custom':
      // a rule across fields (model.ts superRefine), e.g. talentKind when isTalent is true
      return { code: value === undefined || value === null ? 'required' : 'invalid' };
    default:
      return { code: 'invalid' };
  }
}
