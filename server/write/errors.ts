/**
 * What the write path throws: domain errors, not GraphQL errors. The GraphQL edge
 * (server/graphql/writeErrors.ts) maps them to `extensions.code`; the importer turns
 * WriteRejected into its per-row error list. A write that throws wrote nothing: the
 * transaction was rolled back (or never opened). A writer outside their regions gets
 * AccessDenied (common/roles.ts), as every other refusal.
 */
import type { FieldIssueCode } from '../../common/issues';
import type { RowSource } from './changeSet';

/** One problem with the input: which row (imports), which field, and why. */
export interface WriteProblem {
  /** The field (an import's column); '' for the row as a whole. */
  field: string;
  /** Why, in words a person reads (English). */
  message: string;
  /** Where the row came from (imports). */
  source?: RowSource;
  /** A stable code a form translates (common/issues.ts), with its bound. */
  code?: FieldIssueCode;
  min?: number;
  max?: number;
}

/** The change set is not valid: every problem found, nothing written. */
export class WriteRejected extends Error {
  constructor(readonly problems: WriteProblem[]) {
    super(
      problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ') ||
        'the change is not valid',
    );
    this.name = 'WriteRejected';
  }
}

/** A node the change names (an edit, a deletion, a party) is not in the store. */
export class WriteNotFound extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteNotFound';
  }
}

/**
 * Something the write relies on changed under it (a node it found by validation was deleted
 * meanwhile): rolled back; running it again sees the new state.
 */
export class WriteConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteConflict';
  }
}

/** Problems sorted by where they came from (file, sheet, then row), the order a person reads them. */
export function sortProblems(problems: WriteProblem[]): WriteProblem[] {
  const file = (p: WriteProblem) => `${p.source?.file ?? ''}\u0000${p.source?.sheet ?? ''}`;
  return problems.sort((a, b) =>
    file(a) < file(b) ? -1 : file(a) > file(b) ? 1 : (a.source?.row ?? 0) - (b.source?.row ?? 0),
  );
}
