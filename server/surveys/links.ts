/**
 * Personal survey links (SPEC §11): a JWT (HS256, `jose`) naming one wave and one person, with
 * its own id (`jti`), issued-at and expiry. The server keeps the id of each respondent's current
 * link (server/surveys/store.ts): reissuing replaces it, revoking removes it, so an old link is
 * refused at once; closing the wave ends every link of it. Signed with a key derived from the
 * auth key (HMAC with a label of its own) and with its own issuer and audience, so a link is
 * never a session or an API token, nor the other way round.
 *
 * The same claims always sign to the same text (HS256 is deterministic), so a link can be shown
 * again (the tracking page, the mail-merge CSV) from what is stored, without storing the token.
 */
import { createHmac } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { LinkRefusal } from '../../common/surveys';
import { loadSigningKey } from '../auth/tokens';
import { loadConfig, type AppConfig } from '../config/env';

const ISSUER = 'chiiki-jinjibu/survey';
const AUDIENCE = 'survey-respondent';

export interface LinkClaims {
  waveId: string;
  personId: string;
  jti: string;
  /** Epoch seconds. */
  iat: number;
  exp: number;
}

const Payload = z.object({
  wid: z.string().min(1),
  sub: z.string().min(1),
  jti: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** A link that cannot be used, with the reason the respondent is told. */
export class LinkRefused extends Error {
  constructor(readonly reason: LinkRefusal) {
    super(`survey link refused: ${reason}`);
    this.name = 'LinkRefused';
  }
}

/** The expiry of a wave's links: the end of its end date in Japan (23:59:59 JST). */
export function linkExpiry(endDate: string): number {
  return Math.floor(Date.parse(`${endDate}T23:59:59+09:00`) / 1000);
}

export class SurveyLinks {
  private readonly key: Uint8Array;

  /** `authKey`: the key of sessions and API tokens; the links use a key derived from it. */
  constructor(authKey: Uint8Array) {
    this.key = createHmac('sha256', authKey).update('chiiki-jinjibu survey links v1').digest();
  }

  sign(c: LinkClaims): Promise<string> {
    return new SignJWT({ wid: c.waveId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.personId)
      .setJti(c.jti)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(c.iat)
      .setExpirationTime(c.exp)
      .sign(this.key);
  }

  /** The claims of a genuine, unexpired link; LinkRefused('invalid' | 'expired') otherwise. */
  async verify(token: string): Promise<LinkClaims> {
    if (token.length > 2000) throw new LinkRefused('invalid');
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const p = Payload.safeParse(payload);
      if (!p.success) throw new LinkRefused('invalid');
      return {
        waveId: p.data.wid,
        personId: p.data.sub,
        jti: p.data.jti,
        iat: p.data.iat,
        exp: p.data.exp,
      };
    } catch (err) {
      if (err instanceof LinkRefused) throw err;
      if (err instanceof errors.JWTExpired) throw new LinkRefused('expired');
      throw new LinkRefused('invalid');
    }
  }
}

/** The links of this server: keyed from AUTH_SECRET or DATA_DIR/auth-secret, as sessions are. */
export function surveyLinksFromConfig(config: AppConfig = loadConfig()): SurveyLinks {
  return new SurveyLinks(loadSigningKey(config.AUTH_SECRET, config.dataDir));
}
