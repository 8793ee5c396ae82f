/**
 * Sign-in over HTTP (SPEC §8):
 * - `authenticate` middleware: reads `Authorization: Bearer …` or the session cookie, and
 *   puts the Viewer (or why there is none) on `res.locals`. Requests that change something
 *   (every method but GET/HEAD/OPTIONS) with a cookie session must echo the session's CSRF
 *   value in `X-CSRF-Token` (double submit, the value signed inside the session token);
 *   bearer requests need not, as browsers never send those by themselves.
 * - `/auth/signin`, `/auth/signout`, `/auth/me`, `/auth/token` (API tokens for analysts).
 *   Sign-in and token requests are rate-limited per address; accounts lock after repeated
 *   failures (server/auth/service.ts); sign-out revokes the session on the server.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { parse as parseCookies } from 'cookie';
import { z } from 'zod';
import { log } from '../log';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../common/cookies';
import { AccessDenied, ROLE_LABELS, type Viewer } from '../../common/roles';
import { SignInError, type AuthService } from './service';
import type { TokenClaims } from './tokens';
import { viewerOf as viewerOfUser } from './users';

export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE };

export interface AuthLocals {
  viewer: Viewer | null;
  /** Why there is no viewer when a credential was presented (expired, malformed, revoked). */
  authError: AccessDenied | null;
  /** The CSRF value of a cookie session (null for bearer tokens). */
  csrf: string | null;
  /** The accepted token's claims (what sign-out revokes). */
  claims: TokenClaims | null;
  /** The graph version read with the account (null without a viewer): the request's version. */
  graphVersion: number | null;
}

export function viewerOf(res: Response): Viewer | null {
  return (res.locals as Partial<AuthLocals>).viewer ?? null;
}

/** The graph version read with the viewer's account, after the request arrived (or null). */
export function graphVersionOf(res: Response): number | null {
  return (res.locals as Partial<AuthLocals>).graphVersion ?? null;
}

export function authErrorOf(res: Response): AccessDenied | null {
  return (res.locals as Partial<AuthLocals>).authError ?? null;
}

/** A JSON error in the shape GraphQL clients already read: {errors: [{message, extensions}]}. */
export function sendError(res: Response, status: number, code: string, message: string): Response {
  return res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function authenticate(auth: AuthService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const locals = res.locals as AuthLocals;
    locals.viewer = null;
    locals.authError = null;
    locals.csrf = null;
    locals.claims = null;
    locals.graphVersion = null;
    const header = req.headers.authorization;
    const cookies = req.headers.cookie ? parseCookies(req.headers.cookie) : {};
    let token: string | undefined;
    let viaCookie = false;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) {
        locals.authError = new AccessDenied(
          'UNAUTHENTICATED',
          'The Authorization header must be "Bearer <token>".',
        );
        return next();
      }
      token = m[1];
    } else if (cookies[SESSION_COOKIE]) {
      token = cookies[SESSION_COOKIE];
      viaCookie = true;
    }
    if (!token) return next();
    try {
      const { viewer, claims, graphVersion } = await auth.authenticate(token);
      if (viaCookie && !SAFE_METHODS.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (claims.typ !== 'session' || !claims.csrf || sent !== claims.csrf) {
          sendError(
            res,
            403,
            'FORBIDDEN',
            'The request lacks the CSRF token of your session (X-CSRF-Token); reload the page. / ページを再読み込みしてください。',
          );
          return;
        }
      }
      locals.viewer = viewer;
      locals.claims = claims;
      locals.graphVersion = graphVersion;
      if (viaCookie) locals.csrf = claims.csrf ?? null;
    } catch (err) {
      if (err instanceof AccessDenied) locals.authError = err;
      else return next(err);
    }
    next();
  };
}

const Credentials = z.object({
  username: z.string().trim().min(1, 'enter your username').max(100),
  password: z.string().min(1, 'enter your password').max(200),
});
const TokenRequest = Credentials.extend({
  days: z.coerce.number().int().min(1).max(365).optional(),
});

function userJson(v: Viewer) {
  return {
    username: v.username,
    displayName: v.displayName,
    role: v.role,
    roleLabel: ROLE_LABELS[v.role],
    deptId: v.deptId,
    regionIds: v.regionIds,
  };
}

export interface AuthRoutesOptions {
  cookieSecure: 'auto' | 'true' | 'false';
  /** Sign-in attempts per address per minute (default 10). */
  signInPerMinute?: number;
  /**
   * Where the attempts are counted (default: this process's memory; the app passes the Neo4j
   * store, server/auth/rateLimitStore.ts, so every server process counts the same).
   */
  store?: Store;
}

export function mountAuthRoutes(app: Express, auth: AuthService, opts: AuthRoutesOptions): void {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: opts.signInPerMinute ?? 10,
    ...(opts.store ? { store: opts.store } : {}),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      sendError(
        res,
        429,
        'RATE_LIMITED',
        'サインインの試行が多すぎます。1 分ほど待ってから再度お試しください。 / Too many sign-in attempts; wait a minute and try again.',
      ),
  });
  const json = express.json({ limit: '10kb' });
  const secure = (req: Request) =>
    opts.cookieSecure === 'true' || (opts.cookieSecure === 'auto' && req.secure);

  const parseCredentials = <S extends typeof Credentials>(schema: S, req: Request) => {
    const parsed = schema.safeParse(req.body ?? {});
    if (parsed.success) return { ok: true as const, value: parsed.data as z.infer<S> };
    return {
      ok: false as const,
      message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  };

  const signInFailure = (res: Response, err: unknown) => {
    if (err instanceof SignInError) {
      // A locked account answers as an unknown one (401, the same message): no enumeration.
      return sendError(res, 401, 'UNAUTHENTICATED', err.message);
    }
    throw err;
  };

  /** The account the request's credentials name, or null with the refusal already sent. */
  const signedIn = async <S extends typeof Credentials>(schema: S, req: Request, res: Response) => {
    const body = parseCredentials(schema, req);
    if (!body.ok) {
      sendError(res, 400, 'BAD_USER_INPUT', body.message);
      return null;
    }
    try {
      return {
        user: await auth.signIn(body.value.username, body.value.password),
        body: body.value,
      };
    } catch (err) {
      signInFailure(res, err);
      return null;
    }
  };

  app.post('/auth/signin', limiter, json, async (req, res, next) => {
    try {
      const signed = await signedIn(Credentials, req, res);
      if (!signed) return;
      const { user } = signed;
      const session = await auth.issueSession(user);
      const base = {
        sameSite: 'strict' as const,
        secure: secure(req),
        path: '/',
        expires: session.expiresAt,
      };
      res.cookie(SESSION_COOKIE, session.token, { ...base, httpOnly: true });
      res.cookie(CSRF_COOKIE, session.csrf, { ...base, httpOnly: false });
      log.info({ username: user.username, role: user.role }, 'signed in');
      res.json({
        user: userJson(viewerOfUser(user)),
        csrfToken: session.csrf,
        expiresAt: session.expiresAt,
      });
    } catch (err) {
      next(err);
    }
  });

  // Sign-out ends the session on the server (the token is revoked in Neo4j, for every
  // process), not only in this browser; a cookie session must echo its CSRF token for it, as
  // for every change. With a bearer token, that token is revoked.
  app.post('/auth/signout', async (req, res, next) => {
    const base = { sameSite: 'strict' as const, secure: secure(req), path: '/' };
    res.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
    res.clearCookie(CSRF_COOKIE, base);
    try {
      const claims = (res.locals as AuthLocals).claims;
      const revoked = claims ? await auth.revoke(claims) : false;
      res.json({ signedOut: true, revoked });
    } catch (err) {
      next(err);
    }
  });

  // Not signed in is an answer here, not an error: {user: null} (and why, if a credential was
  // presented and refused), so the page can show its sign-in form without a failed request.
  app.get('/auth/me', (_req, res) => {
    const viewer = viewerOf(res);
    if (!viewer) {
      return res.json({ user: null, reason: authErrorOf(res)?.message ?? null });
    }
    res.json({ user: userJson(viewer), csrfToken: (res.locals as AuthLocals).csrf });
  });

  // API tokens for analysts' GraphQL clients: the same credentials, a longer-lived token.
  app.post('/auth/token', limiter, json, async (req, res, next) => {
    try {
      const signed = await signedIn(TokenRequest, req, res);
      if (!signed) return;
      const { user } = signed;
      const issued = await auth.issueApiToken(
        user,
        (signed.body as z.infer<typeof TokenRequest>).days,
        { name: user.username, role: user.role },
      );
      res.json({ token: issued.token, expiresAt: issued.expiresAt });
    } catch (err) {
      next(err);
    }
  });
}
