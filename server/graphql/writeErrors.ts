/**
 * The write path's domain errors (server/write/errors.ts) as GraphQL errors at the edge:
 * WriteRejected → BAD_USER_INPUT naming the fields (`extensions.fields`, as the forms read
 * them), WriteNotFound → NOT_FOUND, WriteConflict → NOT_FOUND (what the write relied on is
 * gone; run it again). Anything else goes to toApiError (AccessDenied → FORBIDDEN, a database
 * outage → DATABASE_UNAVAILABLE, …).
 */
import type { GraphQLError } from 'graphql';
import { FIELD_ISSUE_CODES } from '../../common/issues';
import { WriteConflict, WriteNotFound, WriteRejected } from '../write';
import { badInput, fieldErrors, notFound, toApiError, type FieldProblem } from './errors';

const CODES: ReadonlySet<string> = new Set(FIELD_ISSUE_CODES);

export function writeApiError(err: unknown): GraphQLError {
  if (err instanceof WriteRejected) {
    const fields: FieldProblem[] = err.problems
      .filter((p) => p.field !== '')
      .map((p) => ({
        field: p.field,
        code: p.code && CODES.has(p.code) ? p.code : 'invalid',
        message: p.message,
        ...(p.min !== undefined ? { min: p.min } : {}),
        ...(p.max !== undefined ? { max: p.max } : {}),
      }));
    // A problem with the change as a whole (no field) is said in words only.
    return fields.length === err.problems.length ? fieldErrors(fields) : badInput(err.message);
  }
  if (err instanceof WriteNotFound || err instanceof WriteConflict) return notFound(err.message);
  return toApiError(err);
}
