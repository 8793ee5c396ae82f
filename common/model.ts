/**
 * The domain model of SPEC §2 as zod schemas: the one source of truth for validation, import,
 * the CSV templates and (later) the API. Every node and relationship type is listed here; the
 * allow-lists below are the only labels and relationship types any Cypher we build may name.
 *
 * Storage conventions (docs/model.md):
 * - every node carries its own label plus `:Entity`, so ids are unique across labels and a
 *   relationship endpoint is found by one index lookup;
 * - dates are ISO strings (`YYYY-MM-DD`), timestamps ISO date-times; `createdAt`/`updatedAt` are
 *   set by the writer, never taken from input;
 * - `Person.consent` {shareContact, publicProfile} is stored flat as `consentShareContact` and
 *   `consentPublicProfile` (Neo4j properties cannot hold maps);
 * - `:KeyPerson` and `:Talent` are extra labels on `Person`, set from `isKeyPerson`/`isTalent`.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Shared field types

/** Readable slugs in seeds (`org:shiojiri-cci`), UUIDs for nodes users create. */
export const Id = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9:_.-]*$/, 'may contain only letters, digits and : _ . -');

/**
 * Characters no name or note may hold: control characters (C0 but, in multi-line text, tab and
 * newline; DEL; C1), and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that make text show in another order than it is stored. Anything else is
 * stored as typed.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- as above
const TEXT_FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/** A single-line (`line`) or multi-line (`text`) string without the characters above. */
export function plainText(kind: 'line' | 'text' = 'line') {
  const forbidden = kind === 'line' ? LINE_FORBIDDEN : TEXT_FORBIDDEN;
  return z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const m = forbidden.exec(s);
      if (!m) return;
      const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const what = /[\u202A-\u202E\u2066-\u2069]/u.test(m[0])
        ? 'a bidirectional override'
        : 'a control character';
      ctx.addIssue({
        code: 'custom',
        message: `must not contain ${what} (U+${cp} at character ${[...s.slice(0, m.index)].length + 1}) / 制御文字・双方向制御文字は使えません`,
      });
    });
}

const Name = plainText().min(1, 'must not be empty').max(300);
const OptionalText = plainText('text').max(2000).optional();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const Score05 = z.number().int('must be a whole number').min(0).max(5);
const Level13 = z.number().int('must be a whole number').min(1).max(3);

export const REGION_KINDS = ['municipality', 'prefecture'] as const;
export const DEPT_PHASES = ['launching', 'operating', 'self_sustaining'] as const;
export const ORG_KINDS = [
  'municipality',
  'chamber',
  'commerce_assoc',
  'bank',
  'shinkin',
  'credit_union',
  'university',
  'npo',
  'support_center',
  'public_corp',
  'hr_company',
  'large_enterprise',
  'government',
  'other',
] as const;
/** The four functions of the report's 図24. */
export const ORG_FUNCTIONS = [
  'change_agent',
  'strategic_partner',
  'hr_expert',
  'employee_advocate',
] as const;
export const SME_STAGES = ['unaware', 'interested', 'engaged', 'matched', 'following_up'] as const;
export const PERSON_ORIGINS = ['local', 'outside'] as const;
export const TALENT_KINDS = [
  'side_job',
  'dual_work',
  'intern',
  'professional',
  'senior',
  'other',
] as const;
export const EVENT_KINDS = [
  'council',
  'info_sharing',
  'seminar',
  'matching',
  'internship',
  'follow_up',
  'hearing',
] as const;
export const INTRODUCTION_STATUSES = ['suggested', 'accepted', 'made', 'declined'] as const;
export const KNOWS_SOURCES = ['seed', 'survey', 'introduction', 'event', 'manual'] as const;
export const SUPPORT_KINDS = ['lending', 'membership', 'advisory', 'program'] as const;
export const ENGAGEMENT_STATUSES = [
  'proposed',
  'interviewing',
  'contracted',
  'active',
  'completed',
  'dropped',
] as const;

// ---------------------------------------------------------------------------------------------
// Nodes (input shape: what an import row or an API write may set)

export const RegionSchema = z.object({
  id: Id,
  name: Name,
  prefecture: Name,
  nameEn: plainText().max(300).optional(),
  kind: z.enum(REGION_KINDS),
});

export const RegionalHRDeptSchema = z.object({
  id: Id,
  name: Name,
  phase: z.enum(DEPT_PHASES),
});

export const OrganizationSchema = z.object({
  id: Id,
  name: Name,
  kind: z.enum(ORG_KINDS),
  functions: z.array(z.enum(ORG_FUNCTIONS)).default([]),
});

export const SMESchema = z.object({
  id: Id,
  name: Name,
  industry: Name,
  employees: z.number().int('must be a whole number').min(0).max(1_000_000),
  hasHrStaff: z.boolean(),
  hasEvaluationSystem: z.boolean(),
  stage: z.enum(SME_STAGES),
});

export const PersonSchema = z
  .object({
    id: Id,
    name: Name,
    /** フリガナ: the reading of the name, as typed (search folds kana, width and spaces). */
    nameKana: plainText().max(300).optional(),
    title: plainText('text').max(300).optional(),
    origin: z.enum(PERSON_ORIGINS),
    mind: Score05.optional(),
    skill: Score05.optional(),
    network: Score05.optional(),
    email: z.email('must be an e-mail address').optional(),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{6,20}$/, 'must be a phone number (digits, + - ( ) and spaces)')
      .optional(),
    consentShareContact: z.boolean().default(false),
    consentPublicProfile: z.boolean().default(false),
    isKeyPerson: z.boolean().default(false),
    isTalent: z.boolean().default(false),
    talentKind: z.enum(TALENT_KINDS).optional(),
    hoursPerMonth: z.number().min(0).max(400).optional(),
    remoteOk: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.isTalent && !p.talentKind) {
      ctx.addIssue({
        code: 'custom',
        path: ['talentKind'],
        message: 'is required when isTalent is true',
      });
    }
    if (!p.isTalent && (p.talentKind || p.hoursPerMonth !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['isTalent'],
        message: 'must be true when talentKind or hoursPerMonth is given',
      });
    }
  });

export const SkillSchema = z.object({ id: Id, name: Name });
export const ChallengeSchema = z.object({
  id: Id,
  name: Name,
  code: plainText().min(1).max(50),
});
export const EventSchema = z.object({
  id: Id,
  name: Name,
  kind: z.enum(EVENT_KINDS),
  date: IsoDate,
  /** What was said or agreed (a follow-up's note): free text, not for analysts. */
  note: OptionalText,
});
export const IntroductionSchema = z.object({
  id: Id,
  name: Name.optional(),
  status: z.enum(INTRODUCTION_STATUSES),
  reason: OptionalText,
  score: z.number().min(0).max(1).optional(),
  decidedAt: z.string().datetime({ offset: true }).optional(),
});

/** Node labels of §2, each with its schema. `Entity` is the shared storage label, not listed. */
export const NODE_SCHEMAS = {
  Region: RegionSchema,
  RegionalHRDept: RegionalHRDeptSchema,
  Organization: OrganizationSchema,
  SME: SMESchema,
  Person: PersonSchema,
  Skill: SkillSchema,
  Challenge: ChallengeSchema,
  Event: EventSchema,
  Introduction: IntroductionSchema,
} as const;
export type NodeLabel = keyof typeof NODE_SCHEMAS;
export const NODE_LABELS = Object.keys(NODE_SCHEMAS) as NodeLabel[];
/**
 * Node labels whose fields a coordinator may edit one node at a time (GraphQL `updateNode`).
 * Introductions are written only through recordIntroduction.
 */
export const EDITABLE_NODE_LABELS = [
  'Region',
  'RegionalHRDept',
  'Organization',
  'SME',
  'Person',
  'Skill',
  'Challenge',
  'Event',
] as const satisfies readonly NodeLabel[];

/**
 * The node kinds of the network itself — every label but Introduction: what the analytics
 * projection loads and the map shows (the same set a coordinator may edit).
 */
export const GRAPH_NODE_LABELS = EDITABLE_NODE_LABELS;
export type GraphNodeLabel = (typeof GRAPH_NODE_LABELS)[number];

/** The seven kinds of network gap (SPEC §4.2; exact definitions in docs/gaps.md). */
export const GAP_KINDS = [
  'UNSUPPORTED_SME',
  'COORDINATION_GAP',
  'KEY_PERSON_DEPENDENCY',
  'ISOLATED_NEWCOMER',
  'FOLLOW_UP_OVERDUE',
  'COMMUNITY_SILO',
  'FUNCTION_UNCOVERED',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];
export type EditableNodeLabel = (typeof EDITABLE_NODE_LABELS)[number];
/** Extra labels a Person may carry. */
export const PERSON_EXTRA_LABELS = ['KeyPerson', 'Talent'] as const;

// ---------------------------------------------------------------------------------------------
// Relationships: type → allowed endpoint labels and property schema

const NoProps = z.object({});

/**
 * A tie's validity (SPEC §12): valid from `since` (inclusive) until `until` (exclusive), both
 * optional (no `since` = valid since ever, no `until` = still valid). Ending a tie sets `until`
 * and keeps it as history; only erasure deletes it. The analytics of a date D see the ties with
 * since ≤ D and (until null or until > D) (cypher/projection-*.cypher).
 */
const Validity = { since: IsoDate.optional(), until: IsoDate.optional() };

/** Relationship types that carry a validity (`since`, `until`). */
export const VALIDITY_REL_TYPES = [
  'MEMBER_OF',
  'WORKS_AT',
  'KNOWS',
  'SUPPORTS',
  'PARTNERS_WITH',
  'LOCATED_IN',
] as const;

/** Whether a tie with these properties is valid on `date` (YYYY-MM-DD): the rule of §12. */
export function validOn(props: { since?: unknown; until?: unknown }, date: string): boolean {
  const since = typeof props.since === 'string' ? props.since : null;
  const until = typeof props.until === 'string' ? props.until : null;
  return (since === null || since <= date) && (until === null || until > date);
}

export const RELATIONSHIPS = {
  LEADS: { from: ['Organization'], to: ['RegionalHRDept'], props: NoProps },
  MEMBER_OF: {
    from: ['Organization'],
    to: ['RegionalHRDept'],
    props: z.object({ ...Validity, engagement: Level13.optional() }),
  },
  COVERS: { from: ['RegionalHRDept'], to: ['Region'], props: NoProps },
  WORKS_AT: {
    from: ['Person'],
    to: ['Organization', 'SME'],
    props: z.object({ title: plainText('text').max(300).optional(), ...Validity }),
  },
  KNOWS: {
    from: ['Person'],
    to: ['Person'],
    props: z.object({
      strength: Level13.default(1),
      ...Validity,
      context: plainText('text').max(500).optional(),
      source: z.enum(KNOWS_SOURCES).default('manual'),
      /** source survey: the wave whose answers made the tie (docs/surveys.md). */
      waveId: z.string().trim().max(200).optional(),
      /** source survey: named by both (true) or by one of the two (false). */
      confirmed: z.boolean().optional(),
    }),
  },
  SUPPORTS: {
    from: ['Organization'],
    to: ['SME'],
    props: z.object({ kind: z.enum(SUPPORT_KINDS), ...Validity }),
  },
  PARTNERS_WITH: { from: ['Organization'], to: ['Organization'], props: z.object(Validity) },
  HAS_CHALLENGE: {
    from: ['SME'],
    to: ['Challenge'],
    props: z.object({ priority: Level13.default(2) }),
  },
  HAS_SKILL: {
    from: ['Person'],
    to: ['Skill'],
    props: z.object({ level: Level13.optional() }),
  },
  ADDRESSES: { from: ['Skill'], to: ['Challenge'], props: NoProps },
  ENGAGED_WITH: {
    from: ['Person'],
    to: ['SME'],
    props: z.object({
      status: z.enum(ENGAGEMENT_STATUSES),
      startedAt: IsoDate.optional(),
      lastFollowUpAt: IsoDate.optional(),
    }),
  },
  ATTENDED: { from: ['Person'], to: ['Event'], props: NoProps },
  HOSTED: { from: ['Organization'], to: ['Event'], props: NoProps },
  PARTICIPATED: { from: ['SME'], to: ['Event'], props: NoProps },
  LOCATED_IN: {
    from: ['Organization', 'SME', 'Person'],
    to: ['Region'],
    props: z.object(Validity),
  },
  FROM: { from: ['Introduction'], to: ['Person'], props: NoProps },
  TO: { from: ['Introduction'], to: ['Person', 'SME'], props: NoProps },
  VIA: { from: ['Introduction'], to: ['Person'], props: NoProps },
} as const satisfies Record<
  string,
  { from: readonly NodeLabel[]; to: readonly NodeLabel[]; props: z.ZodObject }
>;
export type RelType = keyof typeof RELATIONSHIPS;
export const REL_TYPES = Object.keys(RELATIONSHIPS) as RelType[];
/** Relationship types that are symmetric in meaning and stored once, in either direction. */
export const SYMMETRIC_REL_TYPES: ReadonlySet<RelType> = new Set(['KNOWS', 'PARTNERS_WITH']);

function buildRelationshipRowSchema(type: RelType) {
  // One object schema (extend), not an intersection (and): it parses several times faster,
  // which matters for imports of hundreds of thousands of rows.
  return z
    .object({ from: Id, to: Id })
    .extend(RELATIONSHIPS[type].props.shape)
    .superRefine((parsed, ctx) => {
      const row = parsed as { since?: unknown; until?: unknown };
      if (
        typeof row.since === 'string' &&
        typeof row.until === 'string' &&
        row.until <= row.since
      ) {
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'must be after since' });
      }
    });
}
const relationshipRowSchemas = new Map<RelType, ReturnType<typeof buildRelationshipRowSchema>>();

/**
 * A relationship row: endpoints by id plus the type's properties. Built once per type (building
 * a zod object costs far more than parsing a row with it).
 */
export function relationshipRowSchema(type: RelType) {
  let schema = relationshipRowSchemas.get(type);
  if (!schema) relationshipRowSchemas.set(type, (schema = buildRelationshipRowSchema(type)));
  return schema;
}

export function isNodeLabel(s: string): s is NodeLabel {
  return Object.prototype.hasOwnProperty.call(NODE_SCHEMAS, s);
}
export function isRelType(s: string): s is RelType {
  return Object.prototype.hasOwnProperty.call(RELATIONSHIPS, s);
}

export type Region = z.infer<typeof RegionSchema>;
export type RegionalHRDept = z.infer<typeof RegionalHRDeptSchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type SME = z.infer<typeof SMESchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Skill = z.infer<typeof SkillSchema>;
export type Challenge = z.infer<typeof ChallengeSchema>;
export type Event = z.infer<typeof EventSchema>;
export type Introduction = z.infer<typeof IntroductionSchema>;
