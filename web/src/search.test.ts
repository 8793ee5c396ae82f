import { describe, expect, it } from 'vitest';
import { normaliseName, searchByName } from './search';

const items = [
  { id: '1', name: '塩尻商工会議所' },
  { id: '2', name: 'ＮＰＯ法人　ホットライン信州' },
  { id: '3', name: '山田 花子' },
  { id: '4', name: 'やまだ工業' },
  { id: '5', name: '信州大学' },
  { id: '6', name: '上田 浩二', nameKana: 'うえだ こうじ' },
];

describe('search by name', () => {
  it('normalises full/half width, case, kana and spaces', () => {
    expect(normaliseName('ＮＰＯ法人')).toBe('npo法人');
    expect(normaliseName('ｼｵｼﾞﾘ')).toBe('しおじり');
    expect(normaliseName('シオジリ')).toBe('しおじり');
    expect(normaliseName('山田　花子')).toBe('山田花子');
  });

  it('matches substrings as typed, kanji or kana', () => {
    expect(searchByName(items, '商工').map((i) => i.id)).toEqual(['1']);
    expect(searchByName(items, 'npo').map((i) => i.id)).toEqual(['2']);
    expect(searchByName(items, 'ﾎｯﾄﾗｲﾝ').map((i) => i.id)).toEqual(['2']);
    expect(searchByName(items, '山田花子').map((i) => i.id)).toEqual(['3']);
    expect(searchByName(items, 'ヤマダ').map((i) => i.id)).toEqual(['4']);
  });

  it('finds a person by フリガナ in hiragana, katakana, half width or with spaces', () => {
    for (const q of ['うえだ', 'ウエダ', 'ｳｴﾀﾞ', '上田', 'うえだ　こうじ', 'ウエダコウジ'])
      expect(
        searchByName(items, q).map((i) => i.id),
        q,
      ).toEqual(['6']);
  });

  it('puts prefix matches first and respects the limit', () => {
    expect(searchByName(items, '信州').map((i) => i.id)).toEqual(['5', '2']);
    expect(searchByName(items, '信州', 1)).toHaveLength(1);
    expect(searchByName(items, '   ')).toEqual([]);
  });
});
