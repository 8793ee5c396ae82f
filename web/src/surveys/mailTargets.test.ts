/** Whom 「メールで送る」 sends to, and the mail texts both the app and the server use. */
import { describe, expect, it } from 'vitest';
import { surveyMailSubject, surveyMailText } from '../../../common/surveyMail';
import { mailTargets, notReached } from './mailTargets';
import type { WaveRespondent } from './queries';

const r = (personId: string, over: Partial<WaveRespondent>): WaveRespondent => ({
  personId,
  name: `人 ${personId}`,
  nameKana: null,
  status: 'not_started',
  statusJa: '未着手',
  statusEn: 'not started',
  startedAt: null,
  savedAt: null,
  submittedAt: null,
  linkPath: `/survey#t=${personId}`,
  linkExpiresAt: null,
  revoked: false,
  hasEmail: true,
  ...over,
});

const wave = {
  respondents: [
    r('a', {}),
    r('b', { status: 'started' }),
    r('c', { status: 'submitted' }),
    r('d', { hasEmail: false }),
    r('e', { linkPath: null, revoked: true }),
    r('f', { status: 'started', hasEmail: false }),
  ],
};
const ids = (rs: WaveRespondent[]) => rs.map((x) => x.personId);

describe('mail targets', () => {
  it('an invitation goes to the not started with an address and a live link', () => {
    const t = mailTargets(wave, 'INVITATION');
    expect(ids(t.send)).toEqual(['a']);
    expect(ids(t.without)).toEqual(['d']);
  });
  it('a reminder goes to the started and the not started', () => {
    const t = mailTargets(wave, 'REMINDER');
    expect(ids(t.send)).toEqual(['a', 'b']);
    expect(ids(t.without)).toEqual(['d', 'f']);
  });
  it('names those not reached, by id when the name is not shown', () => {
    expect(
      notReached([
        { personId: 'a', name: '上田', outcome: 'sent' },
        { personId: 'b', name: '佐藤', outcome: 'failed' },
        { personId: 'x', name: null, outcome: 'skipped' },
      ]),
    ).toEqual(['佐藤', 'x']);
  });
});

describe('mail texts', () => {
  const w = { name: '令和7年度 第1回', endDate: '2026-12-25', deptName: '塩尻市 地域の人事部' };
  it('the invitation names the person, the wave, the date and carries the link', () => {
    const text = surveyMailText(
      'INVITATION',
      w,
      { name: '上田 浩二', status: 'not_started' },
      'https://x.jp/survey#t=T',
      'ja',
    );
    expect(text.startsWith('上田 浩二 様\n')).toBe(true);
    expect(text).toContain('つながり調査「令和7年度 第1回」');
    expect(text).toContain('2026年12月25日までに');
    expect(text).toContain('\nhttps://x.jp/survey#t=T\n');
    expect(surveyMailSubject('INVITATION', w, 'ja')).toBe(
      '【つながり調査】「令和7年度 第1回」ご回答のお願い',
    );
  });
  it('the reminder of a started respondent says their answers are saved', () => {
    const text = surveyMailText('REMINDER', w, { name: '上田', status: 'started' }, 'L', 'ja');
    expect(text).toContain('途中までのご回答は保存されています');
    expect(surveyMailSubject('REMINDER', w, 'en')).toBe(
      'Reminder: network survey "令和7年度 第1回" (by 25 December 2026)',
    );
  });
});
