/**
 * The check of one input row against its zod schema (nodes and relationships alike): unknown
 * fields, then every schema issue with a readable reason. Problems are collected, never just
 * the first.
 */
import type { z } from 'zod';
import { fieldIssueKind } from '../../../common/issues';
import { WRITER_FIELDS, type FieldInfo, type FieldMap } from '../../import/fields';
import type { RowSource, RowSources } from '../changeSet';
import type { WriteProblem } from '../errors';
import { reasonOf, show } from './reasons';

/** A row source that knows which of its file's columns are missing (CSV headers). */
interface SourceWithColumns extends RowSource {
  missingColumns?: ReadonlySet<string>;
}

export function problem(src: RowSource, field: string, message: string): WriteProblem {
  return { source: src, field, message };
}

function valueAt(row: Record<string, unknown>, pathParts: readonly PropertyKey[]): unknown {
  let v: unknown = row;
  for (const p of pathParts) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
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

export interface RowCheck {
  ok: boolean;
  parsed: Record<string, unknown>;
  row: Record<string, unknown>;
}

const entriesCache = new WeakMap<FieldMap, [string, FieldInfo][]>();
/** A field map's entries, computed once per map (they are walked for every row). */
export function fieldEntries(fields: FieldMap): [string, FieldInfo][] {
  let e = entriesCache.get(fields);
  if (!e) entriesCache.set(fields, (e = Object.entries(fields)));
  return e;
}

/** Checks one row of `what` (a label or a relationship type); its problems go to `errors`. */
export function checkRow(
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

/** Where row `i` of `name` came from (its file and row), or a place named after the change set. */
export function sourceOf(
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
