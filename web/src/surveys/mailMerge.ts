/**
 * What a coordinator sends the respondents of an open wave (docs/surveys.md "Tracking"): a
 * reminder text per person, with their own link, to paste into a mail, and a CSV of names and
 * links for a mail merge (UTF-8 with a BOM: Excel and Outlook's 差し込み印刷 read it). Pure
 * functions: the page adds the server's address to each link path.
 */
import { toCsv } from '../csv';
import type { Lang } from '../i18n';
import type { Wave, WaveRespondent } from './queries';

/** A link path of the server's answer as a full address. */
export function fullLink(origin: string, linkPath: string): string {
  return `${origin.replace(/\/+$/, '')}${linkPath}`;
}

/** The end date as the reminder writes it: 2026年12月25日 / 25 December 2026. */
function dateText(endDate: string, lang: Lang): string {
  const [y, m, d] = endDate.split('-').map(Number);
  if (lang === 'ja') return `${y}年${m}月${d}日`;
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The reminder one respondent gets (their name and their own link in it). */
export function reminderText(
  wave: Pick<Wave, 'name' | 'endDate' | 'deptName'>,
  respondent: Pick<WaveRespondent, 'name' | 'status'>,
  link: string,
  lang: Lang,
): string {
  const date = dateText(wave.endDate, lang);
  const dept = wave.deptName ?? '';
  if (lang === 'en') {
    return [
      `Dear ${respondent.name},`,
      '',
      `${dept ? `${dept} asks` : 'We ask'} for your help with the network survey "${wave.name}".`,
      respondent.status === 'started'
        ? `Your answers so far are saved: open your link to finish and submit them by ${date}.`
        : `Please answer by ${date} through your own link below (about 5 minutes; you can stop and continue later).`,
      '',
      link,
      '',
      'This link is yours alone: please do not forward it.',
    ].join('\n');
  }
  return [
    `${respondent.name} 様`,
    '',
    `${dept ? `${dept}の` : ''}つながり調査「${wave.name}」へのご協力をお願いしております。`,
    respondent.status === 'started'
      ? `途中までのご回答は保存されています。${date}までに、下のリンクから続きをご回答のうえ「提出する」を押してください。`
      : `${date}までに、下のあなた専用のリンクからご回答ください（5分ほどで終わります。途中で保存して、後から続けられます）。`,
    '',
    link,
    '',
    'このリンクはご本人専用です。他の方には転送しないでください。',
  ].join('\n');
}

/** The respondents who still have something to do and a live link (those a reminder is for). */
export function toRemind(wave: Pick<Wave, 'respondents'>): WaveRespondent[] {
  return wave.respondents.filter((r) => r.status !== 'submitted' && r.linkPath !== null);
}

export const CSV_HEADER: Record<Lang, string[]> = {
  ja: ['氏名', 'フリガナ', '状況', 'リンク', 'リンクの有効期限', '提出日時'],
  en: ['Name', 'Reading', 'Status', 'Link', 'Link expires', 'Submitted at'],
};

/** The mail-merge CSV: one row per respondent with a live link (all, or only those to remind). */
export function mailMergeCsv(
  wave: Pick<Wave, 'respondents'>,
  origin: string,
  lang: Lang,
  onlyPending: boolean,
): string {
  const rows = (onlyPending ? toRemind(wave) : wave.respondents.filter((r) => r.linkPath))
    .filter((r) => r.linkPath !== null)
    .map((r) => [
      r.name,
      r.nameKana ?? '',
      lang === 'ja' ? r.statusJa : r.statusEn,
      fullLink(origin, r.linkPath!),
      r.linkExpiresAt ?? '',
      r.submittedAt ?? '',
    ]);
  return toCsv(CSV_HEADER[lang], rows);
}
