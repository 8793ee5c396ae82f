import { describe, expect, it } from 'vitest';
import { FIELD_ISSUE_CODES } from '../../common/issues';
import { FIELDS, fieldChanges, serverFieldMessages, validateForm } from './fields';
import { MESSAGES, setLang } from './i18n';

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

  it("translates the server's field problems, in Japanese and in English", () => {
    const issues = [
      { field: 'mind', code: 'max' as const, max: 5, message: 'must be at most 5 (got 9)' },
      { field: 'stage', code: 'choice' as const, message: 'must be one of …' },
      { field: 'talentKind', code: 'required' as const, message: 'is required when …' },
    ];
    expect(serverFieldMessages(issues)).toEqual({
      mind: '5以下の値を入力してください。',
      stage: '一覧から選んでください。',
      talentKind: '入力してください。',
    });
    setLang('en');
    try {
      expect(serverFieldMessages(issues).mind).toBe('Must be at most 5.');
    } finally {
      setLang('ja');
    }
    for (const code of FIELD_ISSUE_CODES) {
      expect(MESSAGES.ja[`val.${code}`], code).toBeTruthy();
      expect(MESSAGES.en[`val.${code}`], code).toBeTruthy();
    }
  });

  it('sends only the changed fields to updateNode, as text (null = unset)', () => {
    expect(
      fieldChanges(
        {
          name: '山田 花子',
          title: '係長',
          mind: 4,
          phone: null,
          email: null,
          consentShareContact: true,
          functions: ['hr_expert', 'change_agent'],
        },
        {
          name: '山田 花子',
          title: '課長',
          mind: 3,
          phone: '0263-00-0000',
          email: null,
          consentShareContact: false,
          functions: [],
        },
      ),
    ).toEqual([
      { name: 'title', value: '係長' },
      { name: 'mind', value: '4' },
      { name: 'phone', value: null },
      { name: 'consentShareContact', value: 'true' },
      { name: 'functions', value: 'hr_expert;change_agent' },
    ]);
  });
});
