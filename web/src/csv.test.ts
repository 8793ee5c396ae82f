import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvFileName, toCsv } from './csv';

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv(['氏名', 'スコア'], [['山田 太郎', 0.62]]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe(`${BOM}氏名,スコア\r\n山田 太郎,0.62\r\n`);
    // UTF-8 bytes EF BB BF at the start once encoded
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('  padded ')).toBe('"  padded "');
    expect(csvField('日本語、読点')).toBe('日本語、読点');
  });

  it('writes empty cells for null, undefined and non-finite numbers', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, Number.NaN]])).toBe(`${BOM}a,b,c\r\n,,\r\n`);
    expect(csvField(true)).toBe('true');
    expect(csvField(-3)).toBe('-3');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+81 3')).toBe("'+81 3");
    expect(csvField('@x')).toBe("'@x");
  });

  it('makes file names with the panel, region and date', () => {
    expect(csvFileName('キーパーソン群', '塩尻市', new Date('2026-04-01T09:00:00Z'))).toBe(
      'キーパーソン群_塩尻市_2026-04-01.csv',
    );
    expect(csvFileName('Gaps', null, new Date('2026-04-01T09:00:00Z'))).toBe('Gaps_2026-04-01.csv');
    expect(csvFileName('a/b: c', 'x', new Date('2026-04-01T00:00:00Z'))).toBe(
      'a_b_c_x_2026-04-01.csv',
    );
  });
});
