/**
 * Field kinds derived from the zod schemas of model.ts (never a hand-kept list), and the
 * conversion of CSV cells to typed values by those kinds.
 */
import { z } from 'zod';
import { NODE_SCHEMAS, RELATIONSHIPS, type NodeLabel, type RelType } from '../../common/model';

export type BaseKind = 'string' | 'number' | 'int' | 'boolean' | 'enum';

export interface FieldInfo {
  kind: BaseKind | 'array';
  /** For arrays: the kind of the elements. */
  element?: BaseKind;
  /** Allowed values of an enum (or of an array's elements). */
  values?: readonly string[];
  /** False when the row must give the field (no `.optional()`, no `.default()`). */
  optional: boolean;
  /** True when the schema fills a default for a missing value. */
  hasDefault: boolean;
}

export type FieldMap = Record<string, FieldInfo>;

type AnyZod = z.core.$ZodType;

function defOf(s: AnyZod): {
  type: string;
  innerType?: AnyZod;
  element?: AnyZod;
  entries?: Record<string, unknown>;
} {
  return (s as unknown as { _zod: { def: never } })._zod.def;
}

function baseKind(s: AnyZod): { kind: BaseKind; values?: readonly string[] } {
  const def = defOf(s);
  switch (def.type) {
    case 'string':
      return { kind: 'string' };
    case 'number': {
      const n = s as unknown as { isInt?: boolean; format?: string | null };
      return { kind: n.isInt || n.format === 'safeint' || n.format === 'int32' ? 'int' : 'number' };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}).map(String) };
    default:
      throw new Error(`import: unsupported zod field type "${def.type}" in model.ts`);
  }
}

export function fieldInfo(schema: AnyZod): FieldInfo {
  let s = schema;
  let optional = false;
  let hasDefault = false;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'optional') optional = true;
    else if (def.type === 'default' || def.type === 'prefault') hasDefault = optional = true;
    else if (def.type === 'nullable') optional = true;
    else break;
    s = def.innerType!;
  }
  const def = defOf(s);
  if (def.type === 'array') {
    const el = baseKind(def.element!);
    return { kind: 'array', element: el.kind, values: el.values, optional, hasDefault };
  }
  const b = baseKind(s);
  return { kind: b.kind, values: b.values, optional, hasDefault };
}

function shapeFields(shape: Record<string, AnyZod>): FieldMap {
  const out: FieldMap = {};
  for (const [k, v] of Object.entries(shape)) out[k] = fieldInfo(v);
  return out;
}

const nodeFieldCache = new Map<NodeLabel, FieldMap>();
const relFieldCache = new Map<RelType, FieldMap>();

/** The fields of a node label's schema (id first). */
export function nodeFields(label: NodeLabel): FieldMap {
  let f = nodeFieldCache.get(label);
  if (!f) {
    f = shapeFields(NODE_SCHEMAS[label].shape as Record<string, AnyZod>);
    nodeFieldCache.set(label, f);
  }
  return f;
}

/** The fields of a relationship row: `from`, `to`, then the type's properties. */
export function relFields(type: RelType): FieldMap {
  let f = relFieldCache.get(type);
  if (!f) {
    const props = shapeFields(RELATIONSHIPS[type].props.shape as Record<string, AnyZod>);
    f = {
      from: { kind: 'string', optional: false, hasDefault: false },
      to: { kind: 'string', optional: false, hasDefault: false },
      ...props,
    };
    relFieldCache.set(type, f);
  }
  return f;
}

/** Fields the writer sets itself; tolerated in input (e.g. an export read back) and ignored. */
export const WRITER_FIELDS: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);

const TRUE = new Set(['true', '1', 'はい', 'yes', 'TRUE', 'True']);
const FALSE = new Set(['false', '0', 'いいえ', 'no', 'FALSE', 'False']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export type Converted = { ok: true; value: unknown } | { ok: false; reason: string };

function convertBase(kind: BaseKind, text: string): Converted {
  switch (kind) {
    case 'number':
    case 'int': {
      // Excel may write thousands separators and full-width digits; accept both.
      const t = text
        .replace(/[０-９．－＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/,(?=\d{3}(\D|$))/g, '');
      if (!NUMBER.test(t)) {
        return {
          ok: false,
          reason: `must be a ${kind === 'int' ? 'whole number' : 'number'} (got ${JSON.stringify(text)})`,
        };
      }
      return { ok: true, value: Number(t) };
    }
    case 'boolean':
      if (TRUE.has(text)) return { ok: true, value: true };
      if (FALSE.has(text)) return { ok: true, value: false };
      return {
        ok: false,
        reason: `must be true or false (also 1/0, はい/いいえ) (got ${JSON.stringify(text)})`,
      };
    default:
      return { ok: true, value: text };
  }
}

/**
 * A CSV cell as a typed value. Strings are trimmed; an empty cell is `undefined` ("not set");
 * lists are split on `;`.
 */
export function convertCell(info: FieldInfo, cell: string): Converted {
  const text = cell.trim();
  if (text === '') return { ok: true, value: undefined };
  if (info.kind === 'array') {
    const parts = text
      .split(/[;；]/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const out: unknown[] = [];
    for (const p of parts) {
      const c = convertBase(info.element ?? 'string', p);
      if (!c.ok) return c;
      out.push(c.value);
    }
    return { ok: true, value: out };
  }
  return convertBase(info.kind, text);
}
