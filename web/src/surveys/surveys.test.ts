/** The survey pages' pure parts: the personal link's token, server messages, reminders, the CSV, roster search. */
import { describe, expect, it } from 'vitest';
import { inLanguage, tokenOfLocation } from './respondentApi';
import { fullLink, mailMergeCsv, reminderText, toRemind } from './mailMerge';
import { rosterMatches } from './RosterSearch';
import { suggestedName } from './WaveEditor';
import type { WaveRespondent } from './queries';

const respondent = (over: Partial<WaveRespondent>): WaveRespondent => ({
  personId: 'p1',
  name: '上田 浩二',
  nameKana: 'ウエダ コウジ',
  status: 'not_started',
  statusJa: '未着手',
  statusEn: 'not started',
  startedAt: null,
  savedAt: null,
  submittedAt: null,
  linkPath: '/survey#t=abc.def.ghi',
  linkExpiresAt: '2026-12-25T14:59:59.000Z',
  revoked: false,
  hasEmail: true,
  ...over,
});

describe('the personal link', () => {
  it('reads the token from the fragment, or from ?token= of a pasted link', () => {
    expect(tokenOfLocation({ hash: '#t=abc.def', search: '' })).toBe('abc.def');
    expect(tokenOfLocation({ hash: '', search: '?token=xyz' })).toBe('xyz');
    expect(tokenOfLocation({ hash: '#t=', search: '' })).toBeNull();
    expect(tokenOfLocation({ hash: '', search: '?lang=en' })).toBeNull();
  });
  it('shows the part of a "日本語 / English" message in the page language', () => {
    expect(inLanguage('名簿にない人です / not on the roster', 'ja')).toBe('名簿にない人です');
    expect(inLanguage('名簿にない人です / not on the roster', 'en')).toBe('not on the roster');
    expect(inLanguage('only one', 'en')).toBe('only one');
  });
});

describe('reminders and the mail-merge CSV', () => {
  const wave = {
    name: '令和7年度 第1回',
    endDate: '2026-12-25',
    deptName: '塩尻市 地域の人事部',
    respondents: [
      respondent({}),
      respondent({ personId: 'p2', name: '=SUM(A1)', status: 'started', statusJa: '回答中' }),
      respondent({ personId: 'p3', name: '佐藤', status: 'submitted', statusJa: '提出済み' }),
      respondent({ personId: 'p4', name: '取消', linkPath: null, revoked: true }),
    ],
  };
  it('reminds only those not submitted who have a live link', () => {
    expect(toRemind(wave).map((r) => r.personId)).toEqual(['p1', 'p2']);
  });
  it('writes the name, the deadline and the own link into the reminder', () => {
    const link = fullLink('https://example.org/', '/survey#t=abc');
    expect(link).toBe('https://example.org/survey#t=abc');
    const ja = reminderText(wave, wave.respondents[0]!, link, 'ja');
    expect(ja).toContain('上田 浩二 様');
    expect(ja).toContain('2026年12月25日');
    expect(ja).toContain('「令和7年度 第1回」');
    expect(ja).toContain(link);
    expect(reminderText(wave, wave.respondents[1]!, link, 'ja')).toContain('途中までのご回答');
    expect(reminderText(wave, wave.respondents[0]!, link, 'en')).toContain('25 December 2026');
  });
  it('makes a CSV with a BOM, one row per live link, formulas defused', () => {
    const csv = mailMergeCsv(wave, 'https://example.org', 'ja', false);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('氏名,フリガナ,状況,リンク,リンクの有効期限,提出日時');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('https://example.org/survey#t=abc.def.ghi');
    expect(lines[2]!.startsWith("'=SUM(A1)")).toBe(true);
    const pending = mailMergeCsv(wave, 'https://example.org', 'ja', true).trim().split('\r\n');
    expect(pending).toHaveLength(3);
  });
});

describe('roster search', () => {
  const roster = [
    { personId: 'a', name: '上田 浩二', nameKana: 'ウエダ コウジ' },
    { personId: 'b', name: '佐藤 花子', nameKana: 'さとう はなこ' },
    { personId: 'c', name: 'ＡＢＣ 太郎', nameKana: null },
  ];
  it('finds by name or フリガナ, kana and width folded', () => {
    expect(rosterMatches(roster, 'うえだ', 10).map((p) => p.personId)).toEqual(['a']);
    expect(rosterMatches(roster, 'ｻﾄｳ', 10).map((p) => p.personId)).toEqual(['b']);
    expect(rosterMatches(roster, 'abc', 10).map((p) => p.personId)).toEqual(['c']);
    expect(rosterMatches(roster, '上田浩二', 10).map((p) => p.personId)).toEqual(['a']);
    expect(rosterMatches(roster, '', 2)).toHaveLength(2);
  });
});

describe('a new wave name', () => {
  it('is 令和N年度 第k回 with k one more than the fiscal year has', () => {
    expect(suggestedName([], '2026-12-02')).toBe('令和8年度 第1回');
    expect(suggestedName([{ name: '令和8年度 第1回' }], '2027-03-31')).toBe('令和8年度 第2回');
    expect(suggestedName([{ name: '令和8年度 第1回' }], '2027-04-01')).toBe('令和9年度 第1回');
  });
});
