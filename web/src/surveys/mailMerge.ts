/**
 * What a coordinator sends the respondents of an open wave (docs/surveys.md "Tracking"): a
 * reminder text per person, with their own link, to paste into a mail (common/surveyMail.ts),
 * and a CSV of names and links for a mail merge (UTF-8 with a BOM: Excel and Outlook's 差し込み印刷 read it). Pure
 * functions: the page adds the server's address to each link path.
 */
import { fullLink } from '../../../common/surveyMail';
import { toCsv } from '../csv';
import type { Lang } from '../i18n';
import type { Wave, WaveRespondent } from './queries';

/** The texts are common to the web app and the server's e-mails (common/surveyMail.ts). */
export { fullLink, reminderText } from '../../../common/surveyMail';

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
