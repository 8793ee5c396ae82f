/**
 * What an import carries: rows per node label and per relationship type (the shape the
 * synthetic generator in seeds/ produces), and where each row came from for error messages.
 */
import type { ImportRowError } from '../../common/importAnswer';
import type { Rows, RowSource, RowSources } from '../write/changeSet';

/** Rows per node label and relationship type. Values typed (CSV cells are converted first). */
export type Dataset = Rows;

export type { RowSource };

/** Parallel to a Dataset: `sources.nodes.Person[i]` is where `dataset.nodes.Person[i]` came from. */
export type DatasetSources = RowSources;

/**
 * One problem with the input: file (and sheet), row (see RowSource), column (field), a readable
 * reason, and the issue's stable code when validation gave one (what the web import answers).
 */
export type ImportError = ImportRowError;

export function emptyDataset(): Dataset {
  return { nodes: {}, relationships: {} };
}

export function emptySources(): DatasetSources {
  return { nodes: {}, relationships: {} };
}

/** Number of rows in a dataset (nodes + relationships). */
export function datasetSize(dataset: Dataset): number {
  let n = 0;
  for (const rows of Object.values(dataset.nodes)) n += rows?.length ?? 0;
  for (const rows of Object.values(dataset.relationships)) n += rows?.length ?? 0;
  return n;
}

/** "Person.csv:12: stage: must be one of …" (`book.xlsx[Person]:12: …`) — the line the CLI prints. */
export function formatImportError(e: ImportError): string {
  return `${e.file}${e.sheet !== undefined ? `[${e.sheet}]` : ''}:${e.row}: ${e.column || '-'}: ${e.reason}`;
}

/** Errors in the order a person reads them: by file, sheet, then row. */
export function sortImportErrors(errors: ImportError[]): ImportError[] {
  const key = (e: ImportError) => `${e.file}\u0000${e.sheet ?? ''}`;
  return errors.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.row - b.row));
}
