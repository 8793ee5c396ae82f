/**
 * Resolvers of the analytics part of the API (server/graphql/analytics.graphql): validate the
 * arguments with zod, run the pure analytics of server/analytics on the cached projection of
 * the scope (server/projection), and map the results to the SDL types. The mutations
 * (`recordIntroduction`, `updateNode`) are thin glue around the one write path
 * (server/graphql/mutations.ts).
 */
import neo4j from 'neo4j-driver';
import type { z } from 'zod';
import {
  buildContext,
  connectionPath,
  introductionSuggestionsCtx,
  keyPersonGroupCtx,
  networkGapsCtx,
  outreachPlan,
  talentMatches,
  whatIfRemoved,
  type Ctx,
  type DeclinedPair,
  type Gap,
  type GapKind,
  type IntroductionSuggestion,
  type KeyPersonScore,
} from '../analytics';
import { tieBetweenness, tieBetweennessAsync } from '../analytics/betweenness';
import { rememberedBetweenness, rememberedBetweennessAsync } from '../analytics/betweennessMemo';
import { DECLINE_WINDOW_DAYS, type WishPair } from '../analytics/suggestions';
import { SurveyAnswerSchema } from '../../common/surveys';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { listAudit } from '../auth/audit';
import {
  assertAdmin,
  assertCanWrite,
  assertReadRegion,
  canWrite,
  pseudonymises,
  requireViewer,
  ROLE_LABELS,
  seesRatings,
  type Viewer,
} from '../../common/roles';
import type { ProjectionCache, ProjectionView, Scope } from '../projection';
import { withGraphVersion } from '../projection/cache';
import { unconfirmedTieCount } from '../projection/load';
import { RegionAccess } from './access';
import { notFound, toApiError } from './errors';
import { readDuplicatePool, rankDuplicates } from './duplicates';
import { presentIntroduction, readIntroductionLog } from './introductionLog';
import { placeNetworkMap } from './mapLayout';
import { buildNetworkMap, filterNetworkMap, type NetworkMapData } from './networkMap';
import {
  AuditArgs,
  DuplicateArgs,
  GapArgs,
  IntroductionLogArgs,
  KeyPersonArgs,
  NetworkMapArgs,
  NoArgs,
  OutreachArgs,
  PathArgs,
  SuggestionArgs,
  TalentArgs,
  WhatIfArgs,
} from './validate';
import { createMutationResolvers } from './mutations';
import { addDaysIso, today } from '../../common/dates';
import { HEAVY_FIELDS, limitError, type HeavyFieldLimiter, type ResponseBudget } from './limits';
import { allRegionsOf } from './allRegions';
import { combineSuggestions } from '../analytics/combine';
import { readNodeRegions } from '../write/regions';
import { autoReader } from '../write/validate';

export { today };

function daysBefore(isoDate: string, days: number): string {
  return addDaysIso(isoDate, -days);
}

/** What every resolver receives besides its arguments (server/graphql/index.ts). */
export interface ResolverContext {
  viewer?: Viewer | null;
  /** The request's graph version, read once (server/projection/cache.ts). */
  graphVersion?: () => Promise<number>;
  /** The map items the request may still return (server/graphql/limits.ts). */
  budget?: ResponseBudget;
  /** Heavy fields of one user at a time (server/graphql/limits.ts). */
  heavy?: HeavyFieldLimiter;
  /** The address the request came to (`https://host`), for links sent by e-mail. */
  origin?: string;
}

type Resolver = (
  root: unknown,
  args: Record<string, unknown>,
  ctx: ResolverContext,
  info?: { fieldName: string },
) => Promise<unknown>;

/**
 * Checks that someone is signed in, parses args with the schema, runs the body, and turns
 * every failure into an API error.
 */
export function resolver<S extends z.ZodType>(
  schema: S,
  body: (args: z.infer<S>, viewer: Viewer, ctx: ResolverContext) => Promise<unknown>,
): Resolver {
  return async (_root, rawArgs, ctx, info) => {
    try {
      const viewer = requireViewer(ctx.viewer);
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success) throw parsed.error;
      const inVersion = () => body(parsed.data, viewer, ctx);
      const run = () =>
        ctx.graphVersion ? withGraphVersion(ctx.graphVersion, inVersion) : inVersion();
      // A heavy field (a whole projection's analytics) waits for its viewer's turn.
      const heavy = ctx.heavy && info && HEAVY_FIELDS.has(info.fieldName);
      return await (heavy ? ctx.heavy!.run(viewer.userId, run) : run());
    } catch (err) {
      throw toApiError(err);
    }
  };
}

/** The analytics of one scope, computed once per graph version (and day). */
export class ScopedAnalytics {
  constructor(
    readonly view: ProjectionView,
    private readonly db: Database,
  ) {}

  get graph() {
    return this.view.graph;
  }

  /** The analytics index of this projection, built once and shared by every analysis. */
  context(): Ctx {
    return this.view.memo('context', () => buildContext(this.view.graph));
  }

  keyPersons(): KeyPersonScore[] {
    return this.view.memo('keyPersons', () =>
      keyPersonGroupCtx(this.context(), { betweenness: this.betweenness() }),
    );
  }

  /**
   * The tie graph's betweenness, once per projection. The same tie graph as an earlier
   * version's (a write that changed no tie): remembered (server/analytics/betweennessMemo.ts).
   */
  private betweenness(): Float64Array {
    return this.view.memo('betweenness', () => {
      const T = this.context().T;
      return rememberedBetweenness(T, () => tieBetweenness(T));
    });
  }

  /**
   * Computes the betweenness keyPersons() needs without holding the event loop: the worker
   * threads take most of it while this thread, between stretches of its own share, serves
   * other work (the pass over all regions reads the next region meanwhile). keyPersons() then
   * finds it in this projection's memo.
   */
  async prepareKeyPersons(): Promise<void> {
    const T = this.context().T;
    const value = await rememberedBetweennessAsync(T, () => tieBetweennessAsync(T));
    this.view.memo('betweenness', () => value);
  }

  gaps(asOf: string): Gap[] {
    return this.view.memo(`gaps:${asOf}`, () =>
      networkGapsCtx(this.context(), { asOf, keyPersons: this.keyPersons() }),
    );
  }

  /** The map with its layout positions (large maps), once per graph version. */
  map(): NetworkMapData {
    return this.view.memo('map', () =>
      placeNetworkMap(
        this.view.graph,
        buildNetworkMap(this.view.graph, this.keyPersons(), this.view.version),
        this.view.scope.regionId === null,
      ),
    );
  }

  /** The unconfirmed survey ties of this projection (none when it leaves them out). */
  unconfirmedTies(): number {
    return this.view.memo('unconfirmedTies', () => unconfirmedTieCount(this.graph));
  }

  /** Introduction suggestions (for one person or SME, or all), once per version, day and limit. */
  async suggestions(
    asOf: string,
    forId: string | null,
    limit: number,
  ): Promise<IntroductionSuggestion[]> {
    const declined = await this.declined(asOf);
    const wishes = await this.wishes();
    return this.view.memo(`suggestions:${asOf}:${forId ?? ''}:${limit}`, () =>
      introductionSuggestionsCtx(this.context(), {
        gaps: this.gaps(asOf),
        keyPersons: this.keyPersons(),
        ...(forId !== null ? { forId } : {}),
        limit,
        declined,
        wishes,
        asOf,
      }),
    );
  }

  /** "Would like to meet" answers of つながり調査 by the persons of this projection (once per version). */
  wishes(): Promise<WishPair[]> {
    return this.view.memo('wishes', async () => {
      const ids = this.graph.filterNodes((_id, n) => n.kind === 'Person');
      const res = await this.db.driver.executeQuery(
        cypher('survey-wishes'),
        { ids },
        { database: this.db.database, routing: neo4j.routing.READ },
      );
      return res.records.flatMap((r) => {
        const parsed = SurveyAnswerSchema.safeParse(JSON.parse(r.get('answers') as string));
        const fromId = r.get('personId') as string;
        return parsed.success ? parsed.data.wishes.map((toId) => ({ fromId, toId })) : [];
      });
    });
  }

  /** Introductions declined in the last 180 days (read once per graph version and day). */
  declined(asOf: string): Promise<DeclinedPair[]> {
    return this.view.memo(`declined:${asOf}`, async () => {
      const res = await this.db.driver.executeQuery(
        cypher('introduction-declined'),
        { since: daysBefore(asOf, DECLINE_WINDOW_DAYS) },
        { database: this.db.database, routing: neo4j.routing.READ },
      );
      return res.records.map((r) => ({
        fromId: r.get('fromId') as string,
        toId: r.get('toId') as string,
        decidedAt: r.get('decidedAt') as string,
      }));
    });
  }
}

export interface AnalyticsResolverDeps {
  db: Database;
  cache: ProjectionCache;
}

export function createAnalyticsResolvers({ db, cache }: AnalyticsResolverDeps) {
  const scoped = async (scope: Scope): Promise<ScopedAnalytics> =>
    new ScopedAnalytics(await cache.get(scope), db);
  /**
   * What the viewer's analytics are computed from: pseudonymised, without ratings; without the
   * survey's unconfirmed ties when the analytics option says so.
   */
  const view = (viewer: Viewer, regionId: string | null, includeUnconfirmed = true): Scope => ({
    regionId,
    pseudonymised: pseudonymises(viewer),
    withoutRatings: !seesRatings(viewer),
    ...(includeUnconfirmed ? {} : { confirmedOnly: true }),
  });
  /** The analytics of a region the viewer may read, in the viewer's view. */
  const readable = (
    viewer: Viewer,
    regionId: string | null,
    includeUnconfirmed = true,
  ): Promise<ScopedAnalytics> => {
    assertReadRegion(viewer, regionId);
    return scoped(view(viewer, regionId, includeUnconfirmed));
  };
  const access = new RegionAccess(cache);
  const allRegions = allRegionsOf(db, cache);
  /**
   * The combined answers of every region when the viewer asks for all regions of a national
   * store (server/graphql/allRegions.ts); null: answer from the one projection as usual.
   */
  const composed = async (viewer: Viewer, regionId: string | null) => {
    if (regionId !== null) return null;
    assertReadRegion(viewer, null);
    if (!(await allRegions.composed())) return null;
    return allRegions.answer(
      { pseudonymised: pseudonymises(viewer), withoutRatings: !seesRatings(viewer) },
      today(),
    );
  };

  const Query = {
    networkMap: resolver(
      NetworkMapArgs,
      async ({ regionId, filter, includeUnconfirmed }, viewer, ctx) => {
        assertReadRegion(viewer, regionId);
        if (regionId === null && (await allRegions.composed())) {
          const { entities } = await allRegions.storeSize();
          throw limitError(
            'RESPONSE_TOO_LARGE',
            `The map of all regions holds ${entities.toLocaleString('en')} nodes, more than a map can show (${allRegions.wholeMax.toLocaleString('en')}): use the overview (networkOverview) or choose a region. / 全地域の地図は大きすぎます。地域の全体図を使うか、地域を選んでください。`,
          );
        }
        const a = await readable(viewer, regionId, includeUnconfirmed);
        const kinds = filter?.kinds ?? null;
        if (filter?.focusId && !a.graph.hasNode(filter.focusId)) {
          throw notFound(`No node with id ${filter.focusId} in this map`);
        }
        const map = filterNetworkMap(a.graph, a.map(), {
          kinds,
          focusId: filter?.focusId ?? null,
          focusDepth: filter?.focusDepth ?? null,
        });
        // Every map of the request counts, however it was asked for (aliases, fragments).
        ctx.budget?.spend(map.nodes.length + map.edges.length);
        // The count of the region's unconfirmed ties, whether the map draws them or not.
        const all = includeUnconfirmed ? a : await readable(viewer, regionId, true);
        return {
          ...map,
          unconfirmedTies: all.unconfirmedTies(),
          includesUnconfirmed: includeUnconfirmed,
        };
      },
    ),

    keyPersonGroup: resolver(
      KeyPersonArgs,
      async ({ regionId, limit, includeUnconfirmed }, viewer) => {
        // A national store: every region's own view combined (unconfirmed ties included).
        const all = await composed(viewer, regionId);
        if (all) return all.keyPersons.slice(0, limit);
        const a = await readable(viewer, regionId, includeUnconfirmed);
        // The group first (declared and above the threshold), then everyone else, by score.
        const ranked = a.view.memo('keyPersonsRanked', () =>
          [...a.keyPersons()].sort((x, y) => Number(y.inGroup) - Number(x.inGroup)),
        );
        return ranked.slice(0, limit);
      },
    ),

    networkGaps: resolver(GapArgs, async ({ regionId, kinds, includeUnconfirmed }, viewer) => {
      const all = await composed(viewer, regionId);
      const gaps = all
        ? all.gaps
        : (await readable(viewer, regionId, includeUnconfirmed)).gaps(today());
      if (!kinds || kinds.length === 0) return gaps;
      const wanted = new Set<GapKind>(kinds);
      return gaps.filter((g) => wanted.has(g.kind));
    }),

    introductionSuggestions: resolver(
      SuggestionArgs,
      async ({ regionId, forId, limit, includeUnconfirmed }, viewer) => {
        const all = await composed(viewer, regionId);
        if (all && forId === null) return all.suggestions.slice(0, limit);
        if (all && forId !== null) {
          // For one person or SME: in each region that holds it, combined.
          const regions = (await readNodeRegions(autoReader(db), [forId])).get(forId)?.regions;
          if (!regions || regions.length === 0)
            throw notFound(`No person or SME with id ${forId} in any region`);
          const parts = await Promise.all(
            regions.map(async (r) =>
              (await readable(viewer, r)).suggestions(today(), forId, limit),
            ),
          );
          return combineSuggestions(parts, limit);
        }
        const a = await readable(viewer, regionId, includeUnconfirmed);
        if (forId !== null && !a.graph.hasNode(forId)) {
          throw notFound(`No person or SME with id ${forId} in this region`);
        }
        return a.suggestions(today(), forId, limit);
      },
    ),

    whatIfRemoved: resolver(
      WhatIfArgs,
      async ({ regionId, personId, includeUnconfirmed }, viewer) => {
        const a = await readable(viewer, regionId, includeUnconfirmed);
        const asOf = today();
        return a.view.memo(`whatIf:${asOf}:${personId}`, () =>
          whatIfRemoved(a.graph, personId, { asOf, keyPersons: a.keyPersons() }),
        );
      },
    ),

    outreachPlan: resolver(OutreachArgs, async ({ regionId, limit }, viewer) => {
      const a = await readable(viewer, regionId);
      const targets = a.view.memo(`outreach:${limit}`, () =>
        outreachPlan(a.graph, regionId, { limit, keyPersons: a.keyPersons() }),
      );
      return targets.map((t) => ({
        ...t,
        programmeJa: t.programme.ja,
        programmeEn: t.programme.en,
      }));
    }),

    talentMatches: resolver(TalentArgs, async ({ smeId, limit }, viewer) => {
      const may = await access.of(viewer);
      may.assertReadable([smeId]);
      // Talent may come from anywhere (remote work): match across all regions; persons outside
      // the viewer's regions appear under their alias unless they consented to a public profile.
      const a = await scoped(view(viewer, null));
      const matches = a.view.memo(`talent:${smeId}:${limit}`, () =>
        talentMatches(a.graph, smeId, { limit }),
      );
      return matches.map((m) => ({
        ...m,
        talentName: may.name(a.graph, m.talentId, m.talentName),
      }));
    }),

    connectionPath: resolver(PathArgs, async ({ fromId, toId }, viewer) => {
      const may = await access.of(viewer);
      may.assertReadable([fromId, toId]);
      const a = await scoped(view(viewer, null));
      const steps = a.view.memo(`path:${fromId}:${toId}`, () =>
        connectionPath(a.graph, fromId, toId),
      );
      if (!steps) return steps;
      return steps.map((s) => ({
        ...s,
        fromName: may.name(a.graph, s.fromId, s.fromName),
        toName: may.name(a.graph, s.toId, s.toName),
      }));
    }),

    auditLog: resolver(AuditArgs, async (args, viewer) => {
      assertAdmin(viewer);
      return listAudit(db, args);
    }),

    duplicateCandidates: resolver(DuplicateArgs, async ({ id, limit }, viewer) => {
      // Only who may merge asks (an analyst or a municipality would learn e-mail equality).
      assertCanWrite(viewer);
      const may = await access.of(viewer);
      may.assertReadable([id]);
      const pool = (await readDuplicatePool(db, id)).filter((r) => r.self || may.readable(r.id));
      if (!pool.some((r) => r.self)) throw notFound(`No person, organisation or SME with id ${id}`);
      return rankDuplicates(pool, limit);
    }),

    introductionLog: resolver(
      IntroductionLogArgs,
      async ({ regionId, statuses, limit, offset }, viewer) => {
        const a = await readable(viewer, regionId);
        const ids =
          regionId === null
            ? null
            : a.graph.filterNodes((_id, n) => n.kind === 'Person' || n.kind === 'SME');
        const may = await access.of(viewer);
        const rows = await readIntroductionLog(db, { ids, statuses, limit, offset });
        return rows.map((r) => presentIntroduction(r, viewer, (id) => may.readable(id)));
      },
    ),

    me: resolver(NoArgs, async (_args, viewer) => ({
      ...viewer,
      roleJa: ROLE_LABELS[viewer.role].ja,
      roleEn: ROLE_LABELS[viewer.role].en,
      canWrite: canWrite(viewer),
    })),
  };

  return { Query, Mutation: createMutationResolvers({ db }) };
}
