/**
 * The respondent's requests (docs/surveys.md "The respondent's form"): the personal link's token
 * — read from the link's fragment `#t=…`, which the browser never sends to a server — goes as
 * `Authorization: Bearer` to the survey's REST API, never to GraphQL. A refused link comes back
 * as a `SurveyRefused` with the server's reason and its message in the page's language.
 */
import {
  LINK_REFUSAL_MESSAGES,
  LINK_REFUSALS,
  SURVEY_API_PATH,
  type LinkRefusal,
  type RespondentForm,
  type SubmitReceipt,
  type SurveyAnswer,
} from '../../../common/surveys';
import { getLang, t } from '../i18n';

export type { RespondentForm, SubmitReceipt };

/** The link was refused: why, in words a respondent reads. */
export class SurveyRefused extends Error {
  constructor(
    readonly reason: LinkRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'SurveyRefused';
  }
}

/** Anything else that went wrong (network, a bad answer): a readable message. */
export class SurveyFailed extends Error {
  constructor(
    message: string,
    readonly fields: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'SurveyFailed';
  }
}

/** The token of a personal link: `#t=<token>` in the address (also `?token=` for pasted links). */
export function tokenOfLocation(loc: { hash: string; search: string }): string | null {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('t');
  const fromQuery = new URLSearchParams(loc.search).get('token');
  const token = (fromHash ?? fromQuery ?? '').trim();
  return token === '' ? null : token;
}

/** The part of a "日本語 / English" server message in the page's language. */
export function inLanguage(message: string, lang = getLang()): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

type ErrorBody = {
  errors?: Array<{
    message?: string;
    extensions?: {
      code?: string;
      reason?: string;
      fields?: Array<{ field: string; message: string }>;
    };
  }>;
};

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${SURVEY_API_PATH}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      credentials: 'omit',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new SurveyFailed(t('err.network'));
  }
  let parsed: unknown;
  try {
    parsed = await res.json();
  } catch {
    parsed = undefined;
  }
  if (res.ok) return parsed as T;
  const first = (parsed as ErrorBody | undefined)?.errors?.[0];
  const reason = first?.extensions?.reason as LinkRefusal | undefined;
  if (first?.extensions?.code === 'LINK_REFUSED' && reason && LINK_REFUSALS.includes(reason)) {
    throw new SurveyRefused(reason, LINK_REFUSAL_MESSAGES[reason][getLang()]);
  }
  if (res.status === 429) {
    throw new SurveyRefused('rate_limited', LINK_REFUSAL_MESSAGES.rate_limited[getLang()]);
  }
  if (res.status === 400 && first?.message) {
    throw new SurveyFailed(inLanguage(first.message), first.extensions?.fields ?? []);
  }
  throw new SurveyFailed(t('survey.err.server'));
}

export const readForm = (token: string) => call<RespondentForm>(token, 'GET', '/form');
export const saveDraft = (token: string, answer: SurveyAnswer) =>
  call<{ savedAt: string }>(token, 'PUT', '/draft', answer);
export const submitAnswer = (token: string, answer: SurveyAnswer) =>
  call<SubmitReceipt>(token, 'POST', '/submit', answer);
