import { describe, expect, it } from 'vitest';
import { foldText } from '../common/fold';
import { kanaOf, NAME_KANA } from './kana';
import { GIVEN_NAMES, SURNAMES } from './names';

describe('seeds/kana', () => {
  it('has a hiragana reading for every generated surname and given name', () => {
    for (const [name] of [...SURNAMES, ...GIVEN_NAMES]) {
      expect(NAME_KANA[name], name).toMatch(/^[\u3041-\u3096ー]+$/);
    }
    expect(kanaOf('上田', '浩二')).toBe('うえだ こうじ');
  });

  it('folds so that 「ウエダ」 and 「うえだ」 match the reading', () => {
    expect(foldText(kanaOf('上田', '浩二'))).toContain(foldText('ウエダ'));
    expect(foldText('ｳｴﾀﾞ　ｺｳｼﾞ')).toBe(foldText('うえだこうじ'));
  });
});
