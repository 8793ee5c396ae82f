/**
 * What the web import's routes answer (server/http/importRoutes.ts, docs/import-format.md "Web
 * import"), shared by the server that builds it and the page that reads it.
 */

/** One file, or one sheet of a workbook, that was read. */
export interface ImportFileRead {
  file: string;
  sheet?: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'xlsx';
  /** The label or relationship type it holds ('dataset' for JSON). */
  target: string;
  rows: number;
}

/** One bad row (or a problem with a whole file: row 0, or its header: row 1). */
export interface ImportRowError {
  file: string;
  sheet?: string;
  row: number;
  column: string;
  /** Why, in English as the write path says it. */
  reason: string;
  /** A stable code the page translates (common/issues.ts), with its bound. */
  code?: string;
  min?: number;
  max?: number;
}

/** A likely duplicate the preview found: a row of the upload like another row or a stored node. */
export interface ImportDuplicate {
  /** What the row is: persons, organisations and SMEs are compared (each with its own kind). */
  kind: 'Person' | 'Organization' | 'SME';
  file: string;
  sheet?: string;
  row: number;
  id: string;
  name: string;
  /** The other: a stored node the importer may read, or another row of the upload. */
  otherId: string;
  otherName: string;
  otherRow?: { file: string; sheet?: string; row: number };
  /** What they share (organisations and SMEs: the name, in the same region). */
  reasons: Array<'name' | 'email' | 'employer' | 'region'>;
}

export interface ImportAnswer {
  dryRun: boolean;
  files: ImportFileRead[];
  skipped: string[];
  created: Record<string, number>;
  updated: Record<string, number>;
  unchanged: Record<string, number>;
  errors: ImportRowError[];
  duplicates: ImportDuplicate[];
  graphVersion?: number;
}

/** A line of the commit's NDJSON answer. */
export type ImportCommitLine =
  | { progress: { phase: string; done: number; total: number } }
  | { result: ImportAnswer }
  | { error: { message: string; code: string } };

/** The size limit of one upload (server/import/limits.ts), checked by the page before sending. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
