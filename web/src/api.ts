/**
 * GraphQL over fetch (POST /graphql). Every failure becomes an ApiError with a message a
 * coordinator can read (in the current language); details go to the console, never the page.
 */
import { CSRF_HEADER, csrfToken } from './auth';
import type { ServerFieldIssue } from './forms/values';
import { t } from './i18n';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Per-field problems reported by the server (BAD_USER_INPUT of updateNode). */
    readonly fields: ServerFieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLErrorShape {
  message?: string;
  extensions?: { code?: string; [k: string]: unknown };
}

/** Whether a server message is fit for a person: short, no stack, no code-like noise. */
export function isReadable(message: string | undefined): message is string {
  if (!message) return false;
  if (message.length > 300) return false;
  return !/\n\s+at |Error:|Exception|Cypher|Neo4j|\bundefined\b|\bnull\b|Cannot query field|Variable "\$|Unknown argument|Syntax Error/i.test(
    message,
  );
}

/** The friendly message for a GraphQL error (exported for tests). */
export function messageFor(err: GraphQLErrorShape): { code: string; message: string } {
  const code = err.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  switch (code) {
    case 'DATABASE_UNAVAILABLE':
      return { code, message: t('err.database') };
    case 'NOT_FOUND':
      return { code, message: isReadable(err.message) ? err.message : t('err.notFound') };
    case 'BAD_USER_INPUT':
      return { code, message: isReadable(err.message) ? err.message : t('err.badInput') };
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return { code, message: t('err.auth') };
    // The server's limits (server/graphql/limits.ts): too big an ask, or too many at once.
    case 'QUERY_TOO_COMPLEX':
    case 'RESPONSE_TOO_LARGE':
      return { code, message: isReadable(err.message) ? err.message : t('err.tooLarge') };
    case 'TOO_MANY_REQUESTS':
    case 'QUERY_TIMEOUT':
      return { code, message: t('err.busy') };
    default:
      return { code, message: t('err.server') };
  }
}

/** The per-field problems of a BAD_USER_INPUT error (`extensions.fields`), checked. */
export function fieldIssues(err: GraphQLErrorShape): ServerFieldIssue[] {
  const raw = err.extensions?.fields;
  if (err.extensions?.code !== 'BAD_USER_INPUT' || !Array.isArray(raw)) return [];
  const out: ServerFieldIssue[] = [];
  for (const f of raw as Array<Record<string, unknown>>) {
    if (!f || typeof f.field !== 'string' || typeof f.code !== 'string') continue;
    out.push({
      field: f.field,
      code: f.code as ServerFieldIssue['code'],
      message: typeof f.message === 'string' ? f.message : '',
      ...(typeof f.min === 'number' ? { min: f.min } : {}),
      ...(typeof f.max === 'number' ? { max: f.max } : {}),
    });
  }
  return out;
}

export type Fetcher = typeof fetch;

/** How the store and the panels call the API (gql below, or a test's fake). */
export type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

let onUnauthenticated: (() => void) | null = null;

/**
 * What to do when the server says the session is over (expired, signed out elsewhere, account
 * disabled): the app shows the sign-in form again instead of failing panel by panel.
 */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  fetcher: Fetcher = (...a) => fetch(...a),
): Promise<T> {
  let res: Response;
  try {
    res = await fetcher('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        [CSRF_HEADER]: csrfToken(),
      },
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    console.warn('GraphQL request failed', err);
    throw new ApiError(t('err.network'), 'NETWORK');
  }
  let body: { data?: T; errors?: GraphQLErrorShape[] } | undefined;
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (body?.data && !body.errors?.length && res.ok) return body.data;
  const error = failure(res.status, body?.errors);
  // Whichever way the server said it (a GraphQL error or a bare 401), the session is over.
  if (error.code === 'UNAUTHENTICATED') onUnauthenticated?.();
  throw error;
}

/** The ApiError for an answer without data: its first GraphQL error, else its HTTP status. */
function failure(status: number, errors: GraphQLErrorShape[] | undefined): ApiError {
  if (errors && errors.length > 0) {
    console.warn('GraphQL errors', errors);
    const first = messageFor(errors[0]!);
    return new ApiError(first.message, first.code, fieldIssues(errors[0]!));
  }
  console.warn('GraphQL HTTP status', status);
  if (status === 503) return new ApiError(t('err.database'), 'DATABASE_UNAVAILABLE');
  if (status === 401) return new ApiError(t('err.auth'), 'UNAUTHENTICATED');
  if (status === 403) return new ApiError(t('err.auth'), 'FORBIDDEN');
  return new ApiError(t('err.server'), 'HTTP_' + status);
}

/** Any thrown value as a message for the page. */
export function friendly(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  console.error(err);
  return t('err.unknown');
}
