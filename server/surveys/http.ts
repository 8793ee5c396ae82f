/**
 * The respondent's REST API (SPEC §11; docs/surveys.md): no account, no GraphQL — the personal
 * link's token as `Authorization: Bearer <token>`.
 *
 *   GET  /survey-api/form    the form: wave, consent text, roster names, the saved answer
 *   PUT  /survey-api/draft   save a draft (resumable)
 *   POST /survey-api/submit  submit (replaces the respondent's earlier answer of the wave)
 *
 * A refused link answers `{ errors: [{ message, extensions: { code: 'LINK_REFUSED', reason } }] }`
 * with a message in Japanese and English (common/surveys.ts): 401 invalid / expired / revoked,
 * 410 closed, 409 not open, 429 too many requests (per link and per address).
 */
import { createHash } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AccessDenied } from '../../common/roles';
import { linkRefusalText, SURVEY_API_PATH, type LinkRefusal } from '../../common/surveys';
import { sendError } from '../auth/http';
import type { Database } from '../db/driver';
import { log } from '../log';
import { WriteRejected } from '../write';
import { LinkRefused, type SurveyLinks } from './links';
import { SurveyRespondents } from './respondent';

const STATUS: Record<LinkRefusal, number> = {
  invalid: 401,
  expired: 401,
  revoked: 401,
  closed: 410,
  not_open: 409,
  rate_limited: 429,
};

export interface SurveyApiOptions {
  /** Requests per link per minute (default 60). */
  perLinkPerMinute?: number;
  /** Requests per address per minute (default 600: a room of respondents behind one NAT). */
  perAddressPerMinute?: number;
}

function tokenOf(req: Request): string {
  const h = req.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new LinkRefused('invalid');
  return m[1]!;
}

function refuse(res: Response, reason: LinkRefusal): void {
  res.status(STATUS[reason]).json({
    errors: [{ message: linkRefusalText(reason), extensions: { code: 'LINK_REFUSED', reason } }],
  });
}

function fail(res: Response, err: unknown): void {
  if (err instanceof LinkRefused) return refuse(res, err.reason);
  if (err instanceof WriteRejected) {
    res.status(400).json({
      errors: [
        {
          message: `${err.message} / 回答の内容を確認してください。`,
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: err.problems.map((p) => ({ field: p.field, message: p.message })),
          },
        },
      ],
    });
    return;
  }
  if (err instanceof AccessDenied) {
    sendError(res, 403, 'FORBIDDEN', `${err.message}`);
    return;
  }
  throw err;
}

export function mountSurveyApi(
  app: Express,
  db: Database,
  links: SurveyLinks,
  opts: SurveyApiOptions = {},
): void {
  const respondents = new SurveyRespondents(db, links);
  const limited = (reason: LinkRefusal) => (_req: Request, res: Response) => refuse(res, reason);
  const perAddress = rateLimit({
    windowMs: 60_000,
    limit: opts.perAddressPerMinute ?? 600,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: limited('rate_limited'),
  });
  const perLink = rateLimit({
    windowMs: 60_000,
    limit: opts.perLinkPerMinute ?? 60,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      createHash('sha256')
        .update(req.get('authorization') ?? '')
        .digest('hex'),
    handler: limited('rate_limited'),
  });
  const router = express.Router();
  router.use(perAddress, perLink, express.json({ limit: '200kb' }), (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  const handle =
    (body: (token: string, req: Request) => Promise<unknown>) =>
    async (req: Request, res: Response, next: express.NextFunction) => {
      try {
        res.json(await body(tokenOf(req), req));
      } catch (err) {
        try {
          fail(res, err);
        } catch (other) {
          log.warn({ err: String(other) }, 'survey request failed');
          next(other);
        }
      }
    };
  router.get(
    '/form',
    handle((t) => respondents.form(t)),
  );
  router.put(
    '/draft',
    handle((t, req) => respondents.saveDraft(t, req.body)),
  );
  router.post(
    '/submit',
    handle((t, req) => respondents.submit(t, req.body)),
  );
  app.use(SURVEY_API_PATH, router);
}
