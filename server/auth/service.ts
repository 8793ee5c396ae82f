/**
 * Sign-in and token checks (SPEC §8): verifies passwords, locks an account after repeated
 * failures, issues session and API tokens, and turns a presented token into the Viewer every
 * handler works with. The user behind a token, and whether the token was revoked by a
 * sign-out, are read from Neo4j for every request (with the graph version, in one query shared
 * by the requests that arrived meanwhile: requestState.ts), so a disabled account, a reset
 * password or a sign-out stops working at once, in every server process.
 *
 * Every refused sign-in answers the same (HTTP 401, one message), whether the username is
 * unknown, the password wrong or the account locked, so answers do not tell which usernames
 * exist; the lock itself is logged and audited.
 */
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/env';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { log } from '../log';
import { auditOnce, recordAudit, type Actor } from './audit';
import { verifyPassword } from './password';
import { AccessDenied, type Viewer } from '../../common/roles';
import { loadSigningKey, TokenError, TokenSigner, type TokenClaims } from './tokens';
import { requestStateReader } from './requestState';
import { findUser, revokeToken, viewerOf, type StoredUser } from './users';

export interface AuthSettings {
  sessionHours: number;
  apiTokenDays: number;
  /** Failed sign-ins in a row that lock an account. */
  maxFailedAttempts: number;
  lockMinutes: number;
}

/** The sign-in policy; the lifetimes come from the configuration (server/config/env.ts). */
const POLICY = { maxFailedAttempts: 5, lockMinutes: 15 } as const;

/** The service as the environment configures it (AUTH_SECRET or DATA_DIR, lifetimes). */
export function authServiceFromConfig(db: Database, config: AppConfig): AuthService {
  return new AuthService(db, new TokenSigner(loadSigningKey(config.AUTH_SECRET, config.dataDir)), {
    sessionHours: config.SESSION_HOURS,
    apiTokenDays: config.API_TOKEN_DAYS,
  });
}

export class SignInError extends Error {
  constructor(
    readonly reason: 'wrong' | 'locked' | 'disabled',
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** The one answer to every refused sign-in (unknown user, wrong password, locked account). */
const WRONG = `ユーザー名またはパスワードが違います（${POLICY.maxFailedAttempts} 回続けて間違えると ${POLICY.lockMinutes} 分間ロックされます）。 / Wrong username or password (after ${POLICY.maxFailedAttempts} wrong passwords in a row an account is locked for ${POLICY.lockMinutes} minutes).`;

export interface Authenticated {
  viewer: Viewer;
  claims: TokenClaims;
  /** The graph version, read with the account (after the request arrived). */
  graphVersion: number;
}

export class AuthService {
  readonly settings: AuthSettings;

  constructor(
    private readonly db: Database,
    readonly signer: TokenSigner,
    lifetimes: Pick<AuthSettings, 'sessionHours' | 'apiTokenDays'>,
  ) {
    this.settings = { ...POLICY, ...lifetimes };
  }

  /** Checks a username and password; counts failures and locks the account at the limit. */
  async signIn(username: string, password: string): Promise<StoredUser> {
    const user = await findUser(this.db, { username });
    if (!user) {
      // Spend the same time as a real check, so response time does not reveal usernames.
      await verifyPassword(password, DUMMY_HASH);
      throw new SignInError('wrong', WRONG);
    }
    const now = new Date();
    if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) {
      // Answered as a wrong password, after the same time (no account enumeration).
      await verifyPassword(password, DUMMY_HASH);
      throw new SignInError('locked', WRONG);
    }
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok) {
      const lockUntil = new Date(now.getTime() + this.settings.lockMinutes * 60_000).toISOString();
      const session = this.db.driver.session({ database: this.db.database });
      try {
        const lockedNow = await session.executeWrite(async (tx) => {
          const res = await tx.run(cypher('user-signin-failed'), {
            id: user.id,
            maxAttempts: this.settings.maxFailedAttempts,
            lockUntil,
          });
          const locked = res.records[0]?.get('lockedNow') === true;
          if (locked) {
            await recordAudit(tx, { name: username, role: user.role }, 'user.locked', username, {
              until: lockUntil,
            });
          }
          return locked;
        });
        if (lockedNow) {
          log.warn({ username, until: lockUntil }, 'account locked after repeated failed sign-ins');
          throw new SignInError('locked', WRONG);
        }
      } finally {
        await session.close();
      }
      throw new SignInError('wrong', WRONG);
    }
    if (user.disabled) {
      throw new SignInError(
        'disabled',
        'このアカウントは無効です。管理者に連絡してください。 / This account is disabled; ask your administrator.',
      );
    }
    if (user.failedAttempts > 0 || user.lockedUntil) {
      await this.db.driver.executeQuery(
        cypher('user-signin-ok'),
        { id: user.id },
        { database: this.db.database },
      );
    }
    return user;
  }

  /** A web session: the token (for the httpOnly cookie) and the CSRF value the page echoes. */
  async issueSession(user: StoredUser) {
    const csrf = randomBytes(24).toString('base64url');
    const { token, expiresAt } = await this.signer.sign(
      { sub: user.id, tv: user.tokenVersion, typ: 'session', csrf },
      this.settings.sessionHours * 3600,
    );
    return { token, csrf, expiresAt };
  }

  /**
   * An API token for a GraphQL client. With `issuedBy` (a person asked for it), the issue is
   * written to the audit log; tests and benchmarks issue theirs without.
   */
  async issueApiToken(user: StoredUser, days = this.settings.apiTokenDays, issuedBy?: Actor) {
    const issued = await this.signer.sign(
      { sub: user.id, tv: user.tokenVersion, typ: 'api' },
      Math.min(days, 365) * 86_400,
    );
    if (issuedBy) {
      await auditOnce(this.db, issuedBy, 'token.issue', user.username, {
        expiresAt: issued.expiresAt.toISOString(),
      });
    }
    return issued;
  }

  /** The viewer behind a token, or AccessDenied(UNAUTHENTICATED) saying why not. */
  async authenticate(token: string): Promise<Authenticated> {
    let claims: TokenClaims;
    try {
      claims = await this.signer.verify(token);
    } catch (err) {
      const message =
        err instanceof TokenError
          ? err.reason === 'expired'
            ? 'セッションの有効期限が切れました。もう一度サインインしてください。 / Your session has expired; sign in again.'
            : 'トークンが不正です。もう一度サインインしてください。 / The token is malformed or not signed by this server; sign in again.'
          : String(err);
      throw new AccessDenied('UNAUTHENTICATED', message);
    }
    // A web session must carry its id, so that signing out can end it (sessions issued
    // before sign-out revoked them lack one: their holders sign in again).
    if (claims.typ === 'session' && !claims.jti) {
      throw new AccessDenied('UNAUTHENTICATED', SIGNED_OUT);
    }
    // Read after this request arrived, batched with the other requests' (requestState.ts).
    const found = await requestStateReader(this.db).account(claims.sub, claims.jti ?? null);
    if (found.revoked) throw new AccessDenied('UNAUTHENTICATED', SIGNED_OUT);
    const user = found.user;
    if (!user || user.disabled || user.tokenVersion !== claims.tv) {
      throw new AccessDenied(
        'UNAUTHENTICATED',
        'このトークンは無効になりました。もう一度サインインしてください。 / This token is no longer valid (account disabled or password reset); sign in again.',
      );
    }
    return { viewer: viewerOf(user), claims, graphVersion: found.version };
  }

  /**
   * Signs a token out: it is refused from now on by every process sharing the database, until
   * it would have expired. Tokens without an id (API tokens from before) cannot be revoked one
   * by one; disabling the account or resetting its password revokes them.
   */
  async revoke(claims: TokenClaims): Promise<boolean> {
    if (!claims.jti) return false;
    await revokeToken(this.db, { jti: claims.jti, userId: claims.sub, expiresAt: claims.exp });
    log.info({ userId: claims.sub, typ: claims.typ }, 'signed out: token revoked');
    return true;
  }
}

const SIGNED_OUT =
  'サインアウトしたセッションです。もう一度サインインしてください。 / This session was signed out; sign in again.';

/** A valid hash of a random password, for timing-equal answers to unknown usernames. */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64, 1).toString('base64');
