/**
 * The GraphQL endpoint (SPEC §5): Apollo Server 5 on express 5 at /graphql.
 *
 * `mountGraphql(app, db, cache)` registers the route at once (so it comes before the app's
 * error handler) and starts Apollo in the background; requests wait for the start, and the
 * returned promise rejects when the schema cannot be built, so a caller can await it to fail
 * fast.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Database } from '../db/driver';
import { log } from '../log';
import type { ProjectionCache } from '../projection';
import { authErrorOf, sendError, viewerOf } from '../auth/http';
import { assertReadRegion, graphqlJwt, type Viewer } from '../../common/roles';
import { costLimit } from './costLimit';
import { depthLimit } from './depthLimit';
import { HeavyFieldLimiter, MAX_QUERY_TOKENS, requestShapeLimit, ResponseBudget } from './limits';
import { formatError } from './errors';
import { analyticsResponseCache } from './responseCache';
import { RequestSession, type SessionLike } from './requestSession';
import { buildSchema } from './schema';
import { SCHEMA_VARIANTS, variantFor, type SchemaVariant } from './variants';

export interface GraphqlContext {
  /** Read by @neo4j/graphql: the Neo4j database to use. */
  sessionConfig?: { database?: string };
  /** Read by @neo4j/graphql: the request's one session (server/graphql/requestSession.ts). */
  executionContext: SessionLike;
  /** The signed-in user (server/auth); every resolver checks it. */
  viewer: Viewer;
  /** The viewer's claims for the entity API's @authorization rules (already verified). */
  jwt: ReturnType<typeof graphqlJwt>;
  /** The graph version of this request, read once when first asked for (cache.ts). */
  graphVersion: () => Promise<number>;
  /** The map items this request may still return (server/graphql/limits.ts). */
  budget: ResponseBudget;
  /** Heavy fields of one user at a time (shared by every request of the process). */
  heavy: HeavyFieldLimiter;
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

export async function createApolloServer(
  db: Database,
  cache: ProjectionCache,
  variant: SchemaVariant = 'full',
  limits: GraphqlLimits = {},
) {
  const schema = await buildSchema(db, cache, variant);
  const server = new ApolloServer<GraphqlContext>({
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
          const { graph } = await cache.get({ regionId });
          return { nodes: graph.order, edges: graph.size };
        },
      }),
      analyticsResponseCache<GraphqlContext>({
        version: (ctx) => ctx.graphVersion(),
        partition: ({ viewer }) =>
          `${viewer.role}:${viewer.regionIds === null ? '*' : viewer.regionIds.join(',')}`,
      }),
      // The embedded Sandbox loads scripts from a CDN, which the app's CSP forbids; analysts
      // use their own client (introspection is on).
      ApolloServerPluginLandingPageDisabled(),
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
): Promise<void> {
  const handlers = new Map<SchemaVariant, RequestHandler>();
  const heavy = new HeavyFieldLimiter(limits.heavyPerViewer, limits.heavyQueuePerViewer);
  const context = async ({
    req,
    res,
  }: {
    req: Request;
    res: Response;
  }): Promise<GraphqlContext> => {
    const viewer = viewerOf(res)!;
    let version: Promise<number> | undefined;
    // One session for the request's entity queries; closed when the response is done, and
    // aborted (the query under way stopped in Neo4j) when the client leaves before.
    const session = new RequestSession(db);
    res.once('close', () => {
      if (res.writableFinished) return void session.close();
      if (session.started > 0) {
        log.info(
          { path: req.originalUrl, user: viewer.username },
          'client went away: its database work is cancelled',
        );
      }
      void session.abort();
    });
    return {
      executionContext: session.executionContext,
      viewer,
      jwt: graphqlJwt(viewer),
      graphVersion: () => (version ??= cache.currentVersion()),
      budget: new ResponseBudget(limits.maxMapItems),
      heavy,
      ...(db.database ? { sessionConfig: { database: db.database } } : {}),
    };
  };
  const ready = Promise.all(
    SCHEMA_VARIANTS.map(async (variant) => {
      const server = await createApolloServer(db, cache, variant, limits);
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
