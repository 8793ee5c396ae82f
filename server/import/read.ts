/**
 * Reading an import: a directory of CSV/JSON files or a single file (docs/import-format.md).
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
import { WRITER_FIELDS, convertCell, nodeFields, relFields, type FieldMap } from './fields';

import { decodeImportBytes, type FileEncoding } from './encoding';

export type { FileEncoding };

export interface ReadFileInfo {
  file: string;
  encoding: FileEncoding;
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
  const isNode = isNodeLabel(target);
  const fields: FieldMap = isNode ? nodeFields(target) : relFields(target as RelType);
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
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) {
    c.errors.push({
      file: display,
      row: 1,
      column: '',
      reason: 'has no header row (the first row must name the columns)',
    });
    return 0;
  }
  const columns: (string | null)[] = [];
  const seen = new Set<string>();
  const expected = Object.keys(fields).join(', ');
  header.forEach((raw) => {
    const name = raw.trim();
    if (name === '') {
      columns.push(null);
      return;
    }
    if (seen.has(name)) {
      c.errors.push({
        file: display,
        row: 1,
        column: name,
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
        file: display,
        row: 1,
        column: name,
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
        file: display,
        row: 1,
        column: name,
        reason: `required column is missing from the header`,
      });
    }
  }
  let n = 0;
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    if (rec.every((cell) => cell.trim() === '')) continue; // empty line or ",,,," from Excel
    const rowNo = i + 1;
    if (rec.length > header.length && rec.slice(header.length).some((cell) => cell.trim() !== '')) {
      c.errors.push({
        file: display,
        row: rowNo,
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
      missing.size > 0
        ? { file: display, row: rowNo, missingColumns: missing }
        : { file: display, row: rowNo };
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
    lower === 'truth.json' ||
    /^readme/.test(lower) ||
    !/\.(csv|json)$/.test(lower)
  );
}

/** Reads a directory (its *.csv and *.json, not recursive) or a single CSV/JSON file. */
export function readPath(p: string): ReadResult {
  const c = new Collector();
  const files: ReadFileInfo[] = [];
  const skipped: string[] = [];
  const st = statSync(p);
  let list: { full: string; display: string }[];
  const inDirectory = st.isDirectory();
  if (inDirectory) {
    list = [];
    for (const name of readdirSync(p).sort()) {
      const full = path.join(p, name);
      if (isIgnoredInDirectory(name) || !statSync(full).isFile()) {
        skipped.push(name);
        continue;
      }
      list.push({ full, display: name });
    }
    if (list.length === 0) {
      c.errors.push({
        file: p,
        row: 0,
        column: '',
        reason: 'contains no .csv or .json files to import',
      });
    }
  } else {
    list = [{ full: p, display: path.basename(p) }];
  }
  for (const { full, display } of list) {
    const decoded = decodeImportBytes(readFileSync(full), !/\.json$/i.test(display));
    if (!decoded.ok) {
      for (const p of decoded.problems) {
        c.errors.push({ file: display, row: p.row, column: '', reason: p.reason });
      }
      continue;
    }
    if (/\.json$/i.test(display)) {
      const n = readJson(display, decoded.text, c, inDirectory);
      if (n === 'skip') skipped.push(display);
      else files.push({ file: display, encoding: decoded.encoding, target: 'dataset', rows: n });
      continue;
    }
    if (!/\.csv$/i.test(display)) {
      c.errors.push({ file: display, row: 0, column: '', reason: 'is neither .csv nor .json' });
      continue;
    }
    const target = targetOfFileName(display);
    if (typeof target === 'object') {
      c.errors.push({ file: display, row: 0, column: '', reason: target.error });
      continue;
    }
    const n = readCsv(display, decoded.text, target, c);
    files.push({ file: display, encoding: decoded.encoding, target, rows: n });
  }
  return { dataset: c.dataset, sources: c.sources, errors: c.errors, files, skipped };
}
