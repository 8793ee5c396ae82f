/**
 * GraphQL errors a person can read (SPEC §5): every error carries `extensions.code` —
 * BAD_USER_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND or DATABASE_UNAVAILABLE; for the
 * limits of server/graphql/limits.ts QUERY_TOO_COMPLEX, RESPONSE_TOO_LARGE, TOO_MANY_REQUESTS
 * and QUERY_TIMEOUT (and INTERNAL_SERVER_ERROR for a bug, with a generic message) — and never a
 * stack trace.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { z } from 'zod';
import { AnalyticsInputError } from '../analytics/context';
import { AccessDenied } from '../../common/roles';
import { FIELD_ISSUE_CODES, type FieldIssueCode } from '../../common/issues';
import { log } from '../log';
import { ScopeNotFoundError } from '../projection/load';
import { isTransactionTimeout } from '../db/timeouts';
import { roleHiddenFields } from './variants';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'DATABASE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'RESPONSE_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'QUERY_TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export function apiError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export const badInput = (message: string) => apiError('BAD_USER_INPUT', message);
export const notFound = (message: string) => apiError('NOT_FOUND', message);

/**
 * A problem with one field of a write (updateNode): the field, a stable code a client can
 * translate (common/issues.ts), a readable English message, and the bound for
 * min/max/tooLong.
 */
export interface FieldProblem {
  field: string;
  code: FieldIssueCode;
  message: string;
  min?: number;
  max?: number;
}

/**
 * BAD_USER_INPUT naming the fields: the message lists them ("employees: must be at least 0"),
 * and `extensions.fields` carries them one by one for a form to show next to each field.
 */
export function fieldErrors(problems: FieldProblem[]): GraphQLError {
  const message = problems
    .map((p) => (p.field ? `${p.field}: ${p.message}` : p.message))
    .join('; ');
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', fields: problems } });
}

/** `extensions.fields` of an error as it may leave the server (known keys, plain values only). */
function safeFields(raw: unknown): FieldProblem[] | null {
  if (!Array.isArray(raw)) return null;
  const codes: ReadonlySet<string> = new Set(FIELD_ISSUE_CODES);
  const out: FieldProblem[] = [];
  for (const p of raw as Array<Record<string, unknown>>) {
    if (!p || typeof p.field !== 'string' || typeof p.message !== 'string') continue;
    const code = typeof p.code === 'string' && codes.has(p.code) ? p.code : 'invalid';
    out.push({
      field: p.field,
      code: code as FieldIssueCode,
      message: p.message,
      ...(typeof p.min === 'number' ? { min: p.min } : {}),
      ...(typeof p.max === 'number' ? { max: p.max } : {}),
    });
  }
  return out.length > 0 ? out : null;
}

const DB_UNAVAILABLE_MESSAGE =
  'The database is not reachable right now; please try again in a moment. / データベースに接続できません。しばらくしてから再度お試しください。';
/** DATABASE_UNAVAILABLE as it leaves the server, for answers given without executing. */
export function databaseUnavailableError(): GraphQLFormattedError {
  return { message: DB_UNAVAILABLE_MESSAGE, extensions: { code: 'DATABASE_UNAVAILABLE' } };
}
const TIMEOUT_MESSAGE =
  'The query ran longer than the server allows and was stopped: ask for fewer items or a narrower filter. / 問い合わせに時間がかかりすぎたため中止しました。条件を絞ってください。';
const INTERNAL_MESSAGE =
  'Something went wrong on the server; the details are in its log. / サーバーでエラーが発生しました。';

/** Whether an error says that Neo4j is away (driver codes or connection failures). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code === 'ServiceUnavailable' || code === 'SessionExpired') return true;
    // Neo4j itself says so while it starts or stops (Neo.TransientError.General.DatabaseUnavailable).
    if (code.startsWith('Neo.') && code.endsWith('.DatabaseUnavailable')) return true;
    const message = String((e as { message?: unknown }).message ?? '');
    if (
      /connection acquisition timed out|failed to connect|ECONNREFUSED|could not perform discovery|connection was closed/i.test(
        message,
      )
    ) {
      return true;
    }
    e =
      (e as { originalError?: unknown; cause?: unknown }).originalError ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Readable text of zod issues: "limit: must be at most 100". */
export function zodMessage(err: z.ZodError): string {
  return err.issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Any error thrown in a resolver, as a GraphQLError with one of our codes. */
export function toApiError(err: unknown): GraphQLError {
  if (err instanceof GraphQLError && typeof err.extensions.code === 'string') return err;
  if (err instanceof z.ZodError) return badInput(zodMessage(err));
  if (err instanceof AccessDenied) return apiError(err.code, err.message);
  if (err instanceof AnalyticsInputError) return apiError(err.code, err.message);
  if (err instanceof ScopeNotFoundError) return notFound(err.message);
  if (isTransactionTimeout(err)) return apiError('QUERY_TIMEOUT', TIMEOUT_MESSAGE);
  if (isDatabaseUnavailable(err)) return apiError('DATABASE_UNAVAILABLE', DB_UNAVAILABLE_MESSAGE);
  log.error({ err }, 'GraphQL resolver failed');
  return apiError('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE);
}

const CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DATABASE_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'RESPONSE_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'QUERY_TIMEOUT',
]);

/** @neo4j/graphql's own authorization errors (its @authorization/@authentication rules). */
function neo4jGraphqlAuthCode(err: unknown): 'FORBIDDEN' | 'UNAUTHENTICATED' | null {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'Neo4jGraphQLForbiddenError') return 'FORBIDDEN';
  if (name === 'Neo4jGraphQLAuthenticationError') return 'UNAUTHENTICATED';
  return null;
}

/**
 * `Type.field` when a validation error is about a field the full schema has but the caller's
 * role's variant does not (server/graphql/variants.ts): selected, filtered or sorted on.
 */
function roleHiddenField(message: string): string | null {
  const m =
    /^Cannot query field "(\w+)" on type "(\w+)"/.exec(message) ??
    /^Field "(\w+)" is not defined by type "(\w+?)(?:Where|Sort)"/.exec(message);
  if (!m) return null;
  const [, field, type] = m as unknown as [string, string, string];
  return roleHiddenFields().get(type)?.has(field) ? `${type}.${field}` : null;
}

/** The code a validation rule gave its error (Apollo re-codes it GRAPHQL_VALIDATION_FAILED). */
function limitCodeOf(error: unknown): string {
  const original = (error as { originalError?: { extensions?: { code?: unknown } } } | null)
    ?.originalError;
  return String(original?.extensions?.code ?? '');
}

/** Apollo's own codes for requests a client got wrong. */
const CLIENT_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Apollo's formatError: keeps our codes and messages, maps client mistakes to BAD_USER_INPUT,
 * a database outage to DATABASE_UNAVAILABLE and anything else to a generic message (logged).
 * Only message, locations, path, extensions.code and (for BAD_USER_INPUT of a write that names
 * fields, see fieldErrors) extensions.fields leave the server.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  let code = String(formatted.extensions?.code ?? '');
  let message = formatted.message;
  const neoAuth = neo4jGraphqlAuthCode(original);
  if (neoAuth) {
    code = neoAuth;
    message =
      neoAuth === 'FORBIDDEN'
        ? 'Your account may not read or change this. / この操作を行う権限がありません。'
        : 'Sign in first. / サインインしてください。';
  } else if (CODES.has(code)) {
    // ours, or Apollo's BAD_USER_INPUT for a variable of the wrong type: keep the message
  } else if (code === 'GRAPHQL_PARSE_FAILED' && /more tha[nt] \d+ tokens/.test(message)) {
    // The parser's token limit (server/graphql/limits.ts MAX_QUERY_TOKENS; graphql 16 says "more that").
    code = 'QUERY_TOO_COMPLEX';
    message = `The query is too long (${/more tha[nt] (\d+) tokens/.exec(message)![1]} tokens at most): send several smaller requests. / クエリが長すぎます。`;
  } else if (CLIENT_CODES.has(code) && CODES.has(limitCodeOf(error))) {
    // A limit of server/graphql/limits.ts reported while validating: keep its own code.
    code = limitCodeOf(error);
  } else if (CLIENT_CODES.has(code)) {
    const hidden = roleHiddenField(message);
    if (hidden) {
      // The field exists, but not in the schema of the caller's role.
      code = 'FORBIDDEN';
      message = `Your role may not read or filter by ${hidden}. / この項目を見る権限がありません。`;
    } else {
      code = 'BAD_USER_INPUT';
    }
  } else if (isTransactionTimeout(original)) {
    code = 'QUERY_TIMEOUT';
    message = TIMEOUT_MESSAGE;
  } else if (isDatabaseUnavailable(original)) {
    code = 'DATABASE_UNAVAILABLE';
    message = DB_UNAVAILABLE_MESSAGE;
  } else if (code === 'INTERNAL_SERVER_ERROR' && message === INTERNAL_MESSAGE) {
    // already logged by toApiError
  } else {
    log.error({ err: original }, 'GraphQL request failed');
    code = 'INTERNAL_SERVER_ERROR';
    message = INTERNAL_MESSAGE;
  }
  const fields = code === 'BAD_USER_INPUT' ? safeFields(formatted.extensions?.fields) : null;
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: fields ? { code, fields } : { code },
  };
}
