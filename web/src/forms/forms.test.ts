import { describe, expect, it } from 'vitest';
import { FIELD_ISSUE_CODES } from '../../../common/issues';
import { MESSAGES, setLang } from '../i18n';
import { NODE_FORMS, formFields, formSchema, visibleFields, type FormKind } from './fields';
import { issueText, knownIssueCode } from './messages';
import {
  checkForm,
  formChanges,
  parseValue,
  rawFromRecord,
  serverIssues,
  type RawValues,
} from './values';

const KINDS = Object.keys(NODE_FORMS) as FormKind[];
const person = (talent = false) => visibleFields('Person', { isTalent: talent }, null);
const texts = (issues: Record<string, Parameters<typeof issueText>[0]>) =>
  Object.fromEntries(Object.entries(issues).map(([k, v]) => [k, issueText(v)]));

/** What a form sends when the person types `typed` over the record and saves. */
function save(kind: FormKind, record: Record<string, unknown>, typed: RawValues) {
  const defs = formFields(kind);
  const opened = rawFromRecord(defs, record);
  const raw = { ...opened, ...typed };
  const checked = checkForm(defs, raw, { schema: formSchema(kind), record });
  return { ...checked, changes: formChanges(defs, opened, raw, checked.values, record) };
}

describe('form fields from the domain model', () => {
  it('takes each input type, its choices and whether it is required from the schema', () => {
    const byName = Object.fromEntries(formFields('Person').map((d) => [d.name, d]));
    expect(byName.name).toMatchObject({ type: 'text', required: true });
    expect(byName.title).toMatchObject({ type: 'text', required: false });
    expect(byName.origin).toMatchObject({ type: 'enum', group: 'personOrigin', required: true });
    expect(byName.mind).toMatchObject({ type: 'int', required: false, hint: true });
    expect(byName.hoursPerMonth).toMatchObject({ type: 'number' });
    expect(byName.email).toMatchObject({ type: 'email' });
    expect(byName.consentShareContact).toMatchObject({ type: 'bool', required: false });
    expect(formFields('Event').find((d) => d.name === 'date')).toMatchObject({ type: 'date' });
    expect(formFields('Organization').find((d) => d.name === 'functions')).toMatchObject({
      type: 'enumList',
      group: 'orgFunction',
      values: ['change_agent', 'strategic_partner', 'hr_expert', 'employee_advocate'],
    });
  });

  it('has a form with a name for every editable kind, every field labelled in both languages', () => {
    for (const kind of KINDS) {
      const defs = formFields(kind);
      expect(defs.some((d) => d.name === 'name' && d.required)).toBe(true);
      for (const d of defs) {
        expect(MESSAGES.ja[`field.${d.name}`], d.name).toBeTruthy();
        expect(MESSAGES.en[`field.${d.name}`], d.name).toBeTruthy();
      }
    }
  });

  it('shows the talent fields only for a talent, and only the fields the account can read', () => {
    expect(person(false).map((d) => d.name)).not.toContain('talentKind');
    expect(person(true).map((d) => d.name)).toContain('talentKind');
    const readable = new Set(['name', 'title', 'origin']);
    expect(visibleFields('Person', { isTalent: true }, readable).map((d) => d.name)).toEqual([
      'name',
      'title',
      'origin',
    ]);
  });
});

describe('form values: stored as typed, checked with the schemas, only changes sent', () => {
  setLang('ja');
  const record = {
    id: 'person:test-1',
    name: '山田 花子',
    title: '課長',
    origin: 'local',
    mind: 3,
    phone: '0263-00-0000',
    email: null,
    consentShareContact: false,
    // consentPublicProfile: not stored at all
  };

  it('saving a form as it opened sends nothing', () => {
    expect(save('Person', record, {}).changes).toEqual([]);
    expect(
      save('Event', { name: 'セミナー（長岡市）第1回', kind: 'seminar', date: '2026-04-01' }, {})
        .changes,
    ).toEqual([]);
  });

  it('sends full-width text, ㈱, 髙, 𠮷 and an emoji byte for byte (trimmed only)', () => {
    const typed = '（）ＡＢＣ１２３㈱髙𠮷😀 第１回';
    const r = save('Person', record, { title: `  ${typed}\u3000` });
    // U+3000 (ideographic space) at the end is whitespace: trimmed, like an ASCII space.
    expect(r.changes).toEqual([{ name: 'title', value: typed }]);
    expect(Buffer.from(r.changes[0]!.value!, 'utf8')).toEqual(Buffer.from(typed, 'utf8'));
    expect(
      parseValue(
        person().find((d) => d.name === 'name')!,
        '（テスト）',
      ),
    ).toBe('（テスト）');
  });

  it('reads a full-width number as a number (numbers are not stored text)', () => {
    expect(save('Person', record, { mind: '４' }).changes).toEqual([{ name: 'mind', value: '4' }]);
  });

  it('sends only what was changed, as text (null = unset; lists joined with ;)', () => {
    expect(
      save('Person', record, { title: '係長', phone: '', consentShareContact: true }).changes,
    ).toEqual([
      { name: 'title', value: '係長' },
      { name: 'phone', value: null },
      { name: 'consentShareContact', value: 'true' },
    ]);
    expect(
      save(
        'Organization',
        { name: 'A', kind: 'npo', functions: [] },
        {
          functions: ['hr_expert', 'change_agent'],
        },
      ).changes,
    ).toEqual([{ name: 'functions', value: 'hr_expert;change_agent' }]);
    // typed and typed back: nothing to send
    expect(save('Person', record, { title: ' 課長 ' }).changes).toEqual([]);
  });

  it('explains each problem in plain Japanese', () => {
    const r = save('Person', record, {
      name: '  ',
      mind: '7',
      skill: '2.5',
      network: 'たくさん',
      email: 'nope',
      phone: 'abc',
    });
    const msg = texts(r.issues);
    expect(msg.name).toBe('入力してください。');
    expect(msg.mind).toBe('5以下の値を入力してください。');
    expect(msg.skill).toBe('整数を入力してください。');
    expect(msg.network).toBe('数値を入力してください。');
    expect(msg.email).toMatch(/メールアドレス/);
    expect(msg.phone).toMatch(/電話番号/);
    expect(r.changes).toEqual([]);
  });

  it('checks SME numbers and choices', () => {
    const sme = { name: 'A社', industry: '製造業', employees: 5, stage: 'engaged' };
    const r = save('SME', sme, { employees: '-1', stage: 'bogus' });
    expect(texts(r.issues)).toMatchObject({
      employees: '0以上の値を入力してください。',
      stage: '一覧から選んでください。',
    });
  });

  it("checks the model's rules across fields (a talent needs a talentKind)", () => {
    const talent = { ...record, isTalent: true, talentKind: 'side_job' };
    const defs = person(true);
    const opened = rawFromRecord(defs, talent);
    const r = checkForm(
      defs,
      { ...opened, talentKind: '' },
      {
        schema: formSchema('Person'),
        record: talent,
      },
    );
    expect(texts(r.issues)).toEqual({ talentKind: '入力してください。' });
  });

  it("translates the server's field problems, in Japanese and in English", () => {
    const reported = [
      { field: 'mind', code: 'max' as const, max: 5, message: 'must be at most 5 (got 9)' },
      { field: 'stage', code: 'choice' as const, message: 'must be one of …' },
      { field: 'talentKind', code: 'required' as const, message: 'is required when …' },
      { field: 'x', code: 'fancy' as never, message: 'a code this app does not know' },
    ];
    const issues = serverIssues(reported, knownIssueCode);
    expect(texts(issues)).toEqual({
      mind: '5以下の値を入力してください。',
      stage: '一覧から選んでください。',
      talentKind: '入力してください。',
      x: 'x: a code this app does not know',
    });
    setLang('en');
    try {
      expect(issueText(issues.mind!)).toBe('Must be at most 5.');
    } finally {
      setLang('ja');
    }
    for (const code of FIELD_ISSUE_CODES) {
      expect(MESSAGES.ja[`val.${code}`], code).toBeTruthy();
      expect(MESSAGES.en[`val.${code}`], code).toBeTruthy();
    }
  });
});
