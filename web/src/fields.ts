/**
 * The recorded fields of each node kind: how to show them, how to edit them, and their
 * validation — the zod schemas of common/model.ts (one source of truth), with messages
 * translated from the issue codes.
 */
import type { z } from 'zod';
import {
  DEPT_PHASES,
  EVENT_KINDS,
  EventSchema,
  ORG_FUNCTIONS,
  ORG_KINDS,
  OrganizationSchema,
  PERSON_ORIGINS,
  PersonSchema,
  REGION_KINDS,
  RegionSchema,
  RegionalHRDeptSchema,
  SME_STAGES,
  SMESchema,
  TALENT_KINDS,
} from '../../common/model';
import { fieldIssueKind, type FieldIssueKind } from '../../common/issues';
import { isMessageKey, t, type EnumGroup, type MessageKey } from './i18n';

export type FieldType = 'text' | 'int' | 'number' | 'bool' | 'enum' | 'enumList' | 'date';

/** The names of the fields that have a label (`field.<name>` in i18n/ja.ts). */
export type FieldName = {
  [K in MessageKey]: K extends `field.${infer N}`
    ? N extends `${string}.help`
      ? never
      : N
    : never;
}[MessageKey];

export interface FieldDef {
  name: FieldName;
  type: FieldType;
  /** Enum group in i18n ENUMS, with its values. */
  group?: EnumGroup;
  values?: readonly string[];
  required?: boolean;
  schema: z.ZodType;
  /** Only for talent persons. */
  talentOnly?: boolean;
}

const P = PersonSchema.shape;
const O = OrganizationSchema.shape;
const S = SMESchema.shape;
const E = EventSchema.shape;
const D = RegionalHRDeptSchema.shape;
const R = RegionSchema.shape;

export const FIELDS: Record<string, FieldDef[]> = {
  Person: [
    { name: 'name', type: 'text', required: true, schema: P.name },
    { name: 'title', type: 'text', schema: P.title },
    {
      name: 'origin',
      type: 'enum',
      group: 'personOrigin',
      values: PERSON_ORIGINS,
      required: true,
      schema: P.origin,
    },
    { name: 'mind', type: 'int', schema: P.mind },
    { name: 'skill', type: 'int', schema: P.skill },
    { name: 'network', type: 'int', schema: P.network },
    { name: 'email', type: 'text', schema: P.email },
    { name: 'phone', type: 'text', schema: P.phone },
    { name: 'consentShareContact', type: 'bool', schema: P.consentShareContact },
    { name: 'consentPublicProfile', type: 'bool', schema: P.consentPublicProfile },
    {
      name: 'talentKind',
      type: 'enum',
      group: 'talentKind',
      values: TALENT_KINDS,
      talentOnly: true,
      schema: P.talentKind,
    },
    { name: 'hoursPerMonth', type: 'number', talentOnly: true, schema: P.hoursPerMonth },
    { name: 'remoteOk', type: 'bool', talentOnly: true, schema: P.remoteOk },
  ],
  Organization: [
    { name: 'name', type: 'text', required: true, schema: O.name },
    {
      name: 'kind',
      type: 'enum',
      group: 'orgKind',
      values: ORG_KINDS,
      required: true,
      schema: O.kind,
    },
    {
      name: 'functions',
      type: 'enumList',
      group: 'orgFunction',
      values: ORG_FUNCTIONS,
      schema: O.functions,
    },
  ],
  SME: [
    { name: 'name', type: 'text', required: true, schema: S.name },
    { name: 'industry', type: 'text', required: true, schema: S.industry },
    { name: 'employees', type: 'int', required: true, schema: S.employees },
    { name: 'hasHrStaff', type: 'bool', schema: S.hasHrStaff },
    { name: 'hasEvaluationSystem', type: 'bool', schema: S.hasEvaluationSystem },
    {
      name: 'stage',
      type: 'enum',
      group: 'smeStage',
      values: SME_STAGES,
      required: true,
      schema: S.stage,
    },
  ],
  Event: [
    { name: 'name', type: 'text', required: true, schema: E.name },
    {
      name: 'kind',
      type: 'enum',
      group: 'eventKind',
      values: EVENT_KINDS,
      required: true,
      schema: E.kind,
    },
    { name: 'date', type: 'date', required: true, schema: E.date },
  ],
  RegionalHRDept: [
    { name: 'name', type: 'text', required: true, schema: D.name },
    {
      name: 'phase',
      type: 'enum',
      group: 'deptPhase',
      values: DEPT_PHASES,
      required: true,
      schema: D.phase,
    },
  ],
  Region: [
    { name: 'name', type: 'text', required: true, schema: R.name },
    { name: 'nameEn', type: 'text', schema: R.nameEn },
    { name: 'prefecture', type: 'text', required: true, schema: R.prefecture },
    {
      name: 'kind',
      type: 'enum',
      group: 'regionKind',
      values: REGION_KINDS,
      required: true,
      schema: R.kind,
    },
  ],
  Skill: [],
  Challenge: [],
};

/**
 * The entity API's query root of each kind with recorded fields (read by the 詳細 panel). Edits
 * go through the validated `updateNode` mutation, not generated ones.
 */
export const ENTITY_API: Record<string, { query: string }> = {
  Person: { query: 'people' },
  Organization: { query: 'organizations' },
  SME: { query: 'smes' },
  Event: { query: 'events' },
  RegionalHRDept: { query: 'regionalHrDepts' },
  Region: { query: 'regions' },
};

/** The mutation that edits a node's fields (server/graphql/analytics.graphql). */
export const UPDATE_MUTATION = 'updateNode';

/** Extra fields read for display only. */
export const EXTRA_READ: Record<string, string[]> = { Person: ['isKeyPerson', 'isTalent'] };

/** The raw form value (string or boolean or string[]) as the typed value, or undefined if empty. */
export function parseValue(def: FieldDef, raw: string | boolean | string[]): unknown {
  if (def.type === 'bool') return Boolean(raw);
  if (def.type === 'enumList') return Array.isArray(raw) ? raw : [];
  const s = String(raw).normalize('NFKC').trim();
  if (s === '') return undefined;
  if (def.type === 'int' || def.type === 'number') {
    const n = Number(s);
    return Number.isNaN(n) ? s : n;
  }
  return s;
}

/** The translated message of a field problem (the form's own, or one the server reported). */
export function issueMessage(kind: FieldIssueKind): string {
  const text = t(`val.${kind.code}`, {
    min: kind.min === undefined ? '' : String(kind.min),
    max: kind.max === undefined ? '' : String(kind.max),
  });
  return text || t('val.invalid');
}

/** A translated message for the first problem with a value, or null when it is valid. */
export function validateField(def: FieldDef, value: unknown): string | null {
  if (value === undefined) return def.required ? t('val.required') : null;
  if ((def.type === 'int' || def.type === 'number') && typeof value !== 'number')
    return t('val.number');
  const r = def.schema.safeParse(value);
  if (r.success) return null;
  return issueMessage(fieldIssueKind(r.error.issues[0]!, def.name, value));
}

/** A problem with one field as the server reports it (updateNode's `extensions.fields`). */
export interface ServerFieldIssue extends FieldIssueKind {
  field: string;
  /** The server's English text, shown only when the code is not known here. */
  message: string;
}

/** Translated messages by field for the problems the server reported. */
export function serverFieldMessages(issues: readonly ServerFieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    if (out[i.field]) continue;
    const known = isMessageKey(`val.${i.code}`);
    out[i.field] = known ? issueMessage(i) : `${i.field}: ${i.message}`;
  }
  return out;
}

/** A form value as the text `updateNode` reads (lists joined with ';'; null = unset). */
export function changeValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(';');
  return String(value);
}

/** The fields whose value differs from the record, as `FieldChange`s for updateNode. */
export function fieldChanges(
  values: Record<string, unknown>,
  record: Record<string, unknown>,
): Array<{ name: string; value: string | null }> {
  const out: Array<{ name: string; value: string | null }> = [];
  for (const [name, v] of Object.entries(values)) {
    const before = record[name];
    const was = Array.isArray(before) && before.length === 0 ? null : changeValue(before);
    const now = Array.isArray(v) && v.length === 0 ? null : changeValue(v);
    if (was === now) continue;
    out.push({ name, value: now });
  }
  return out;
}

/** Validates a whole form; returns the typed values and the messages by field. */
export function validateForm(
  kind: string,
  raw: Record<string, string | boolean | string[]>,
  isTalent: boolean,
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const def of FIELDS[kind] ?? []) {
    if (def.talentOnly && !isTalent) continue;
    if (!(def.name in raw)) continue;
    const v = parseValue(def, raw[def.name]!);
    const msg = validateField(def, v);
    if (msg) errors[def.name] = msg;
    else values[def.name] = v ?? null;
  }
  return { values, errors };
}

/**
 * Removes fields from every kind's form and read (e.g. contact fields for accounts that may
 * not read them: the server's schema for those roles has no such fields).
 */
export function hideFields(names: string[]): void {
  const hidden = new Set(names);
  for (const kind of Object.keys(FIELDS)) {
    const defs = FIELDS[kind];
    if (defs) FIELDS[kind] = defs.filter((d) => !hidden.has(d.name));
  }
}
