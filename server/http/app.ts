/**
 * The HTTP server: /healthz for operators and monitors, the web app, the GraphQL API at
 * /graphql, the survey respondents' API at /survey-api, and a plain landing page when the web app is not built.
 */
import type { Server } from 'node:http';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Database } from '../db/driver';
import { cypher } from '../db/cypher';
import { countsByLabel } from '../db/schema';
import { authenticate, mountAuthRoutes, sendError } from '../auth/http';
import { authServiceFromConfig } from '../auth/service';
import { loadConfig } from '../config/env';
import type { AuthService } from '../auth/service';
import { MAX_BODY, mountGraphql, type GraphqlLimits } from '../graphql';
import { Warmer } from '../graphql/warm';
import { Neo4jRateLimitStore } from '../auth/rateLimitStore';
import { onCommitted } from '../write';
import { isDatabaseUnavailable } from '../graphql/errors';
import { log } from '../log';
import { ProjectionCache } from '../projection';
import type { UploadLimits } from '../import/limits';
import { mountImportRoutes } from './importRoutes';
import { mountSurveyApi, type SurveyApiOptions } from '../surveys/http';
import { surveyLinksFromConfig } from '../surveys/links';
import type { MailSettings } from '../surveys/mail';
import { createSurveyServices, type SurveyServices } from '../surveys/services';
import { healthHandler } from './health';
import { renderLandingPage, type DeptOverview } from './landing';
import { mountWeb } from './web';

export interface AppOptions {
  /** Sign-in attempts per address per minute. */
  signInPerMinute?: number;
  /** Lower GraphQL limits (tests); the defaults are in server/graphql/limits.ts. */
  graphqlLimits?: GraphqlLimits;
  /** Limits of the web import's uploads (tests lower them). */
  importLimits?: Partial<UploadLimits>;
  /**
   * Recompute the analytics answers people asked for recently after every write, in the
   * background (server/graphql/warm.ts). Default true.
   */
  warm?: boolean;
  /** Limits of the survey respondents' API (server/surveys/http.ts). */
  survey?: SurveyApiOptions;
  /** SMTP settings for the survey links by e-mail (tests); default SMTP_URL/SMTP_FROM; null: off. */
  mail?: MailSettings | null;
}

/** The limit a too-large body broke (express's parsers give it in bytes): 1 MB or the sign-in's 10 kB. */
function bodyLimit(err: unknown): string {
  const bytes = (err as { limit?: unknown }).limit;
  return typeof bytes === 'number' ? `${bytes.toLocaleString('en')} bytes` : MAX_BODY;
}

/**
 * The composed server: the express app (a request handler for `http.createServer`) with the
 * services it was built from, for the callers that need them (start-up, tests, benchmarks).
 */
export interface App extends Express {
  /** Sign-in, sessions and API tokens. */
  readonly auth: AuthService;
  /** The analytics projections, shared by every GraphQL schema variant. */
  readonly projectionCache: ProjectionCache;
  /** Settles when the GraphQL API is up; rejects when its schema cannot be built. */
  readonly graphqlReady: Promise<void>;
  /** Warms the answers after writes (null when turned off). */
  readonly warmer: Warmer | null;
  /** Survey waves and the sending of their links by e-mail. */
  readonly surveys: SurveyServices;
}

/**
 * The composition root: builds the services from the configuration and the database, and
 * mounts the routes that use them.
 */
export function createApp(db: Database, opts: AppOptions = {}): App {
  const config = loadConfig();
  // Sign-in and tokens, from the environment (AUTH_SECRET or DATA_DIR).
  const auth = authServiceFromConfig(db, config);
  const projectionCache = new ProjectionCache(db);
  const app = express();
  app.disable('x-powered-by');
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', trustProxyValue(config.TRUST_PROXY));
  app.use(helmet());
  // gzip for compressible responses (the map of a large region is megabytes of JSON). Not below
  // 14 kB: that much goes out in the first round trip anyway (TCP's initial window, 10 segments),
  // so compressing a small answer saves no time for the client, and it was the largest part of
  // the server's work for a cached entity answer under load (issue 16).
  app.use(compression({ level: 4, threshold: '14kb' }));

  // Status for anyone, the detail for admins (server/http/health.ts).
  app.get('/healthz', healthHandler(db, auth));

  // Who is asking (session cookie or bearer token), for the API and the auth routes.
  app.use(['/auth', '/graphql', '/api'], authenticate(auth));
  mountAuthRoutes(app, auth, {
    cookieSecure: config.COOKIE_SECURE,
    // Counted in Neo4j: the limit holds across several server processes (counters of apps
    // with another limit, e.g. tests', are kept apart).
    store: new Neo4jRateLimitStore(db, `signin:${opts.signInPerMinute ?? 10}/min:`),
    ...(opts.signInPerMinute !== undefined ? { signInPerMinute: opts.signInPerMinute } : {}),
  });

  // The web import and export (uploads, templates, a region as .xlsx).
  mountImportRoutes(app, db, opts.importLimits ? { limits: opts.importLimits } : {});
  // The survey respondents' API: a personal link, no account (server/surveys/http.ts).
  mountSurveyApi(app, db, surveyLinksFromConfig(config), opts.survey);

  // The web app (web/dist). It serves `/` and deep links; the landing page below answers `/`
  // only when the web app has not been built (e.g. in server tests).
  mountWeb(app);

  app.get('/', async (_req, res, next) => {
    try {
      const [counts, depts] = await Promise.all([countsByLabel(db), loadDepts(db)]);
      res.type('html').send(renderLandingPage(counts, depts));
    } catch (err) {
      next(err);
    }
  });

  // The GraphQL API (SPEC §5). Starts in the background; `graphqlReady` settles when it is up
  // (main awaits it to fail fast on a broken schema).
  // After a write (here, or by another server process: polled), the answers people asked for
  // recently are recomputed in the background, so the next request finds them warm.
  let warmer: Warmer | null = null;
  if (opts.warm ?? true) {
    const w = new Warmer({ version: () => projectionCache.currentVersion() });
    onCommitted((version) => w.changed(version));
    warmer = w;
  }
  // Survey waves, and e-mail only when SMTP is configured (never required).
  const surveys = createSurveyServices(db, projectionCache, config, opts.mail);
  log.info({ mail: surveys.mailing.configured }, 'survey links by e-mail');
  const graphqlReady = mountGraphql(
    app,
    db,
    projectionCache,
    opts.graphqlLimits,
    '/graphql',
    warmer ?? undefined,
    surveys,
  );

  // Never a stack trace for a person: a plain message, the details in the log.
  app.use(
    (err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const bodyError = (err as { type?: unknown }).type;
      if (bodyError === 'entity.too.large') {
        sendError(
          res,
          413,
          'BAD_USER_INPUT',
          `The request body is too large (at most ${bodyLimit(err)}). / リクエストが大きすぎます。`,
        );
        return;
      }
      if (bodyError === 'entity.parse.failed' || bodyError === 'charset.unsupported') {
        sendError(
          res,
          400,
          'BAD_USER_INPUT',
          'The request body is not valid JSON. / 不正なリクエストです。',
        );
        return;
      }
      if (isDatabaseUnavailable(err)) {
        log.warn({ err: String(err) }, 'request failed: Neo4j unreachable');
        const message =
          'DATABASE_UNAVAILABLE: データベースに接続できません。しばらくしてから再度お試しください。 / The database is not reachable right now; please try again in a moment.';
        // API clients (GraphQL, sign-in) get the JSON error shape they read everywhere else.
        if (/^\/(graphql|auth|api)\b/.test(req.path))
          sendError(res, 503, 'DATABASE_UNAVAILABLE', message);
        else res.status(503).type('text').send(message);
        return;
      }
      log.error({ err }, 'request failed');
      res.status(500).type('text').send('エラーが発生しました / Something went wrong.');
    },
  );
  return Object.assign(app, { auth, projectionCache, graphqlReady, warmer, surveys });
}

/** `trust proxy` from text: a number of hops, true/false, or names/addresses as Express reads them. */
function trustProxyValue(text: string): boolean | number | string {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Stops an HTTP server gracefully: no new connections, idle keep-alive connections closed,
 * requests under way allowed to finish for up to `ms`, then whatever is left is cut off.
 */
export function closeGracefully(server: Server, ms = 10_000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => {
      log.warn({ afterMs: ms }, 'requests still under way at shutdown: closing their connections');
      server.closeAllConnections();
    }, ms);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function loadDepts(db: Database): Promise<DeptOverview[]> {
  const res = await db.driver.executeQuery(cypher('depts-overview'), {}, { database: db.database });
  return res.records.map((r) => r.toObject() as DeptOverview);
}
