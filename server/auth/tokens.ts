/**
 * Signed tokens (JWT, HS256, with `jose`): web sessions (in an httpOnly cookie, carrying the
 * CSRF value the page must echo) and API tokens (Authorization: Bearer, for analysts' clients).
 * A token names the user, their token version and its own id (`jti`); the user and the
 * revocations are looked up on every use, so disabling an account or resetting its password
 * revokes every token issued before, and signing out revokes that one session
 * (server/auth/service.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { keepNewest } from '../../common/keepNewest';

const ISSUER = 'chiiki-jinjibu';

export type TokenKind = 'session' | 'api';

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tv: z.number().int().nonnegative(),
  typ: z.enum(['session', 'api']),
  csrf: z.string().optional(),
  /** The token's own id, which sign-out revokes (tokens issued before it existed lack it). */
  jti: z.string().min(1).optional(),
  exp: z.number(),
});
export type TokenClaims = z.infer<typeof ClaimsSchema>;

export class TokenError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

/**
 * The signing key: AUTH_SECRET, or a random key kept in DATA_DIR/auth-secret (created on first
 * use, readable by the owner only). Never committed: DATA_DIR is git-ignored.
 */
export function loadSigningKey(secret: string | undefined, dataDir: string): Uint8Array {
  if (secret) return new TextEncoder().encode(secret);
  const file = path.join(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

/** Tokens whose signature was checked, kept (a few hundred bytes each) for their next use. */
const VERIFIED_KEPT = 10_000;

export class TokenSigner {
  /**
   * The claims of tokens already verified, by the token's text: the same text always has the
   * same valid signature, so checking it again (an HMAC in WebCrypto, about a seventh of a
   * cached answer's CPU time under load) can be skipped; the expiry is checked on every use, and
   * whether the account or the token still holds is read from Neo4j for every request anyway.
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(private readonly key: Uint8Array) {}

  async sign(
    claims: { sub: string; tv: number; typ: TokenKind; csrf?: string },
    lifetimeSeconds: number,
  ): Promise<{ token: string; expiresAt: Date; jti: string }> {
    const now = Math.floor(Date.now() / 1000);
    const jti = randomUUID();
    const exp = now + Math.round(lifetimeSeconds);
    const token = await new SignJWT({ tv: claims.tv, typ: claims.typ, csrf: claims.csrf })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setJti(jti)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000), jti };
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp * 1000 > Date.now()) return known;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      const parsed = ClaimsSchema.safeParse(payload);
      if (!parsed.success) throw new TokenError('invalid', 'The token is not one of ours.');
      this.verified.set(token, parsed.data);
      keepNewest(this.verified, VERIFIED_KEPT);
      return parsed.data;
    } catch (err) {
      if (err instanceof TokenError) throw err;
      if (err instanceof errors.JWTExpired) {
        throw new TokenError('expired', 'The token has expired; sign in again.');
      }
      throw new TokenError('invalid', 'The token is malformed or its signature is wrong.');
    }
  }
}
