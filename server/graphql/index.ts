/**
 * The GraphQL endpoint (SPEC §5): Apollo Server 5 on express 5 at /graphql.
 *
 * `mountGraphql(app, db, cache)` registers the route at once (so it comes before the app's
 * error handler) and starts Apollo in the background; requests wait for the start, and the
 * returned promise rejects when the schema cannot be built, so a caller can await it to fail
 * fast.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { Kind } from 'graphql';
import type { Database } from '../db/driver';
import { log } from '../log';
import type { ProjectionCache } from '../projection';
import { allRegionsOf } from './allRegions';
import { authErrorOf, graphVersionOf, sendError, viewerOf } from '../auth/http';
import { assertReadRegion, graphqlJwt, type Viewer } from '../../common/roles';
import { costLimit } from './costLimit';
import { depthLimit } from './depthLimit';
import { HeavyFieldLimiter, MAX_QUERY_TOKENS, requestShapeLimit, ResponseBudget } from './limits';
import { formatError } from './errors';
import { analyticsResponseCache } from './responseCache';
import { jitExecution } from './jit';
import { RequestSession, type SessionLike } from './requestSession';
import { buildSchema } from './schema';
import { SCHEMA_VARIANTS, variantFor, type SchemaVariant } from './variants';
import type { Warmer } from './warm';
import type { SurveyServices } from '../surveys/services';

export interface GraphqlContext {
  /** Read by @neo4j/graphql: the Neo4j database to use. */
  sessionConfig?: { database?: string };
  /** Read by @neo4j/graphql: the request's one session (server/graphql/requestSession.ts); none in a warmer's replay. */
  executionContext?: SessionLike;
  /** The signed-in user (server/auth); every resolver checks it. */
  viewer: Viewer;
  /** The viewer's claims for the entity API's @authorization rules (already verified). */
  jwt: ReturnType<typeof graphqlJwt>;
  /** The graph version of this request: read with its account, or once when first asked for (cache.ts). */
  graphVersion: () => Promise<number>;
  /** The map items this request may still return (server/graphql/limits.ts). */
  budget: ResponseBudget;
  /** Heavy fields of one user at a time (shared by every request of the process). */
  heavy: HeavyFieldLimiter;
  /** A replay by the warmer (server/graphql/warm.ts), not a person's request. */
  warming?: boolean;
  /** The address the request came to (`https://host`; behind a proxy: TRUST_PROXY), for e-mailed links. */
  origin?: string;
}

/** The largest request body /graphql accepts (a query with its variables). */
export const MAX_BODY = '1mb';

/** The limits of server/graphql/limits.ts and costLimit.ts, lowered by tests. */
export interface GraphqlLimits {
  maxResponseValues?: number;
  maxMapItems?: number;
  heavyPerViewer?: number;
  heavyQueuePerViewer?: number;
}

/** What an answer depends on besides the request and the version: the viewer's reach. */
export function partitionOf(viewer: Viewer): string {
  return `${viewer.role}:${viewer.regionIds === null ? '*' : viewer.regionIds.join(',')}`;
}

/**
 * Root fields of the queries the warmer replays after a write: the map, and the overview of
 * regions (a pass over the whole store: seconds on the national network).
 */
const WARMED_FIELDS: ReadonlySet<string> = new Set(['networkMap', 'networkOverview', '__typename']);

/** Keeps the map queries this server answered, for the warmer to replay after a write. */
function warmRecorder(
  warmer: Warmer,
  server: () => ApolloServer<GraphqlContext>,
  context: (viewer: Viewer) => GraphqlContext,
): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const ctx = rc.contextValue;
          if (ctx.warming || rc.operation?.operation !== 'query') return;
          if (rc.response.body.kind !== 'single' || rc.response.body.singleResult.errors) return;
          // The map: its answer needs the projection, the key persons and the layout, which
          // every other analysis of the scope then shares.
          const roots = rc.operation.selectionSet.selections;
          const map = roots.every((f) => f.kind === Kind.FIELD && WARMED_FIELDS.has(f.name.value));
          if (!map || !rc.source) return;
          const viewer = ctx.viewer;
          warmer.keep(
            {
              server: server(),
              query: rc.source,
              operationName: rc.operationName ?? null,
              variables: rc.request.variables ?? {},
              context: () => ({ ...context(viewer), warming: true }),
              partition: partitionOf(viewer),
            },
            await ctx.graphVersion(),
          );
        },
      };
    },
  };
}

export async function createApolloServer(
  db: Database,
  cache: ProjectionCache,
  variant: SchemaVariant = 'admin',
  limits: GraphqlLimits = {},
  warm?: { warmer: Warmer; context: (viewer: Viewer) => GraphqlContext },
  surveys?: SurveyServices,
) {
  const schema = await buildSchema(db, cache, variant, surveys);
  const server: ApolloServer<GraphqlContext> = new ApolloServer<GraphqlContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // A huge document is refused while parsing, before validation walks it (limits.ts).
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    validationRules: [depthLimit(), requestShapeLimit()],
    plugins: [
      costLimit<GraphqlContext>(schema, {
        ...(limits.maxResponseValues !== undefined ? { maxValues: limits.maxResponseValues } : {}),
        // A map counts by its scope's projection (loaded now instead of in the resolver).
        mapSize: async ({ viewer }, regionId) => {
          try {
            assertReadRegion(viewer, regionId);
          } catch {
            return null;
          }
          // All regions of a national store: the resolver refuses it before loading anything
          // (networkOverview is that map); counted by its node total, without a load.
          const all = allRegionsOf(db, cache);
          if (regionId === null && (await all.composed()))
            return { nodes: (await all.storeSize()).entities, edges: 0 };
          const { graph } = await cache.get({ regionId });
          return { nodes: graph.order, edges: graph.size };
        },
      }),
      analyticsResponseCache<GraphqlContext>({
        version: (ctx) => ctx.graphVersion(),
        partition: ({ viewer }) => partitionOf(viewer),
      }),
      // After the cache (a hit is answered before it): the map's queries compiled (jit.ts).
      jitExecution(schema),
      ...(warm ? [warmRecorder(warm.warmer, () => server, warm.context)] : []),
      // The embedded Sandbox loads scripts from a CDN, which the app's CSP forbids; analysts
      // use their own client (introspection is on).
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used (answers are cached by version above), and the default cache
      // control plugin's per-field hook (willResolveField) made Apollo wrap and call into every
      // one of the ~400k fields of a 5k-node map: about a third of its execution (issue 16).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await server.start();
  return server;
}

const UNAUTHENTICATED_MESSAGE =
  'Sign in first: a session cookie (web) or an Authorization: Bearer token (API). / サインインしてください。';

/**
 * Mounts /graphql: one Apollo server per schema variant (server/graphql/schema.ts); each
 * request goes to the variant of its viewer's role. A request without a valid credential gets
 * UNAUTHENTICATED (HTTP 401) before anything runs. Returns the start of the Apollo servers.
 */
export function mountGraphql(
  app: Express,
  db: Database,
  cache: ProjectionCache,
  limits: GraphqlLimits = {},
  path = '/graphql',
  warmer?: Warmer,
  surveys?: SurveyServices,
): Promise<void> {
  const handlers = new Map<SchemaVariant, RequestHandler>();
  const heavy = new HeavyFieldLimiter(limits.heavyPerViewer, limits.heavyQueuePerViewer);
  const contextOf = (viewer: Viewer, http?: { req: Request; res: Response }): GraphqlContext => {
    // The version read with the account for this request (after it arrived: a write committed
    // before it, by any process, is in it); a warmer's replay reads the current one.
    const known = http ? graphVersionOf(http.res) : null;
    let version: Promise<number> | undefined = known === null ? undefined : Promise.resolve(known);
    // One session for the request's entity queries; closed when the response is done, and
    // aborted (the query under way stopped in Neo4j) when the client leaves before. A
    // warmer's replay (no HTTP request) asks only for the map and uses the driver's sessions.
    let session: RequestSession | undefined;
    if (http) {
      const { req, res } = http;
      const s = new RequestSession(db);
      session = s;
      res.once('close', () => {
        if (res.writableFinished) return void s.close();
        if (s.started > 0) {
          log.info(
            { path: req.originalUrl, user: viewer.username },
            'client went away: its database work is cancelled',
          );
        }
        void s.abort();
      });
    }
    return {
      ...(session ? { executionContext: session.executionContext } : {}),
      ...(http ? { origin: `${http.req.protocol}://${http.req.get('host') ?? ''}` } : {}),
      viewer,
      jwt: graphqlJwt(viewer),
      graphVersion: () => (version ??= cache.currentVersion()),
      budget: new ResponseBudget(limits.maxMapItems),
      heavy,
      ...(db.database ? { sessionConfig: { database: db.database } } : {}),
    };
  };
  const context = async ({ req, res }: { req: Request; res: Response }): Promise<GraphqlContext> =>
    contextOf(viewerOf(res)!, { req, res });
  const ready = Promise.all(
    SCHEMA_VARIANTS.map(async (variant) => {
      const server = await createApolloServer(
        db,
        cache,
        variant,
        limits,
        warmer ? { warmer, context: contextOf } : undefined,
        surveys,
      );
      handlers.set(variant, expressMiddleware(server, { context }));
    }),
  ).then(() => undefined);
  ready.catch((err: unknown) => log.error({ err }, 'the GraphQL schema could not be built'));

  app.use(path, express.json({ limit: MAX_BODY }), async (req, res, next) => {
    try {
      const viewer = viewerOf(res);
      if (!viewer) {
        sendError(
          res,
          401,
          'UNAUTHENTICATED',
          authErrorOf(res)?.message ?? UNAUTHENTICATED_MESSAGE,
        );
        return;
      }
      await ready;
      await handlers.get(variantFor(viewer.role))!(req, res, next);
    } catch (err) {
      next(err);
    }
  });
  return ready;
}
