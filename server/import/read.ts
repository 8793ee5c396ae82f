/**
 * Reading an import: a directory of CSV/JSON/.xlsx files, a single file, or uploaded files
 * (docs/import-format.md).
 * Encoding is detected per file; CSV cells are converted to typed values by the field kinds of
 * the schemas. Problems with a whole file or its header are returned as errors; problems with
 * values are left to validation (a cell that does not convert stays text, and validation says
 * what was expected).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  NODE_LABELS,
  REL_TYPES,
  isNodeLabel,
  isRelType,
  type NodeLabel,
  type RelType,
} from '../../common/model';
import {
  emptyDataset,
  emptySources,
  type Dataset,
  type DatasetSources,
  type ImportError,
  type RowSource,
} from './dataset';
import { parseCsv } from './csv';
import { TARGET_TITLES, fieldOfHeader, isDescriptionRow } from './columns';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './limits';
import { readWorkbook } from './xlsx/read';
import { WRITER_FIELDS, convertCell, nodeFields, relFields, type FieldMap } from './fields';

import { decodeImportBytes, type FileEncoding } from './encoding';

export type { FileEncoding };

export interface ReadFileInfo {
  file: string;
  /** The sheet, for a workbook (one entry per sheet read). */
  sheet?: string;
  /** A text file's encoding, or 'xlsx' for a sheet of a workbook. */
  encoding: FileEncoding | 'xlsx';
  /** Label or type for CSV files; 'dataset' for JSON. */
  target: string;
  rows: number;
}

export interface ReadResult {
  dataset: Dataset;
  sources: DatasetSources;
  /** Problems with whole files or headers (rows are checked by validation). */
  errors: ImportError[];
  files: ReadFileInfo[];
  /** Files in a directory that were not read (truth.json, READMEs, JSON without nodes). */
  skipped: string[];
}

/** A row source that also knows which required columns its file's header lacks. */
export type CsvRowSource = RowSource & { missingColumns?: ReadonlySet<string> };

// ---------------------------------------------------------------------------------------------
// File name → label or type

const TARGETS: readonly string[] = [...NODE_LABELS, ...REL_TYPES];

/**
 * The label or relationship type a file name names: `Person.csv`, `Person.shiojiri.csv`,
 * `02_KNOWS.csv`. The name part must be delimited by the start/end or `.`/`_`; the longest match
 * wins (`HAS_SKILL` over `Skill`); case is ignored when nothing matches exactly.
 */
export function targetOfFileName(file: string): NodeLabel | RelType | { error: string } {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  for (const flags of ['', 'i']) {
    const hits: { name: string; start: number; end: number }[] = [];
    for (const name of TARGETS) {
      const re = new RegExp(`(?:^|[._])(${name})(?=$|[._])`, `g${flags}`);
      for (let m = re.exec(base); m; m = re.exec(base)) {
        const start = m.index + m[0].length - name.length;
        hits.push({ name, start, end: start + name.length });
        re.lastIndex = m.index + 1;
      }
    }
    const kept = hits.filter(
      (h) =>
        !hits.some(
          (o) =>
            o !== h && o.end - o.start > h.end - h.start && o.start <= h.start && o.end >= h.end,
        ),
    );
    const names = [...new Set(kept.map((h) => h.name))];
    if (names.length === 1) return names[0] as NodeLabel | RelType;
    if (names.length > 1) {
      return {
        error: `the file name names more than one label or type (${names.join(', ')}); rename it`,
      };
    }
  }
  return {
    error:
      'the file name does not name a node label or relationship type ' +
      `(expected e.g. Person.csv or KNOWS.csv; one of ${TARGETS.join(', ')})`,
  };
}

// ---------------------------------------------------------------------------------------------
// Collecting rows

class Collector {
  dataset = emptyDataset();
  sources = emptySources();
  errors: ImportError[] = [];

  add(kind: 'node' | 'rel', target: string, row: Record<string, unknown>, source: RowSource): void {
    const ds = (kind === 'node' ? this.dataset.nodes : this.dataset.relationships) as Record<
      string,
      unknown[]
    >;
    const src = (kind === 'node' ? this.sources.nodes : this.sources.relationships) as Record<
      string,
      RowSource[]
    >;
    (ds[target] ??= []).push(row);
    (src[target] ??= []).push(source);
  }
}

function readCsv(display: string, text: string, target: NodeLabel | RelType, c: Collector): number {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (e) {
    const err = e as Error & { lines?: number; records?: number };
    c.errors.push({
      file: display,
      row: (err.records ?? 0) + 1,
      column: '',
      reason: `is not valid CSV: ${err.message}`,
    });
    return 0;
  }
  return readRecords({ file: display }, records, null, target, c);
}

/** Where the records of one table come from: a CSV file, or a sheet of a workbook. */
interface TableOrigin {
  file: string;
  sheet?: string;
}

/**
 * The rows of one table (a CSV file or a sheet): the header names the columns (field names or
 * their Japanese headers, columns.ts), a template's description row under it is skipped, and
 * every other non-empty record becomes a row. `rowNumbers[i]` is the row number a person sees
 * for `records[i]` (a sheet skips empty rows); without it, the record's position.
 */
function readRecords(
  origin: TableOrigin,
  records: readonly string[][],
  rowNumbers: readonly number[] | null,
  target: NodeLabel | RelType,
  c: Collector,
): number {
  const isNode = isNodeLabel(target);
  const fields: FieldMap = isNode ? nodeFields(target) : relFields(target as RelType);
  const where = (row: number) =>
    origin.sheet !== undefined
      ? { file: origin.file, sheet: origin.sheet, row }
      : { file: origin.file, row };
  const rowNo = (i: number) => rowNumbers?.[i] ?? i + 1;
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) {
    c.errors.push({
      ...where(1),
      column: '',
      reason: 'has no header row (the first row must name the columns)',
    });
    return 0;
  }
  const headerRow = rowNo(0);
  const columns: (string | null)[] = [];
  const seen = new Set<string>();
  const expected = Object.keys(fields).join(', ');
  header.forEach((raw) => {
    const text = raw.trim();
    if (text === '') {
      columns.push(null);
      return;
    }
    const name = Object.prototype.hasOwnProperty.call(fields, text)
      ? text
      : (fieldOfHeader(target, text) ?? text);
    if (seen.has(name)) {
      c.errors.push({
        ...where(headerRow),
        column: text,
        reason: 'the column appears twice in the header',
      });
      columns.push(null);
      return;
    }
    seen.add(name);
    if (WRITER_FIELDS.has(name)) {
      columns.push(null); // set by the importer, never read
    } else if (!Object.prototype.hasOwnProperty.call(fields, name)) {
      c.errors.push({
        ...where(headerRow),
        column: text,
        reason: `unknown column for ${target} (expected columns: ${expected})`,
      });
      columns.push(null);
    } else {
      columns.push(name);
    }
  });
  const missing = new Set<string>();
  for (const [name, info] of Object.entries(fields)) {
    if (!info.optional && !seen.has(name)) {
      missing.add(name);
      c.errors.push({
        ...where(headerRow),
        column: name,
        reason: `required column is missing from the header`,
      });
    }
  }
  let first = 1;
  if (records.length > 1 && isDescriptionRow(target, columns, records[1]!)) first = 2;
  let n = 0;
  for (let i = first; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.every((cell) => cell.trim() === '')) continue; // empty line or ",,,," from Excel
    const at = rowNo(i);
    if (rec.length > header.length && rec.slice(header.length).some((cell) => cell.trim() !== '')) {
      c.errors.push({
        ...where(at),
        column: '',
        reason: `has ${rec.length} cells but the header has ${header.length} columns (a comma inside a value must be quoted)`,
      });
    }
    const row: Record<string, unknown> = {};
    columns.forEach((name, j) => {
      if (name === null) return;
      const info = fields[name]!;
      const conv = convertCell(info, rec[j] ?? '');
      // A cell that does not convert stays text; validation reports what was expected.
      row[name] = conv.ok ? conv.value : (rec[j] ?? '').trim();
    });
    const source: CsvRowSource =
      missing.size > 0 ? { ...where(at), missingColumns: missing } : where(at);
    c.add(isNode ? 'node' : 'rel', target, row, source);
    n++;
  }
  return n;
}

function readJson(
  display: string,
  text: string,
  c: Collector,
  inDirectory: boolean,
): number | 'skip' {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    c.errors.push({
      file: display,
      row: 0,
      column: '',
      reason: `is not valid JSON: ${(e as Error).message}`,
    });
    return 0;
  }
  const isDataset =
    doc !== null &&
    typeof doc === 'object' &&
    !Array.isArray(doc) &&
    ('nodes' in doc || 'relationships' in doc);
  if (!isDataset) {
    if (inDirectory) return 'skip';
    c.errors.push({
      file: display,
      row: 0,
      column: '',
      reason: 'must be an object {"nodes": {Label: [rows]}, "relationships": {TYPE: [rows]}}',
    });
    return 0;
  }
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (key !== 'nodes' && key !== 'relationships') {
      c.errors.push({
        file: display,
        row: 0,
        column: key,
        reason: 'unknown top-level key (expected "nodes" and "relationships")',
      });
    }
  }
  let n = 0;
  for (const section of ['nodes', 'relationships'] as const) {
    const part = d[section];
    if (part === undefined) continue;
    if (part === null || typeof part !== 'object' || Array.isArray(part)) {
      c.errors.push({
        file: display,
        row: 0,
        column: section,
        reason: `must be an object keyed by ${section === 'nodes' ? 'label' : 'relationship type'}`,
      });
      continue;
    }
    for (const [name, rows] of Object.entries(part as Record<string, unknown>)) {
      const ok = section === 'nodes' ? isNodeLabel(name) : isRelType(name);
      if (!ok) {
        c.errors.push({
          file: display,
          row: 0,
          column: `${section}.${name}`,
          reason: `unknown ${section === 'nodes' ? 'node label' : 'relationship type'} (expected one of ${(section === 'nodes' ? NODE_LABELS : REL_TYPES).join(', ')})`,
        });
        continue;
      }
      if (!Array.isArray(rows)) {
        c.errors.push({
          file: display,
          row: 0,
          column: `${section}.${name}`,
          reason: 'must be an array of rows',
        });
        continue;
      }
      rows.forEach((r, i) => {
        // Rows stay as given (null = not set, Person.consent nested or flat); validation normalises.
        c.add(section === 'nodes' ? 'node' : 'rel', name, r as Record<string, unknown>, {
          file: display,
          row: i,
        });
        n++;
      });
    }
  }
  return n;
}

function isIgnoredInDirectory(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('.') ||
    lower.startsWith('~$') || // Excel's lock file of an open workbook
    lower === 'truth.json' ||
    /^readme/.test(lower) ||
    !/\.(csv|json|xlsx)$/.test(lower)
  );
}

/** Sheets of a workbook that are not data: instructions, a README. */
function isNoteSheet(name: string): boolean {
  return /^(readme|説明|使い方|はじめに|注意)/i.test(name.trim());
}

/**
 * The label or type a sheet's name names: `Person`, `Person 人物` (the first word decides, as
 * the templates name their tabs), or the Japanese title alone (`人物`).
 */
export function targetOfSheetName(name: string): NodeLabel | RelType | { error: string } {
  const first = name.trim().split(/[\s（(]/)[0] ?? '';
  const byName = targetOfFileName(first);
  if (typeof byName === 'string') return byName;
  const byTitle = (Object.entries(TARGET_TITLES) as [NodeLabel | RelType, string][]).find(
    ([, title]) => title === name.trim(),
  );
  if (byTitle) return byTitle[0];
  return {
    error: `the sheet name does not name a node label or relationship type (expected e.g. "Person" or "KNOWS", as the template's tabs; one of ${TARGETS.join(', ')})`,
  };
}

function readXlsx(
  display: string,
  bytes: Uint8Array,
  c: Collector,
  limits: UploadLimits,
  budget: { used: number },
): ReadFileInfo[] {
  const out: ReadFileInfo[] = [];
  const sheets = readWorkbook(bytes, limits, budget);
  if (sheets.length === 0) {
    c.errors.push({ file: display, row: 0, column: '', reason: 'has no worksheets' });
  }
  for (const sheet of sheets) {
    if (isNoteSheet(sheet.name)) continue;
    const target = targetOfSheetName(sheet.name);
    if (typeof target === 'object') {
      if (sheet.rows.length === 0) continue; // an empty "Sheet1" Excel adds
      c.errors.push({ file: display, sheet: sheet.name, row: 0, column: '', reason: target.error });
      continue;
    }
    const n = readRecords(
      { file: display, sheet: sheet.name },
      sheet.rows.map((r) => r.cells),
      sheet.rows.map((r) => r.row),
      target,
      c,
    );
    out.push({ file: display, sheet: sheet.name, encoding: 'xlsx', target, rows: n });
  }
  return out;
}

/** One file to read: the name a person gave it (a path inside a folder is fine) and its bytes. */
export interface NamedBytes {
  name: string;
  bytes: Buffer;
}

class FileReader {
  readonly c = new Collector();
  readonly files: ReadFileInfo[] = [];
  readonly skipped: string[] = [];
  private readonly budget = { used: 0 };

  constructor(
    private readonly inDirectory: boolean,
    private readonly limits: UploadLimits,
  ) {}

  read(display: string, bytes: Buffer): void {
    const c = this.c;
    if (/\.xlsx$/i.test(display)) {
      // Refusals of the workbook itself (a zip bomb, too many rows) end the whole read.
      this.files.push(...readXlsx(display, bytes, c, this.limits, this.budget));
      return;
    }
    if (/\.xls$/i.test(display)) {
      c.errors.push({
        file: display,
        row: 0,
        column: '',
        reason: 'is an old Excel file (.xls); save it as "Excel ブック (*.xlsx)" or as CSV first',
      });
      return;
    }
    const decoded = decodeImportBytes(bytes, !/\.json$/i.test(display));
    if (!decoded.ok) {
      for (const p of decoded.problems) {
        c.errors.push({ file: display, row: p.row, column: '', reason: p.reason });
      }
      return;
    }
    if (/\.json$/i.test(display)) {
      const n = readJson(display, decoded.text, c, this.inDirectory);
      if (n === 'skip') this.skipped.push(display);
      else
        this.files.push({ file: display, encoding: decoded.encoding, target: 'dataset', rows: n });
      return;
    }
    if (!/\.csv$/i.test(display)) {
      c.errors.push({
        file: display,
        row: 0,
        column: '',
        reason: 'is neither .csv, .xlsx nor .json',
      });
      return;
    }
    const target = targetOfFileName(display);
    if (typeof target === 'object') {
      c.errors.push({ file: display, row: 0, column: '', reason: target.error });
      return;
    }
    const n = readCsv(display, decoded.text, target, c);
    this.files.push({ file: display, encoding: decoded.encoding, target, rows: n });
  }

  result(): ReadResult {
    const { dataset, sources, errors } = this.c;
    return { dataset, sources, errors, files: this.files, skipped: this.skipped };
  }
}

/**
 * Reads uploaded files (the web import): CSV, JSON and .xlsx workbooks, several at once as a
 * folder is; files a folder holds besides (a README, Excel's lock file) are skipped. Throws
 * UploadRefused when a workbook breaks the limits.
 */
export function readFiles(
  list: readonly NamedBytes[],
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
): ReadResult {
  const inDirectory = list.length > 1;
  const r = new FileReader(inDirectory, limits);
  for (const f of [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const base = path.basename(f.name);
    if (inDirectory && isIgnoredInDirectory(base)) {
      r.skipped.push(f.name);
      continue;
    }
    r.read(f.name, f.bytes);
  }
  if (list.length === 0 || (inDirectory && r.files.length === 0 && r.c.errors.length === 0)) {
    r.c.errors.push({
      file: '',
      row: 0,
      column: '',
      reason: 'contains no .csv, .xlsx or .json files to import',
    });
  }
  return r.result();
}

/** Reads a directory (its *.csv, *.xlsx and *.json, not recursive) or a single file. */
export function readPath(p: string): ReadResult {
  const st = statSync(p);
  const inDirectory = st.isDirectory();
  const r = new FileReader(inDirectory, DEFAULT_UPLOAD_LIMITS);
  let list: { full: string; display: string }[];
  if (inDirectory) {
    list = [];
    for (const name of readdirSync(p).sort()) {
      const full = path.join(p, name);
      if (isIgnoredInDirectory(name) || !statSync(full).isFile()) {
        r.skipped.push(name);
        continue;
      }
      list.push({ full, display: name });
    }
    if (list.length === 0) {
      r.c.errors.push({
        file: p,
        row: 0,
        column: '',
        reason: 'contains no .csv, .xlsx or .json files to import',
      });
    }
  } else {
    list = [{ full: p, display: path.basename(p) }];
  }
  for (const { full, display } of list) r.read(display, readFileSync(full));
  return r.result();
}
