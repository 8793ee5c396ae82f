/**
 * What a form holds and what it sends, as pure functions (no DOM): the text in each input
 * (`RawValues`), the typed values read from it, their problems (as issue kinds, translated when
 * shown, so a language switch translates them again), and the changes against the record.
 *
 * Text is stored as typed: a text value is trimmed, nothing else — no NFKC, no width folding
 * (（テスト）, ＡＢＣ, ㈱, 髙, 𠮷 stay as they are). Only numbers are read through NFKC, so that
 * 「４」 typed with the Japanese input method is the number 4 (a number is not stored text).
 */
import type { z } from 'zod';
import { fieldIssueKind, type FieldIssueKind } from '../../../common/issues';
import type { FieldDef } from './fields';

export type RawValue = string | boolean | string[];
export type RawValues = Record<string, RawValue>;

/** A problem with a field: a known kind (translated when shown), or the server's own text. */
export type FieldIssue = FieldIssueKind | { text: string };

/** A problem with one field as the server reports it (updateNode's `extensions.fields`). */
export interface ServerFieldIssue extends FieldIssueKind {
  field: string;
  /** The server's English text, shown only when the code is not known here. */
  message: string;
}

/** One change as `updateNode` takes it: the field and its new value as text (null = unset). */
export interface FieldChange {
  name: string;
  value: string | null;
}

/** The inputs' content for a record (what the form shows when it opens). */
export function rawFromRecord(
  defs: readonly FieldDef[],
  record: Record<string, unknown>,
): RawValues {
  const raw: RawValues = {};
  for (const d of defs) {
    const v = record[d.name];
    if (d.type === 'bool') raw[d.name] = v === true;
    else if (d.type === 'enumList') raw[d.name] = Array.isArray(v) ? v.map(String) : [];
    else raw[d.name] = v === null || v === undefined ? '' : String(v);
  }
  return raw;
}

/** An input's content as the typed value, or undefined when it is empty. */
export function parseValue(def: FieldDef, raw: RawValue): unknown {
  if (def.type === 'bool') return raw === true;
  if (def.type === 'enumList') return Array.isArray(raw) ? raw : [];
  const s = String(raw).trim();
  if (s === '') return undefined;
  if (def.type === 'int' || def.type === 'number') {
    const n = Number(s.normalize('NFKC'));
    return Number.isNaN(n) ? s : n;
  }
  return s;
}

/** The problem with one value, or null when it is valid. */
export function checkValue(def: FieldDef, value: unknown): FieldIssueKind | null {
  if (value === undefined) return def.required ? { code: 'required' } : null;
  if ((def.type === 'int' || def.type === 'number') && typeof value !== 'number')
    return { code: 'number' };
  const r = def.schema.safeParse(value);
  return r.success ? null : fieldIssueKind(r.error.issues[0]!, def.name, value);
}

export interface Checked {
  /** The typed values of the fields without problems (null = empty). */
  values: Record<string, unknown>;
  issues: Record<string, FieldIssueKind>;
}

/**
 * Reads and checks every field; then, when each field is valid on its own, the rules across
 * fields of the kind's schema (e.g. talentKind when isTalent) on the record as it would be.
 * (zod runs those rules only on an otherwise valid record: with a stored value the schema
 * refuses, they are left to the server, which reports them like any other problem.)
 */
export function checkForm(
  defs: readonly FieldDef[],
  raw: RawValues,
  whole?: { schema: z.ZodObject; record: Record<string, unknown> },
): Checked {
  const values: Record<string, unknown> = {};
  const issues: Record<string, FieldIssueKind> = {};
  for (const def of defs) {
    if (!(def.name in raw)) continue;
    const v = parseValue(def, raw[def.name]!);
    const issue = checkValue(def, v);
    if (issue) issues[def.name] = issue;
    else values[def.name] = v ?? null;
  }
  if (whole && Object.keys(issues).length === 0) {
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries({ ...whole.record, ...values }))
      if (v !== null && v !== undefined) merged[k] = v;
    const r = whole.schema.safeParse(merged);
    const shown = new Set(defs.map((d) => d.name as string));
    for (const issue of r.success ? [] : r.error.issues) {
      const field = String(issue.path[0] ?? '');
      // Only the rules across fields, and only about a field of this form (a stored value
      // the form does not show is not the person's to fix here).
      if (issue.code !== 'custom' || !shown.has(field) || issues[field]) continue;
      issues[field] = fieldIssueKind(issue, field, merged[field]);
    }
  }
  return { values, issues };
}

/** A value as the text `updateNode` reads (lists joined with ';'; null = unset). */
export function changeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(';');
  return String(value);
}

function sameRaw(a: RawValue | undefined, b: RawValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The changes to send: the fields the person changed in the form (their input differs from
 * what the form opened with) whose value differs from the record. A form saved as it opened
 * sends nothing at all.
 */
export function formChanges(
  defs: readonly FieldDef[],
  opened: RawValues,
  raw: RawValues,
  values: Record<string, unknown>,
  record: Record<string, unknown>,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const def of defs) {
    const name = def.name;
    if (!(name in values) || sameRaw(opened[name], raw[name])) continue;
    const now = changeValue(values[name]);
    if (now === changeValue(record[name])) continue;
    out.push({ name, value: now });
  }
  return out;
}

/** The server's field problems as issues by field (the first one of each field). */
export function serverIssues(
  reported: readonly ServerFieldIssue[],
  known: (code: string) => boolean,
): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const i of reported) {
    if (out[i.field]) continue;
    out[i.field] = known(i.code)
      ? {
          code: i.code,
          ...(i.min !== undefined ? { min: i.min } : {}),
          ...(i.max !== undefined ? { max: i.max } : {}),
        }
      : { text: `${i.field}: ${i.message}` };
  }
  return out;
}
