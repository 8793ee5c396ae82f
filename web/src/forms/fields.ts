/**
 * The fields of a form, made from the domain model's zod schemas (common/model.ts), the one
 * source of truth: a field's input type, its choices, whether it is required and its
 * validation all come from the schema of the node's label. A form spec only says which fields
 * a form shows, in which order, and when (e.g. the talent fields only for a talent).
 */
import type { z } from 'zod';
import {
  DEPT_PHASES,
  EVENT_KINDS,
  EventSchema,
  IsoDate,
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
} from '../../../common/model';
import type { EnumGroup, MessageKey } from '../i18n';

export type FieldType = 'text' | 'email' | 'int' | 'number' | 'bool' | 'enum' | 'enumList' | 'date';

/** The names of the fields that have a label (`field.<name>` in i18n/ja.ts). */
export type FieldName = {
  [K in MessageKey]: K extends `field.${infer N}`
    ? N extends `${string}.help`
      ? never
      : N
    : never;
}[MessageKey];

/** What the form is filled for (decides the conditional fields). */
export interface FormContext {
  /** The person is a talent (兼業・副業人材 …): the talent fields are shown. */
  isTalent: boolean;
}

export interface FieldDef {
  name: FieldName;
  type: FieldType;
  /** Enum group (i18n) of the choices. */
  group?: EnumGroup;
  values?: readonly string[];
  required: boolean;
  /** The field's schema (without optional/default): validates one value. */
  schema: z.ZodType;
  /** Shown only when this holds. */
  when?: (ctx: FormContext) => boolean;
  /** Its help text (`field.<name>.help`) is shown under the input, not only on hover. */
  hint?: boolean;
}

/** What a form spec says of a field beyond its name. */
type FieldOptions = Pick<FieldDef, 'when' | 'hint'>;
type FieldSpec = FieldName | [FieldName, FieldOptions];

/** The choices of the model and their i18n group (by the list itself). */
const ENUM_GROUPS: ReadonlyArray<[readonly string[], EnumGroup]> = [
  [REGION_KINDS, 'regionKind'],
  [DEPT_PHASES, 'deptPhase'],
  [ORG_KINDS, 'orgKind'],
  [ORG_FUNCTIONS, 'orgFunction'],
  [SME_STAGES, 'smeStage'],
  [PERSON_ORIGINS, 'personOrigin'],
  [TALENT_KINDS, 'talentKind'],
  [EVENT_KINDS, 'eventKind'],
];

function groupOf(values: readonly string[]): EnumGroup {
  const hit = ENUM_GROUPS.find(([v]) => v.join() === values.join());
  if (!hit) throw new Error(`no i18n group for the choices ${values.join('|')}`);
  return hit[1];
}

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { def: ZodDef }).def;

/** A field of a form, read from its schema in the model. */
export function fieldFromSchema(
  name: FieldName,
  schema: z.ZodType,
  options: FieldOptions = {},
): FieldDef {
  let base = schema;
  let optional = false;
  for (let d = defOf(base); d.type === 'optional' || d.type === 'default'; d = defOf(base)) {
    optional = true;
    base = d.innerType!;
  }
  const d = defOf(base);
  const common = { name, schema: base, ...options };
  switch (d.type) {
    case 'boolean':
      return { ...common, type: 'bool', required: false };
    case 'number':
      return {
        ...common,
        type: (base as unknown as { isInt: boolean }).isInt ? 'int' : 'number',
        required: !optional,
      };
    case 'enum': {
      const values = (base as unknown as { options: string[] }).options;
      return { ...common, type: 'enum', values, group: groupOf(values), required: !optional };
    }
    case 'array': {
      const values = (d.element as unknown as { options?: string[] }).options;
      if (!values) throw new Error(`${name}: only lists of choices have a form input`);
      return { ...common, type: 'enumList', values, group: groupOf(values), required: false };
    }
    case 'string': {
      const format = (base as unknown as { format?: string | null }).format;
      const type = base === IsoDate ? 'date' : format === 'email' ? 'email' : 'text';
      return { ...common, type, required: !optional };
    }
    default:
      throw new Error(`${name}: no form input for a ${d.type}`);
  }
}

interface FormSpec {
  schema: z.ZodObject;
  fields: FieldSpec[];
}

const talent = (ctx: FormContext) => ctx.isTalent;

/** The fields a coordinator keeps of each node kind, in the order the form shows them. */
export const NODE_FORMS = {
  Person: {
    schema: PersonSchema,
    fields: [
      'name',
      ['nameKana', { hint: true }],
      'title',
      'origin',
      'isKeyPerson',
      'isTalent',
      ['mind', { hint: true }],
      ['skill', { hint: true }],
      ['network', { hint: true }],
      'email',
      'phone',
      'consentShareContact',
      'consentPublicProfile',
      ['talentKind', { when: talent }],
      ['hoursPerMonth', { when: talent }],
      ['remoteOk', { when: talent }],
    ],
  },
  Organization: { schema: OrganizationSchema, fields: ['name', 'kind', 'functions'] },
  SME: {
    schema: SMESchema,
    fields: ['name', 'industry', 'employees', 'hasHrStaff', 'hasEvaluationSystem', 'stage'],
  },
  Event: { schema: EventSchema, fields: ['name', 'kind', 'date', 'note'] },
  RegionalHRDept: { schema: RegionalHRDeptSchema, fields: ['name', 'phase'] },
  Region: { schema: RegionSchema, fields: ['name', 'nameEn', 'prefecture', 'kind'] },
} satisfies Record<string, FormSpec>;

export type FormKind = keyof typeof NODE_FORMS;

export function hasForm(kind: string): kind is FormKind {
  return Object.prototype.hasOwnProperty.call(NODE_FORMS, kind);
}

const cache = new Map<FormKind, FieldDef[]>();

/** Every field of a kind's form (whatever the context), from its schema. */
export function formFields(kind: FormKind): FieldDef[] {
  let defs = cache.get(kind);
  if (!defs) {
    const spec: FormSpec = NODE_FORMS[kind];
    const shape = spec.schema.shape as Record<string, z.ZodType>;
    defs = spec.fields.map((f) => {
      const [name, options] = typeof f === 'string' ? [f, {}] : f;
      const schema = shape[name];
      if (!schema) throw new Error(`${kind}.${name} is not in the model`);
      return fieldFromSchema(name, schema, options);
    });
    cache.set(kind, defs);
  }
  return defs;
}

/** The object schema of a kind (for the rules across fields). */
export function formSchema(kind: FormKind): z.ZodObject {
  return NODE_FORMS[kind].schema;
}

/**
 * The fields of a kind the server lets this account read (`readable`: the field names its
 * schema has; a role may lack some, e.g. the contact fields). A field the account cannot read
 * is neither shown nor sent.
 */
export function readableFields(kind: FormKind, readable: ReadonlySet<string> | null): FieldDef[] {
  return formFields(kind).filter((d) => readable === null || readable.has(d.name));
}

/** Of these fields, those whose condition holds for what the form is filled for. */
export function shownFields(defs: readonly FieldDef[], ctx: FormContext): FieldDef[] {
  return defs.filter((d) => !d.when || d.when(ctx));
}

/** The fields shown of a record of a kind (readable, and their condition holds). */
export function visibleFields(
  kind: FormKind,
  ctx: FormContext,
  readable: ReadonlySet<string> | null,
): FieldDef[] {
  return shownFields(readableFields(kind, readable), ctx);
}
