/** The importer (SPEC §8 "Imports", docs/import-format.md). */
export type { Dataset, DatasetSources, ImportError, RowSource } from './dataset';
export { datasetSize, formatImportError } from './dataset';
export { readPath, targetOfFileName, type ReadResult, type ReadFileInfo } from './read';
export { decodeImportBytes, type DecodeResult, type FileEncoding } from './encoding';
export {
  importDataset,
  importPath,
  DEFAULT_BATCH_SIZE,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  type PathImportResult,
} from './write';
