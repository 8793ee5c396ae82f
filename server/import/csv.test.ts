import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvFast } from './csv';

const reference = (text: string): string[][] | 'error' => {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch {
    return 'error';
  }
};

describe('CSV parsing', () => {
  it('reads exactly what csv-parse reads, or leaves the text to csv-parse', () => {
    const pieces = ['a', 'b', ',', '"', '""', '\n', '\r\n', '\r', ' ', 'あ', '\uFEFF'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    let fast = 0;
    for (let t = 0; t < 50_000; t++) {
      let text = '';
      const len = Math.floor(rnd() * 14);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      const got = parseCsvFast(text);
      if (got === null) continue;
      fast++;
      expect(got, JSON.stringify(text)).toEqual(reference(text));
    }
    expect(fast).toBeGreaterThan(5_000);
  });

  it('reads quoted fields, empty lines and CRLF; malformed text fails as in csv-parse', () => {
    const text = '\uFEFFid,name\r\n"p:1","a ""b"", c"\r\n\r\np:2,"x\r\ny"\r\n';
    expect(parseCsvFast(text)).toEqual([
      ['id', 'name'],
      ['p:1', 'a "b", c'],
      [''],
      ['p:2', 'x\r\ny'],
    ]);
    expect(parseCsv(text)).toEqual(reference(text));
    for (const bad of ['a,b\n"x,y\n', 'a,b"c\n', '"a"b,c\n']) {
      expect(parseCsvFast(bad)).toBeNull();
      expect(() => parseCsv(bad)).toThrow();
    }
  });
});
