/**
 * The sheets of an .xlsx workbook as rows of text cells, the way the importer reads a CSV file:
 * zip parts unpacked within the upload limits (zip.ts), XML read by saxes (strict XML; no DTD,
 * so no entity expansion). What a cell holds becomes text as a person sees it in Excel:
 * - strings (shared or inline; the furigana runs <rPh> Excel adds to Japanese text are not
 *   part of the value), numbers as written (`20`, `0.62`), booleans `true`/`false`;
 * - a number formatted as a date becomes `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM:SS` with a time);
 * - a formula becomes its text, `=` first (`=HYPERLINK("…")`): stored as text, never evaluated.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UploadRefused, type UploadLimits } from '../limits';
import { ZipReader } from './zip';

export interface SheetRow {
  /** The row number Excel shows (1-based). */
  row: number;
  cells: string[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

const utf8 = new TextDecoder('utf-8');

type Handlers = {
  open?: (tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** Element names without their namespace prefix (`x:row` as Excel's "Strict" files write). */
function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function parseXml(part: string, bytes: Uint8Array, h: Handlers): void {
  const parser = new SaxesParser();
  parser.on('error', (err) => {
    throw new UploadRefused(
      `is not a readable .xlsx workbook (${part}: ${err.message}) / ブックを読み込めません`,
    );
  });
  parser.on('doctype', () => {
    throw new UploadRefused(
      `is not a workbook as Excel writes it (${part} declares a DTD) / ブックを読み込めません`,
    );
  });
  if (h.open) parser.on('opentag', h.open);
  if (h.close) parser.on('closetag', (tag) => h.close!(tag.name));
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  parser.write(utf8.decode(bytes)).close();
}

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [k, v] of Object.entries(tag.attributes)) if (local(k) === name) return v;
  return undefined;
}

/** Where a relationship target points, from the folder of the part that names it. */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(zip: ZipReader, part: string): Map<string, string> {
  const dir = part.split('/').slice(0, -1).join('/');
  const relsPart = `${dir ? `${dir}/` : ''}_rels/${part.split('/').pop()}.rels`;
  const out = new Map<string, string>();
  const bytes = zip.read(relsPart);
  if (!bytes) return out;
  parseXml(relsPart, bytes, {
    open: (t) => {
      if (local(t.name) !== 'Relationship') return;
      const id = attr(t, 'Id');
      const target = attr(t, 'Target');
      const type = attr(t, 'Type') ?? '';
      if (id && target && attr(t, 'TargetMode') !== 'External') out.set(id, resolve(part, target));
      if (type.endsWith('/officeDocument') && target)
        out.set('officeDocument', resolve(part, target));
    },
  });
  return out;
}

function sharedStrings(zip: ZipReader, part: string | undefined): string[] {
  const bytes = part ? zip.read(part) : null;
  if (!bytes) return [];
  const out: string[] = [];
  let cur = '';
  let inT = false;
  let phonetic = 0;
  parseXml(part!, bytes, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'si') cur = '';
      else if (n === 'rPh') phonetic++;
      else if (n === 't' && phonetic === 0) inT = true;
    },
    close: (name) => {
      const n = local(name);
      if (n === 'si') out.push(cur);
      else if (n === 'rPh') phonetic--;
      else if (n === 't') inT = false;
    },
    text: (s) => {
      if (inT) cur += s;
    },
  });
  return out;
}

/** Built-in number formats that show dates (ECMA-376 §18.8.30). */
const DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function isDateCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/.test(bare);
}

/** Which cell styles (the `s` index) show a date. */
function dateStyles(zip: ZipReader, part: string | undefined): Set<number> {
  const out = new Set<number>();
  const bytes = part ? zip.read(part) : null;
  if (!bytes) return out;
  const custom = new Map<number, string>();
  let inXfs = false;
  let index = 0;
  parseXml(part!, bytes, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'numFmt') custom.set(Number(attr(t, 'numFmtId')), attr(t, 'formatCode') ?? '');
      else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) {
        const id = Number(attr(t, 'numFmtId') ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateCode(code) : DATE_FORMATS.has(id)) out.add(index);
        index++;
      }
    },
    close: (name) => {
      if (local(name) === 'cellXfs') inXfs = false;
    },
  });
  return out;
}

/** A date serial as Excel shows it: days since 1899-12-30 (1900 system) or 1904-01-01. */
export function serialToDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial + (date1904 ? 24_107 : 0)) * 86_400_000) + Date.UTC(1899, 11, 30);
  const d = new Date(ms);
  const iso = d.toISOString();
  return d.getUTCHours() || d.getUTCMinutes() || d.getUTCSeconds()
    ? iso.slice(0, 19)
    : iso.slice(0, 10);
}

/** Column index (0-based) of a cell reference such as `AB12`. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

interface SheetContext {
  strings: string[];
  dates: Set<number>;
  date1904: boolean;
  limits: UploadLimits;
  /** Rows read so far over the whole upload (limit maxRows). */
  rowBudget: { used: number };
}

function readSheet(zip: ZipReader, name: string, part: string, ctx: SheetContext): Sheet {
  const bytes = zip.read(part);
  if (!bytes)
    throw new UploadRefused(`has no part ${part} for sheet ${name} / シートが見つかりません`);
  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let nextRow = 1;
  let col = 0;
  let type = 'n';
  let style = 0;
  let value = '';
  let formula = '';
  let inline = '';
  let hasFormula = false;
  let into: 'v' | 'f' | 'is' | null = null;
  let phonetic = 0;
  parseXml(`${part} (${name})`, bytes, {
    open: (t) => {
      switch (local(t.name)) {
        case 'row': {
          const r = Number(attr(t, 'r') ?? nextRow);
          row = { row: r, cells: [] };
          nextRow = r + 1;
          col = 0;
          break;
        }
        case 'c': {
          const ref = attr(t, 'r');
          if (ref) col = columnOf(ref);
          type = attr(t, 't') ?? 'n';
          style = Number(attr(t, 's') ?? 0);
          value = formula = inline = '';
          hasFormula = false;
          break;
        }
        case 'v':
          into = 'v';
          break;
        case 'f':
          into = 'f';
          hasFormula = true;
          break;
        case 'is':
          into = 'is';
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close: (tag) => {
      switch (local(tag)) {
        case 'v':
        case 'f':
          into = null;
          break;
        case 'is':
          into = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          if (!row) break;
          if (col >= ctx.limits.maxColumns) {
            throw new UploadRefused(
              `sheet ${name} has a value in column ${col + 1}, past the ${ctx.limits.maxColumns} columns an import reads / 列が多すぎます（シート ${name}）`,
            );
          }
          const text = cellText(type, style, value, formula, inline, hasFormula, ctx);
          if (text !== '') row.cells[col] = text;
          col++;
          break;
        }
        case 'row': {
          if (row && row.cells.some((c) => c !== undefined && c.trim() !== '')) {
            for (let i = 0; i < row.cells.length; i++) row.cells[i] ??= '';
            if (++ctx.rowBudget.used > ctx.limits.maxRows) {
              throw new UploadRefused(
                `has more than ${ctx.limits.maxRows.toLocaleString('en')} rows; import it in parts / 行数が上限を超えています（分けて取り込んでください）`,
                413,
              );
            }
            rows.push(row);
          }
          row = null;
          break;
        }
      }
    },
    text: (s) => {
      if (into === 'v') value += s;
      else if (into === 'f') formula += s;
      else if (into === 'is' && phonetic === 0) inline += s;
    },
  });
  return { name, rows };
}

function cellText(
  type: string,
  style: number,
  value: string,
  formula: string,
  inline: string,
  hasFormula: boolean,
  ctx: SheetContext,
): string {
  // A formula is kept as the text a person typed: never evaluated, never its cached result.
  if (hasFormula && formula !== '') return `=${formula}`;
  switch (type) {
    case 's': {
      const s = ctx.strings[Number(value)];
      return s ?? '';
    }
    case 'inlineStr':
      return inline;
    case 'str':
    case 'e':
      return value;
    case 'b':
      return value === '1' ? 'true' : value === '0' ? 'false' : value;
    default: {
      if (value === '') return '';
      const n = Number(value);
      if (!Number.isFinite(n)) return value;
      if (ctx.dates.has(style)) return serialToDate(n, ctx.date1904);
      return String(n);
    }
  }
}

/** Every worksheet of a workbook (chart sheets and the like are not read), in the order of its tabs. */
export function readWorkbook(
  bytes: Uint8Array,
  limits: UploadLimits,
  rowBudget = { used: 0 },
): Sheet[] {
  const zip = new ZipReader(bytes, limits);
  const root = relsOf(zip, '');
  const wbPart = root.get('officeDocument') ?? 'xl/workbook.xml';
  const wbBytes = zip.read(wbPart);
  if (!wbBytes) {
    throw new UploadRefused(
      'is not an .xlsx workbook (it has no workbook part); an old .xls must be saved as .xlsx first / .xlsx 形式で保存してください',
    );
  }
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  parseXml(wbPart, wbBytes, {
    open: (t) => {
      const n = local(t.name);
      if (n === 'sheet') {
        const rid = attr(t, 'id');
        const name = attr(t, 'name');
        if (rid && name) sheets.push({ name, rid });
      } else if (n === 'workbookPr') {
        const v = attr(t, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
  });
  const rels = relsOf(zip, wbPart);
  const dir = wbPart.split('/').slice(0, -1).join('/');
  const find = (suffix: string) =>
    [...zip.entries.keys()].find((k) => k.startsWith(dir) && k.endsWith(suffix));
  const ctx: SheetContext = {
    strings: sharedStrings(zip, find('sharedStrings.xml')),
    dates: dateStyles(zip, find('styles.xml')),
    date1904,
    limits,
    rowBudget,
  };
  const out: Sheet[] = [];
  for (const s of sheets) {
    const part = rels.get(s.rid);
    if (!part || !/worksheets\//.test(part)) continue;
    out.push(readSheet(zip, s.name, part, ctx));
  }
  return out;
}
