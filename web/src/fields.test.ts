import { describe, expect, it } from 'vitest';
import { FIELDS, validateForm } from './fields';
import { setLang } from './i18n';

describe('edit form validation (the domain schemas, messages in Japanese)', () => {
  setLang('ja');
  it('accepts a valid person and types the values', () => {
    const r = validateForm(
      'Person',
      {
        name: ' 山田 花子 ',
        mind: '４',
        email: 'hanako@example.jp',
        consentShareContact: true,
        phone: '',
      },
      false,
    );
    expect(r.errors).toEqual({});
    expect(r.values).toEqual({
      name: '山田 花子',
      mind: 4,
      email: 'hanako@example.jp',
      consentShareContact: true,
      phone: null,
    });
  });

  it('explains each problem in plain Japanese', () => {
    const r = validateForm(
      'Person',
      { name: '  ', mind: '7', skill: '2.5', network: 'たくさん', email: 'nope', phone: 'abc' },
      false,
    );
    expect(r.errors.name).toBe('入力してください。');
    expect(r.errors.mind).toBe('5以下の値を入力してください。');
    expect(r.errors.skill).toBe('整数を入力してください。');
    expect(r.errors.network).toBe('数値を入力してください。');
    expect(r.errors.email).toMatch(/メールアドレス/);
    expect(r.errors.phone).toMatch(/電話番号/);
  });

  it('checks SME numbers and choices', () => {
    const r = validateForm(
      'SME',
      { name: 'A社', industry: '製造業', employees: '-1', stage: 'bogus' },
      false,
    );
    expect(r.errors.employees).toBe('0以上の値を入力してください。');
    expect(r.errors.stage).toBe('一覧から選んでください。');
  });

  it('skips talent fields for non-talent persons', () => {
    const r = validateForm('Person', { name: 'x', talentKind: 'bogus' }, false);
    expect(r.errors).toEqual({});
    expect(r.values).not.toHaveProperty('talentKind');
    expect(validateForm('Person', { name: 'x', talentKind: 'bogus' }, true).errors.talentKind).toBe(
      '一覧から選んでください。',
    );
  });

  it('has a field list for every editable kind', () => {
    for (const k of ['Person', 'Organization', 'SME', 'Event', 'RegionalHRDept', 'Region']) {
      expect(FIELDS[k]!.some((f) => f.name === 'name')).toBe(true);
    }
  });
});
