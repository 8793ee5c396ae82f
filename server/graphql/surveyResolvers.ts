/**
 * Resolvers of survey waves (server/graphql/surveys.graphql): glue between GraphQL and
 * server/surveys/waves.ts, which checks who may run a wave and writes it. zod parses the
 * arguments; the write path's domain errors and AccessDenied map at the edge (writeErrors.ts).
 */
import { z } from 'zod';
import { requireViewer, type Viewer } from '../../common/roles';
import type { SurveyMailing } from '../surveys/mailing';
import type { SurveyWaves } from '../surveys/waves';
import type { ResolverContext } from './resolvers';
import { WriteRejected } from '../write/errors';
import { writeApiError } from './writeErrors';

const IdArg = z.string().trim().min(1).max(200);
const OptId = IdArg.nullish().transform((v) => v ?? null);

function op<S extends z.ZodType>(
  schema: S,
  body: (args: z.infer<S>, viewer: Viewer, ctx: ResolverContext) => Promise<unknown>,
) {
  return async (_root: unknown, rawArgs: Record<string, unknown>, ctx: ResolverContext) => {
    try {
      const viewer = requireViewer(ctx.viewer);
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success) throw parsed.error;
      return await body(parsed.data, viewer, ctx);
    } catch (err) {
      throw writeApiError(err);
    }
  };
}

const ById = z.object({ id: IdArg });
const ByDept = z.object({ deptId: OptId });
const ByRespondent = z.object({ waveId: IdArg, personId: IdArg });

/** Where the links in e-mails point: PUBLIC_URL, else the address the request came to. */
function linkOrigin(publicUrl: string | null, ctx: ResolverContext): string {
  const origin = publicUrl ?? ctx.origin;
  if (!origin)
    throw new WriteRejected([
      {
        field: '',
        message:
          'Set PUBLIC_URL: the address of the links is not known. / PUBLIC_URL を設定してください。',
      },
    ]);
  return origin;
}

export function createSurveyResolvers(
  waves: SurveyWaves,
  mailing: SurveyMailing,
  publicUrl: string | null = null,
) {
  return {
    Query: {
      waves: op(ByDept, (a, v) => waves.list(v, a.deptId)),
      wave: op(ById, (a, v) => waves.wave(v, a.id)),
      waveRosterCandidates: op(ByDept, (a, v) => waves.candidates(v, a.deptId)),
    },
    Mutation: {
      createWave: op(z.record(z.string(), z.unknown()), (a, v) => waves.create(v, a)),
      editWave: op(z.record(z.string(), z.unknown()), (a, v) => waves.edit(v, a)),
      setWaveRoster: op(ById.extend({ personIds: z.array(IdArg) }), (a, v) =>
        waves.setRoster(v, a.id, a.personIds),
      ),
      openWave: op(ById, (a, v) => waves.open(v, a.id)),
      closeWave: op(ById, (a, v) => waves.close(v, a.id)),
      deleteWave: op(ById, (a, v) => waves.deleteDraft(v, a.id)),
      reissueWaveLink: op(ByRespondent, (a, v) => waves.reissue(v, a.waveId, a.personId)),
      revokeWaveLink: op(ByRespondent, (a, v) => waves.revoke(v, a.waveId, a.personId)),
      // SurveyMailing parses its own arguments (zod: kind, at most 500 persons).
      sendWaveLinks: op(z.record(z.string(), z.unknown()), (a, v, ctx) =>
        mailing.send(v, a, linkOrigin(publicUrl, ctx)),
      ),
    },
  };
}
