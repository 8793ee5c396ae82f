/** zod schemas of the analytics arguments (SPEC §5; every list at most 100). */
import { z } from 'zod';
import { GAP_KINDS } from '../analytics/gaps';
import {
  EDITABLE_NODE_LABELS,
  Id,
  INTRODUCTION_STATUSES,
  IsoDate,
  plainText,
  REL_TYPES,
} from '../../common/model';
import { isCalendarDate, today } from '../../common/dates';
import { SURVEY_WAVES, waveById } from '../../common/waves';

export const MAX_LIMIT = 100;

/** A list limit 1..100 (the default comes from the SDL). */
export const Limit = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_LIMIT, `must be at most ${MAX_LIMIT} (ask for fewer items and page through them)`);

/** An id: readable slug or UUID. */
export const IdArg = Id;

/** Optional id: GraphQL null and absent both mean "none". */
const OptId = IdArg.nullish().transform((v) => v ?? null);

export const RegionArgs = z.object({ regionId: OptId });

/**
 * The analytics option of the survey's unconfirmed ties (docs/surveys.md): counted unless
 * `includeUnconfirmed: false`, which leaves out every KNOWS tie only one of two persons named.
 */
const IncludeUnconfirmed = z
  .boolean()
  .nullish()
  .transform((v) => v ?? true);

export const NetworkMapArgs = z.object({
  regionId: OptId,
  includeUnconfirmed: IncludeUnconfirmed,
  filter: z
    .object({
      kinds: z.array(z.string()).nullish(),
      focusId: OptId,
      focusDepth: z
        .number()
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(4, 'must be at most 4')
        .nullish(),
    })
    .nullish(),
});

export const KeyPersonArgs = z.object({
  regionId: OptId,
  limit: Limit,
  includeUnconfirmed: IncludeUnconfirmed,
});

export const GapArgs = z.object({
  regionId: OptId,
  kinds: z.array(z.enum(GAP_KINDS)).nullish(),
  includeUnconfirmed: IncludeUnconfirmed,
});

export const SuggestionArgs = z.object({
  regionId: OptId,
  forId: OptId,
  limit: Limit,
  includeUnconfirmed: IncludeUnconfirmed,
});

export const WhatIfArgs = z.object({
  regionId: OptId,
  personId: IdArg,
  includeUnconfirmed: IncludeUnconfirmed,
});

export const OutreachArgs = z.object({ regionId: IdArg, limit: Limit });

export const TalentArgs = z.object({ smeId: IdArg, limit: Limit });

export const PathArgs = z.object({ fromId: IdArg, toId: IdArg });

/** A note (free text, trimmed as typed): null when absent or empty. */
const Note = plainText('text')
  .max(2000, 'must be at most 2000 characters')
  .nullish()
  .transform((v) => (v ? v : null));

export const RecordIntroductionArgs = z
  .object({
    fromId: IdArg,
    toId: IdArg,
    viaId: OptId,
    status: z.enum(INTRODUCTION_STATUSES),
    note: Note,
    idempotencyKey: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((a, ctx) => {
    if (a.fromId === a.toId) {
      ctx.addIssue({ code: 'custom', path: ['toId'], message: 'must differ from fromId' });
    }
    if (a.viaId !== null && (a.viaId === a.fromId || a.viaId === a.toId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['viaId'],
        message: 'must be a third person (the broker), not fromId or toId',
      });
    }
  });

/** Changes one updateNode call may carry. */
export const MAX_FIELD_CHANGES = 50;

const FieldChange = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  value: z
    .string()
    .max(10_000, 'must be at most 10000 characters')
    .nullish()
    .transform((v) => v ?? null),
});
const FieldChanges = z
  .array(FieldChange)
  .max(MAX_FIELD_CHANGES, `must be at most ${MAX_FIELD_CHANGES} changes`);

export const UpdateNodeArgs = z.object({
  id: IdArg,
  fields: FieldChanges.min(1, 'give at least one field to change'),
});

/** Ties one createNode call may carry (an event's attendees). */
export const MAX_TIES = 200;

const RelTypeArg = z
  .enum(REL_TYPES as [string, ...string[]])
  .transform((t) => t as (typeof REL_TYPES)[number]);
const OptProps = FieldChanges.nullish().transform((v) => v ?? []);

export const CreateNodeArgs = z.object({
  kind: z.enum(EDITABLE_NODE_LABELS),
  fields: FieldChanges.min(1, 'give at least the name'),
  ties: z
    .array(
      z.object({
        type: RelTypeArg,
        otherId: IdArg,
        incoming: z
          .boolean()
          .nullish()
          .transform((v) => v ?? false),
        properties: OptProps,
      }),
    )
    .max(MAX_TIES, `must be at most ${MAX_TIES} ties`)
    .nullish()
    .transform((v) => v ?? []),
});

export const DeleteNodeArgs = z.object({
  id: IdArg,
  erase: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
});

export const RelationshipArgs = z.object({ type: RelTypeArg, from: IdArg, to: IdArg });
export const SetRelationshipArgs = RelationshipArgs.extend({ properties: OptProps });

export const MergeNodesArgs = z.object({ keep: IdArg, merge: IdArg });

export const RecordFollowUpArgs = z.object({
  talentId: IdArg,
  smeId: IdArg,
  date: IsoDate,
  note: Note,
  whoId: OptId,
});

export const DuplicateArgs = z.object({ id: IdArg, limit: Limit });

export const NoArgs = z.object({});

/** Optional short text (a filter): null when absent. */
const OptText = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .nullish()
  .transform((v) => v ?? null);

export const AuditArgs = z.object({
  limit: Limit,
  offset: z
    .number()
    .int()
    .min(0, 'must be at least 0')
    .max(1_000_000, 'must be at most 1000000')
    .nullish()
    .transform((v) => v ?? 0),
  actor: OptText,
  action: OptText,
});

// ---- over time (SPEC §12)

/** A date YYYY-MM-DD, a real one, not after today. */
export const PastDate = z
  .string()
  .trim()
  .refine(isCalendarDate, 'must be a date YYYY-MM-DD')
  .refine((d) => d <= today(), 'must not be in the future (the network is known up to today)');

/**
 * A wave's id as it is written: an interim wave's, or a stored wave's (`wave:<uuid>`). Whether
 * it is a closed wave of the region asked for is the resolver's question (server/surveys/points.ts).
 */
function isWaveId(v: string): boolean {
  return waveById(v) !== undefined || /^wave:[0-9a-f-]{36}$/.test(v);
}

/** A date or a wave id (compareNetworks' from and to). */
const DateOrWave = z
  .string()
  .trim()
  .min(1, 'must be a date YYYY-MM-DD or a wave id')
  .superRefine((v, ctx) => {
    if (/^\d{4}-/.test(v)) {
      const r = PastDate.safeParse(v);
      if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]!.message });
    } else if (!isWaveId(v)) {
      ctx.addIssue({
        code: 'custom',
        message: `is neither a date YYYY-MM-DD nor a known wave (${SURVEY_WAVES.map((w) => w.id).join(', ')}, or a closed wave's id)`,
      });
    }
  });

export const NetworkMetricsArgs = z
  .object({
    regionId: OptId,
    asOf: PastDate.nullish().transform((v) => v ?? null),
    waveId: IdArg.nullish().transform((v) => v ?? null),
    includeUnconfirmed: IncludeUnconfirmed,
  })
  .superRefine((a, ctx) => {
    if (a.asOf !== null && a.waveId !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['waveId'],
        message: 'give either asOf or waveId, not both',
      });
    }
    if (a.waveId !== null && !isWaveId(a.waveId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['waveId'],
        message: `is not a known wave (${SURVEY_WAVES.map((w) => w.id).join(', ')}, or a closed wave's id)`,
      });
    }
  });

export const CompareArgs = z.object({
  regionId: OptId,
  from: DateOrWave,
  to: DateOrWave,
  limit: Limit,
  includeUnconfirmed: IncludeUnconfirmed,
});

export const OverviewArgs = z.object({ asOf: PastDate.nullish().transform((v) => v ?? null) });

export const NetworkOverviewArgs = z.object({
  asOf: PastDate.nullish().transform((v) => v ?? null),
  includeUnconfirmed: IncludeUnconfirmed,
});

/** The introductions log (紹介の記録): a region's introductions, newest first, paged. */
export const IntroductionLogArgs = z.object({
  regionId: OptId,
  statuses: z
    .array(z.enum(INTRODUCTION_STATUSES))
    .nullish()
    .transform((v) => (v && v.length > 0 ? v : null)),
  limit: Limit,
  offset: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(100_000, 'must be at most 100000')
    .nullish()
    .transform((v) => v ?? 0),
});

/** updateIntroduction: a move of the status and/or the note as it should read ('' removes it). */
export const UpdateIntroductionArgs = z
  .object({
    id: IdArg,
    status: z
      .enum(INTRODUCTION_STATUSES)
      .nullish()
      .transform((v) => v ?? null),
    note: plainText('text')
      .max(2000, 'must be at most 2000 characters')
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((a, ctx) => {
    if (a.status === null && a.note === null)
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'give a status to move to, or a note (or both): there is nothing to change',
      });
  });
