/** Readable reasons (English) for zod issues, with the value that was given. */
import type { z } from 'zod';
import type { FieldInfo } from '../../import/fields';

/** A value as shown in a message: strings quoted, anything else as JSON where it can be. */
export function show(v: unknown): string {
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
