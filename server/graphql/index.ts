/**
 * The GraphQL endpoint (SPEC §5): Apollo Server 5 on express 5 at /graphql.
 *
 * `mountGraphql(app, db)` registers the route at once (so it comes before the app's error
 * handler) and starts Apollo in the background; requests wait for the start, and the returned
 * promise rejects when the schema cannot be built, so a caller can await it to fail fast.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type RequestHandler } from 'express';
import type { Database } from '../db/driver';
import { log } from '../log';
import { ProjectionCache } from '../projection';
import { depthLimit } from './depthLimit';
import { formatError } from './errors';
import { analyticsResponseCache } from './responseCache';
import { buildSchema } from './schema';

export interface GraphqlContext {
  /** Read by @neo4j/graphql: the Neo4j database to use. */
  sessionConfig?: { database?: string };
}

export interface GraphqlMount {
  ready: Promise<void>;
  cache: ProjectionCache;
  stop(): Promise<void>;
}

export async function createApolloServer(db: Database, cache: ProjectionCache) {
  const schema = await buildSchema(db, cache);
  const server = new ApolloServer<GraphqlContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [depthLimit()],
    plugins: [
      analyticsResponseCache<GraphqlContext>({ version: () => cache.version() }),
      // The embedded Sandbox loads scripts from a CDN, which the app's CSP forbids; analysts
      // use their own client (introspection is on).
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await server.start();
  return server;
}

export function mountGraphql(app: Express, db: Database, path = '/graphql'): GraphqlMount {
  const cache = new ProjectionCache(db);
  let server: ApolloServer<GraphqlContext> | undefined;
  let handler: RequestHandler | undefined;
  const ready = createApolloServer(db, cache).then((s) => {
    server = s;
    handler = expressMiddleware(s, {
      context: async () => (db.database ? { sessionConfig: { database: db.database } } : {}),
    });
  });
  ready.catch((err: unknown) => log.error({ err }, 'the GraphQL schema could not be built'));

  app.use(path, express.json({ limit: '1mb' }), async (req, res, next) => {
    try {
      await ready;
      await handler!(req, res, next);
    } catch (err) {
      next(err);
    }
  });
  return {
    ready,
    cache,
    async stop() {
      await server?.stop();
    },
  };
}
