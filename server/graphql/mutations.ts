/**
 * The Mutation resolvers (server/graphql/analytics.graphql): thin glue between GraphQL and the
 * one write path. Each checks the caller (signed in, may write), parses its arguments with zod
 * (server/graphql/validate.ts), turns them into a write request with a pure translate function
 * of server/write/commands, applies it (server/write), and maps the write path's domain errors
 * to `extensions.code` (writeErrors.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  Kind,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { z } from 'zod';
import { assertCanWrite, requireViewer, type Viewer } from '../../common/roles';
import type { Database } from '../db/driver';
import { applyChanges, type Writer } from '../write';
import { createNodeRequest } from '../write/commands/createNode';
import { deleteNodeRequest } from '../write/commands/deleteNode';
import { mergeNodesRequest } from '../write/commands/mergeNodes';
import { recordFollowUpRequest } from '../write/commands/recordFollowUp';
import { recordIntroductionRequest } from '../write/commands/recordIntroduction';
import { deleteRelationshipRequest, setRelationshipRequest } from '../write/commands/relationship';
import { updateIntroductionRequest } from '../write/commands/updateIntroduction';
import { updateNodeRequest } from '../write/commands/updateNode';
import { badInput } from './errors';
import { presentIntroduction } from './introductionLog';
import type { ResolverContext } from './resolvers';
import {
  CreateNodeArgs,
  DeleteNodeArgs,
  MergeNodesArgs,
  RecordFollowUpArgs,
  RecordIntroductionArgs,
  RelationshipArgs,
  SetRelationshipArgs,
  UpdateIntroductionArgs,
  UpdateNodeArgs,
} from './validate';
import { writeApiError } from './writeErrors';

/** Who writes, as the write path knows them: an admin everywhere, a coordinator in their regions. */
export function writerOf(viewer: Viewer): Writer {
  return {
    actor: { name: viewer.username, role: viewer.role },
    regionIds: viewer.role === 'admin' ? null : (viewer.regionIds ?? []),
  };
}

type MutationResolver = (
  root: unknown,
  args: Record<string, unknown>,
  ctx: ResolverContext,
  info: GraphQLResolveInfo,
) => Promise<unknown>;

function mutation<S extends z.ZodType>(
  schema: S,
  body: (args: z.infer<S>, writer: Writer, info: GraphQLResolveInfo) => Promise<unknown>,
): MutationResolver {
  return async (_root, rawArgs, ctx, info) => {
    try {
      const viewer = requireViewer(ctx.viewer);
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success) throw parsed.error;
      assertCanWrite(viewer);
      return await body(parsed.data, writerOf(viewer), info);
    } catch (err) {
      throw writeApiError(err);
    }
  };
}

/** What recordIntroduction answers: the introduction's own fields, and its parties' names. */
const INTRODUCTION_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'name',
  'status',
  'reason',
  'score',
  'createdAt',
  'updatedAt',
  'decidedAt',
]);
const PARTY_LISTS: ReadonlySet<string> = new Set(['from', 'to', 'via']);
const PARTY_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'name',
  'isKeyPerson',
  'isTalent',
]);

/**
 * The selected fields recordIntroduction cannot answer from what its transaction read (its
 * answer is built before the commit, so nothing may fail after it): anything but the fields
 * above, and arguments on the party lists.
 */
export function unanswerableFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const out: string[] = [];
  const walk = (set: SelectionSetNode | undefined, at: string | null): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, at);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(fragments[s.name.value]?.selectionSet, at);
      else {
        const name = s.name.value;
        const path = at === null ? name : `${at}.${name}`;
        if (at === null && PARTY_LISTS.has(name) && !s.arguments?.length)
          walk(s.selectionSet, name);
        else if (s.selectionSet || !(at === null ? INTRODUCTION_FIELDS : PARTY_FIELDS).has(name))
          out.push(path);
      }
    }
  };
  walk(selectionSet, null);
  return out;
}

function assertAnswerable(info: GraphQLResolveInfo): void {
  const fields = info.fieldNodes.flatMap((f) => unanswerableFields(f.selectionSet, info.fragments));
  if (fields.length === 0) return;
  throw badInput(
    `recordIntroduction answers the introduction's own fields and the id and name (isKeyPerson, isTalent) of from, to and via; ${[...new Set(fields)].join(', ')} cannot be selected here: ask for them with the introductions query afterwards. Nothing was recorded.`,
  );
}

export function createMutationResolvers({ db }: { db: Database }) {
  return {
    recordIntroduction: mutation(RecordIntroductionArgs, async (args, writer, info) => {
      assertAnswerable(info);
      return applyChanges(db, recordIntroductionRequest(args, writer, randomUUID()));
    }),
    updateNode: mutation(UpdateNodeArgs, (args, writer) =>
      applyChanges(db, updateNodeRequest(args, writer)),
    ),
    createNode: mutation(CreateNodeArgs, (args, writer) =>
      applyChanges(db, createNodeRequest(args, writer, randomUUID())),
    ),
    deleteNode: mutation(DeleteNodeArgs, (args, writer) =>
      applyChanges(db, deleteNodeRequest(args, writer)),
    ),
    setRelationship: mutation(SetRelationshipArgs, (args, writer) =>
      applyChanges(db, setRelationshipRequest(args, writer)),
    ),
    deleteRelationship: mutation(RelationshipArgs, (args, writer) =>
      applyChanges(db, deleteRelationshipRequest(args, writer)),
    ),
    mergeNodes: mutation(MergeNodesArgs, (args, writer) =>
      applyChanges(db, mergeNodesRequest(args, writer)),
    ),
    recordFollowUp: mutation(RecordFollowUpArgs, (args, writer) =>
      applyChanges(db, recordFollowUpRequest(args, writer, randomUUID())),
    ),
    updateIntroduction: mutation(UpdateIntroductionArgs, async (args, writer) => {
      const done = await applyChanges(db, updateIntroductionRequest(args, writer));
      // A writer may read every party of an introduction they may change (theirs or shared).
      const role = writer.actor.role as Viewer['role'];
      return {
        ...done,
        introduction: presentIntroduction(done.introduction, { role }, () => true),
      };
    }),
  };
}
