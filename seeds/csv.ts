/**
 * Writes a dataset in the CSV format of docs/import-format.md, byte for byte the same for the
 * same dataset: UTF-8 without BOM, `\n` line ends, header = the schema's field order, rows
 * sorted by id (nodes) or by from, to (relationships), `true`/`false`, lists joined with `;`,
 * an empty cell for "not set", RFC 4180 quoting where needed. Plus truth.json when given.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NODE_LABELS,
  NODE_SCHEMAS,
  REL_TYPES,
  RELATIONSHIPS,
  type NodeLabel,
  type RelType,
} from '../common/model';
import type { Dataset } from './dataset';
import { cmp, type Truth } from './truth';

export function nodeColumns(label: NodeLabel): string[] {
  return Object.keys(NODE_SCHEMAS[label].shape);
}

export function relColumns(type: RelType): string[] {
  return ['from', 'to', ...Object.keys(RELATIONSHIPS[type].props.shape)];
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV document: header plus rows, in the given column order. */
export function toCsv(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\n')}\n`;
}

export function nodeCsv(label: NodeLabel, rows: readonly Record<string, unknown>[]): string {
  const sorted = [...rows].sort((a, b) => cmp(String(a.id), String(b.id)));
  return toCsv(nodeColumns(label), sorted);
}

export function relCsv(type: RelType, rows: readonly Record<string, unknown>[]): string {
  const sorted = [...rows].sort(
    (a, b) => cmp(String(a.from), String(b.from)) || cmp(String(a.to), String(b.to)),
  );
  return toCsv(relColumns(type), sorted);
}

/** truth.json with a fixed key order, pretty-printed. */
export function truthJson(truth: Truth): string {
  const ordered = {
    scale: truth.scale,
    seed: truth.seed,
    asOf: truth.asOf,
    gaps: truth.gaps.map((g) =>
      g.detail === undefined
        ? { kind: g.kind, nodeIds: g.nodeIds }
        : { kind: g.kind, nodeIds: g.nodeIds, detail: g.detail },
    ),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Writes one `<Label>.csv` / `<TYPE>.csv` per label and type that has rows (removing a stale
 * file of an empty one, so a directory never mixes two runs) and truth.json when given.
 * Returns the file names written.
 */
export function writeDataset(dataset: Dataset, dir: string, truth?: Truth): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, text: string | undefined) => {
    const path = join(dir, name);
    if (text === undefined) {
      rmSync(path, { force: true });
      return;
    }
    writeFileSync(path, text, 'utf8');
    written.push(name);
  };
  for (const label of NODE_LABELS) {
    const rows = dataset.nodes[label] as Record<string, unknown>[];
    write(`${label}.csv`, rows.length > 0 ? nodeCsv(label, rows) : undefined);
  }
  for (const type of REL_TYPES) {
    const rows = dataset.relationships[type] as Record<string, unknown>[];
    write(`${type}.csv`, rows.length > 0 ? relCsv(type, rows) : undefined);
  }
  write('truth.json', truth ? truthJson(truth) : undefined);
  return written;
}
