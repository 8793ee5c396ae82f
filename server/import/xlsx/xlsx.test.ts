/**
 * Reading and writing .xlsx within the upload limits: a workbook written by another library
 * (write-excel-file) reads as Excel shows it; formulas come out as their text; Japanese text
 * loses the furigana runs Excel keeps beside it; zip bombs, lying sizes and too many rows are
 * refused; our writer never writes a formula and marks formula-like text as text.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, UploadRefused } from '../limits';
import { readWorkbook, serialToDate } from './read';
import { looksLikeFormula, writeWorkbook } from './write';

const NS = 'http://schemas.openxmlformats.org';

/** A workbook of hand-written parts: one sheet with this sheetData, shared strings, styles. */
function handMade(sheetData: string, sst = '', styles = ''): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships"><sheets><sheet name="Person" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`,
    ),
    ...(sst
      ? {
          'xl/sharedStrings.xml': strToU8(
            `<sst xmlns="${NS}/spreadsheetml/2006/main">${sst}</sst>`,
          ),
        }
      : {}),
    ...(styles
      ? {
          'xl/styles.xml': strToU8(
            `<styleSheet xmlns="${NS}/spreadsheetml/2006/main">${styles}</styleSheet>`,
          ),
        }
      : {}),
  });
}

function refusal(f: () => unknown): UploadRefused {
  try {
    f();
  } catch (e) {
    if (e instanceof UploadRefused) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('reading .xlsx', () => {
  it('reads a workbook written by write-excel-file as Excel shows it', async () => {
    const buf = await writeXlsxFile([
      {
        sheet: 'Person',
        data: [
          [{ value: 'id' }, { value: '氏名' }, { value: 'date' }, { value: 'n' }, { value: 'b' }],
          [
            { value: 'p:1' },
            { value: '髙橋　𠮷子（ＡＢＣ）' },
            { value: new Date('2026-11-02T00:00:00Z'), format: 'yyyy-mm-dd' },
            { value: 0.62 },
            { value: true },
          ],
        ],
      },
      { sheet: 'KNOWS', data: [[{ value: 'from' }, { value: 'to' }]] },
    ] as never).toBuffer();
    const sheets = readWorkbook(new Uint8Array(buf), DEFAULT_UPLOAD_LIMITS);
    expect(sheets.map((s) => s.name)).toEqual(['Person', 'KNOWS']);
    expect(sheets[0]!.rows).toEqual([
      { row: 1, cells: ['id', '氏名', 'date', 'n', 'b'] },
      { row: 2, cells: ['p:1', '髙橋　𠮷子（ＡＢＣ）', '2026-11-02', '0.62', 'true'] },
    ]);
  });

  it('keeps formulas as their text, never their result, and drops furigana runs', () => {
    const book = handMade(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="str"><f>HYPERLINK("http://evil.example","x")</f><v>x</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><f>1+1</f><v>2</v></c><c r="D3" t="inlineStr"><is><t>=cmd|\' /C calc\'!A0</t></is></c></row>',
      '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si><si><r><t>上田</t></r><r><t> 浩二</t></r></si>',
    );
    const [sheet] = readWorkbook(book, DEFAULT_UPLOAD_LIMITS);
    expect(sheet!.rows).toEqual([
      { row: 1, cells: ['山田', '=HYPERLINK("http://evil.example","x")'] },
      { row: 3, cells: ['上田 浩二', '', '=1+1', "=cmd|' /C calc'!A0"] },
    ]);
  });

  it('turns date-formatted numbers into dates (built-in and custom formats)', () => {
    const book = handMade(
      '<row r="1"><c r="A1" s="1"><v>46328</v></c><c r="B1" s="2"><v>46328.5</v></c><c r="C1"><v>46328</v></c></row>',
      '',
      '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs>',
    );
    expect(readWorkbook(book, DEFAULT_UPLOAD_LIMITS)[0]!.rows[0]!.cells).toEqual([
      '2026-11-02',
      '2026-11-02T12:00:00',
      '46328',
    ]);
    expect(serialToDate(1, false)).toBe('1899-12-31');
  });

  it('refuses a zip bomb: a part that unpacks hundreds of times its size', () => {
    const bomb = handMade(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${' '.repeat(30_000_000)}</t></is></c></row>`,
    );
    expect(bomb.length).toBeLessThan(200_000);
    const e = refusal(() => readWorkbook(bomb, DEFAULT_UPLOAD_LIMITS));
    expect(e.message).toMatch(/zip bomb/);
    expect(e.message).toMatch(/sheet1\.xml/);
  });

  it('refuses a workbook whose parts unpack past the absolute limit, whatever its directory says', () => {
    // Incompressible text: the ratio is normal, the size is not.
    let text = '';
    let x = 12345;
    while (text.length < 3_000_000) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      text += String.fromCharCode(97 + (x % 26));
    }
    const book = handMade(`<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row>`);
    // Claim a tiny size in the central directory (a lying zip).
    const view = new DataView(book.buffer, book.byteOffset, book.byteLength);
    for (let i = 0; i < book.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 10, true);
    }
    const limits = { ...DEFAULT_UPLOAD_LIMITS, maxUnpackedBytes: 2_000_000 };
    expect(refusal(() => readWorkbook(book, limits)).message).toMatch(/unpacks to more than 2 MB/);
    expect(readWorkbook(book, DEFAULT_UPLOAD_LIMITS)[0]!.rows[0]!.cells[0]).toHaveLength(3_000_000);
  });

  it('refuses too many rows, too many columns, a DTD and what is not a zip', () => {
    const rows = Array.from(
      { length: 30 },
      (_v, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    const limits = { ...DEFAULT_UPLOAD_LIMITS, maxRows: 20 };
    expect(refusal(() => readWorkbook(handMade(rows), limits)).message).toMatch(
      /more than 20 rows/,
    );
    const wide = handMade('<row r="1"><c r="ZZZ1"><v>1</v></c></row>');
    expect(refusal(() => readWorkbook(wide, DEFAULT_UPLOAD_LIMITS)).message).toMatch(
      /column 18278/,
    );
    const dtd = zipSync({
      'xl/workbook.xml': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>'),
    });
    expect(refusal(() => readWorkbook(dtd, DEFAULT_UPLOAD_LIMITS)).message).toMatch(/DTD/);
    expect(
      refusal(() => readWorkbook(strToU8('id,name\n1,2\n'), DEFAULT_UPLOAD_LIMITS)).message,
    ).toMatch(/not a readable \.xlsx/);
  });
});

describe('writing .xlsx', () => {
  it('writes text as text: never a formula, formula-like text quote-prefixed; reads back as written', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","click")',
      "=cmd|' /C calc'!A0",
      '+1+1',
      '@SUM(A1)',
      '-2',
      '＝1+1',
    ];
    const book = writeWorkbook([
      {
        name: 'Person 人物',
        header: ['ID', '氏名'],
        description: ['説明', ''],
        rows: hostile.map((h, i) => [`p:${i}`, h]),
      },
    ]);
    const parts = unzipSync(book);
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).not.toMatch(/<f[ >]/);
    // Every hostile cell is a shared string with the quote-prefix style (3).
    const cells = [...sheet.matchAll(/<c r="B(\d+)" t="s" s="(\d)"/g)].map((m) => [
      Number(m[1]),
      m[2],
    ]);
    expect(cells.filter(([r]) => (r as number) >= 3)).toEqual(hostile.map((_h, i) => [i + 3, '3']));
    expect(new TextDecoder().decode(parts['xl/styles.xml'])).toMatch(/quotePrefix="1"/);
    const back = readWorkbook(book, DEFAULT_UPLOAD_LIMITS)[0]!;
    expect(back.name).toBe('Person 人物');
    expect(back.rows.slice(2).map((r) => r.cells[1])).toEqual(hostile);
    expect(looksLikeFormula('山田')).toBe(false);
  });
});
