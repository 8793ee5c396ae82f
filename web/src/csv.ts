/**
 * CSV export of the panels: UTF-8 with a BOM (so Excel opens Japanese text correctly), CRLF
 * line ends, every field quoted when it holds a comma, quote, line break or leading/trailing
 * space. Cells starting with = + - @ are prefixed with ' so a spreadsheet does not run them.
 */

export type Cell = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !(typeof value === 'number')) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text, with the BOM, of a header row and data rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

/** A file name safe on every OS: "キーパーソン群_塩尻市_2026-04-01.csv". */
export function csvFileName(title: string, region: string | null, date = new Date()): string {
  const day = date.toISOString().slice(0, 10);
  const parts = [title, region, day]
    .filter(Boolean)
    .map((s) => String(s).replace(/[\\/:*?"<>|\s]+/g, '_'));
  return `${parts.join('_')}.csv`;
}
