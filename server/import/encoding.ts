/**
 * The text encoding of an import file (SPEC §8: UTF-8 with or without BOM, or Shift_JIS as
 * Excel writes it), decided line by line so that nothing is ever decoded into mojibake or
 * U+FFFD:
 *
 * - a BOM says UTF-8: every line must then be valid UTF-8;
 * - without a BOM, a file whose every line is valid UTF-8 is UTF-8; otherwise it is Shift_JIS
 *   (Windows-31J, what Excel's "CSV" saves), and every line must be valid Shift_JIS and must not
 *   be a UTF-8 line (a file pasted together from one UTF-8 and one Shift_JIS export);
 * - UTF-16 (Excel's "Unicode text") is refused as a whole.
 *
 * A line that breaks the rule is reported at its row (the spreadsheet row as the CSV reader
 * counts it: a quoted value may span lines, the header is row 1; JSON files by line), naming the
 * problem, and nothing is decoded. LF (0x0A) and the double quote (0x22) never occur inside a
 * multi-byte character of UTF-8 or Shift_JIS, so lines and quotes can be found in the bytes.
 */
export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'shift_jis';

export type DecodeResult =
  | { ok: true; text: string; encoding: FileEncoding }
  | { ok: false; problems: { row: number; reason: string }[] };

/** At most this many rows are listed; the rest are counted in the last message. */
const MAX_LISTED = 20;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const sjis = new TextDecoder('shift_jis', { fatal: true });

function valid(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

interface Line {
  bytes: Uint8Array;
  /** The row (record) this line belongs to. */
  row: number;
}

/** The lines of the bytes with the CSV record each belongs to (by quote parity). */
function linesOf(bytes: Uint8Array, csv: boolean): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let row = 1;
  let inQuotes = false;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) {
      if (bytes[i] === 0x22) inQuotes = !inQuotes;
      continue;
    }
    lines.push({ bytes: bytes.subarray(start, i), row });
    start = i + 1;
    if (!csv || !inQuotes) row++;
  }
  return lines;
}

function firstBadByte(decoder: TextDecoder, bytes: Uint8Array): string {
  // The shortest prefix that no longer decodes ends at (or just after) the first bad byte.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (valid(decoder, bytes.subarray(0, mid + 1))) lo = mid + 1;
    else hi = mid;
  }
  const at = Math.min(lo, bytes.length - 1);
  return `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} at byte ${at + 1} of the line`;
}

function listed(problems: { row: number; reason: string }[]): { row: number; reason: string }[] {
  if (problems.length <= MAX_LISTED) return problems;
  const rest = problems.length - MAX_LISTED + 1;
  return [
    ...problems.slice(0, MAX_LISTED - 1),
    { row: problems[MAX_LISTED - 1]!.row, reason: `and ${rest} more rows with encoding problems` },
  ];
}

const SAVE_AS =
  'save the whole file once from Excel as "CSV UTF-8" (or "CSV"), not pasted together from files of different encodings';

/** Decodes an import file's bytes (see the file comment). `csv`: count rows as CSV records. */
export function decodeImportBytes(bytes: Uint8Array, csv = true): DecodeResult {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return {
      ok: false,
      problems: [
        {
          row: 0,
          reason:
            'is UTF-16 ("Unicode text"), which is not supported: save it as "CSV UTF-8" or "CSV" from Excel',
        },
      ],
    };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (valid(utf8, body)) {
    return { ok: true, text: utf8.decode(body), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  }
  const lines = linesOf(body, csv);
  const problems: { row: number; reason: string }[] = [];
  if (bom) {
    for (const l of lines) {
      if (valid(utf8, l.bytes)) continue;
      problems.push({
        row: l.row,
        reason: valid(sjis, l.bytes)
          ? `is Shift_JIS, but the file starts with a UTF-8 BOM and its other rows are UTF-8 (mixed encodings): ${SAVE_AS}`
          : `is not valid UTF-8 (byte ${firstBadByte(utf8, l.bytes)}): the file starts with a UTF-8 BOM`,
      });
    }
    return { ok: false, problems: listed(problems) };
  }
  // Some line is not UTF-8: the file must be Shift_JIS throughout.
  for (const l of lines) {
    if (isAscii(l.bytes)) continue;
    if (valid(utf8, l.bytes)) {
      problems.push({
        row: l.row,
        reason: `is UTF-8, but other rows of the file are Shift_JIS (mixed encodings): ${SAVE_AS}`,
      });
    } else if (!valid(sjis, l.bytes)) {
      problems.push({
        row: l.row,
        reason: `is neither valid Shift_JIS nor UTF-8 (byte ${firstBadByte(sjis, l.bytes)}): the file is damaged or in another encoding; ${SAVE_AS}`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems: listed(problems) };
  return { ok: true, text: sjis.decode(body), encoding: 'shift_jis' };
}
