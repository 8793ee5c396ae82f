/**
 * A minimal .xlsx writer for what the server hands out (import templates, a region's export)
 * and the web app downloads (the introductions log; pure, so it runs in the browser too):
 * text, numbers and true/false in cells, a bold header row, an optional wrapped description
 * row, column widths and the header frozen. Every text is written as a string cell (shared
 * string) — never a formula — and text that a spreadsheet would take for a formula when edited
 * (starting with = + - @) gets the quote-prefix style, Excel's own mark for "this is text"
 * (the apostrophe a person types), so `=HYPERLINK(…)` or `=cmd|…` from the data is shown, not
 * run. Zipped with fflate.
 */
import { zipSync, strToU8 } from 'fflate';

export type CellValue = string | number | boolean | null | undefined;

export interface SheetToWrite {
  /** At most 31 characters, none of []:*?/\ (Excel's rule). */
  name: string;
  header: string[];
  /** A row of explanations under the header (templates). */
  description?: string[];
  rows: CellValue[][];
  /** Column widths in characters (default from the header). */
  widths?: number[];
}

const STYLE_HEADER = 1;
const STYLE_DESCRIPTION = 2;
const STYLE_TEXT_QUOTED = 3;

function escapeXml(s: string): string {
  return s
    .replace(/[&<>"]/g, (c) =>
      c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
    )
    .replace(
      // Characters XML 1.0 cannot hold, in the escape Excel itself writes.
      // eslint-disable-next-line no-control-regex -- these control characters are what it finds
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`,
    );
}

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Whether a spreadsheet would read this text as a formula when it is typed or edited. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s) || /^[\uff1d\uff0b\uff0d\uff20]/.test(s);
}

class SharedStrings {
  private index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function cellXml(ref: string, v: CellValue, style: number, strings: SharedStrings): string {
  if (v === null || v === undefined || v === '') return style ? `<c r="${ref}" s="${style}"/>` : '';
  if (typeof v === 'number' && Number.isFinite(v))
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  if (typeof v === 'boolean')
    return `<c r="${ref}" t="b"${style ? ` s="${style}"` : ''}><v>${v ? 1 : 0}</v></c>`;
  const s = String(v);
  const st = style || (looksLikeFormula(s) ? STYLE_TEXT_QUOTED : 0);
  return `<c r="${ref}" t="s"${st ? ` s="${st}"` : ''}><v>${strings.id(s)}</v></c>`;
}

function sheetXml(sheet: SheetToWrite, strings: SharedStrings): string {
  const widths = sheet.header.map((h, i) =>
    Math.min(60, Math.max(8, sheet.widths?.[i] ?? 0, [...h].length * 2 + 2)),
  );
  const rows: string[] = [];
  const emit = (cells: CellValue[], style: number) => {
    const r = rows.length + 1;
    const xml = cells.map((v, i) => cellXml(`${columnName(i)}${r}`, v, style, strings)).join('');
    rows.push(`<row r="${r}">${xml}</row>`);
  };
  emit(sheet.header, STYLE_HEADER);
  if (sheet.description) emit(sheet.description, STYLE_DESCRIPTION);
  for (const row of sheet.rows) emit(row, 0);
  const frozen = sheet.description ? 2 : 1;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    '</worksheet>'
  );
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><i/><sz val="9"/><color rgb="FF555555"/><name val="Calibri"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1" applyNumberFormat="1"><alignment wrapText="1" vertical="top"/></xf>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The bytes of a workbook with these sheets, in this order. */
export function writeWorkbook(sheets: SheetToWrite[]): Uint8Array {
  const strings = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, strings));
  });
  const ns = 'http://schemas.openxmlformats.org';
  files['[Content_Types].xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Types xmlns="${ns}/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      sheets
        .map(
          (_s, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  files['_rels/.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="${ns}/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
  );
  files['xl/workbook.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships">` +
      '<sheets>' +
      sheets
        .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('') +
      '</sheets></workbook>',
  );
  const n = sheets.length;
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="${ns}/package/2006/relationships">` +
      sheets
        .map(
          (_s, i) =>
            `<Relationship Id="rId${i + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${n + 1}" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  );
  files['xl/styles.xml'] = strToU8(STYLES);
  files['xl/sharedStrings.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="${ns}/spreadsheetml/2006/main" count="${strings.count}" uniqueCount="${strings.list.length}">` +
      strings.list.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') +
      '</sst>',
  );
  return zipSync(files, { level: 6 });
}
