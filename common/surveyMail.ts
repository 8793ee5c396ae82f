/**
 * What a respondent of an open wave is sent (docs/surveys.md "Tracking"): the invitation (a
 * first request) and the reminder, each with their name and their own link. One builder for
 * the web app (the text to copy, web/src/surveys/Reminders.tsx) and the server (the e-mail,
 * server/surveys/mailing.ts), so both say the same. Pure functions.
 */
import type { RespondentStatus } from './surveys';

export type MailLang = 'ja' | 'en';

/** Which mail: the first request, or a reminder to those who have not submitted yet. */
export const SURVEY_MAIL_KINDS = ['INVITATION', 'REMINDER'] as const;
export type SurveyMailKind = (typeof SURVEY_MAIL_KINDS)[number];

/** The most respondents one sending covers (the GraphQL argument is refused beyond it). */
export const MAX_MAIL_BATCH = 500;

/** What a text needs of the wave. */
export interface MailWave {
  name: string;
  endDate: string;
  deptName: string | null;
}

/** What a text needs of the respondent. */
export interface MailRespondent {
  name: string;
  status: RespondentStatus;
}

/** The end date as the mail writes it: 2026年12月25日 / 25 December 2026. */
export function mailDate(endDate: string, lang: MailLang): string {
  const [y, m, d] = endDate.split('-').map(Number);
  if (lang === 'ja') return `${y}年${m}月${d}日`;
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The subject line of a mail. */
export function surveyMailSubject(kind: SurveyMailKind, wave: MailWave, lang: MailLang): string {
  if (lang === 'en') {
    return kind === 'INVITATION'
      ? `Network survey "${wave.name}": your personal link`
      : `Reminder: network survey "${wave.name}" (by ${mailDate(wave.endDate, 'en')})`;
  }
  return kind === 'INVITATION'
    ? `【つながり調査】「${wave.name}」ご回答のお願い`
    : `【再送・つながり調査】「${wave.name}」${mailDate(wave.endDate, 'ja')}までにご回答ください`;
}

/** The body of a mail (their name and their own link in it). */
export function surveyMailText(
  kind: SurveyMailKind,
  wave: MailWave,
  respondent: MailRespondent,
  link: string,
  lang: MailLang,
): string {
  return kind === 'INVITATION'
    ? invitationText(wave, respondent, link, lang)
    : reminderText(wave, respondent, link, lang);
}

/** The first request: what the survey is for and how long it takes. */
function invitationText(
  wave: MailWave,
  respondent: MailRespondent,
  link: string,
  lang: MailLang,
): string {
  const date = mailDate(wave.endDate, lang);
  const dept = wave.deptName ?? '';
  if (lang === 'en') {
    return [
      `Dear ${respondent.name},`,
      '',
      `${dept ? `${dept} is` : 'We are'} mapping who works with whom in the region's support network, and would like to ask you to take part in the network survey "${wave.name}".`,
      `You name the people you know from a list and how well, and whom you would like to meet. It takes about 5 minutes; you can stop and continue later. Please answer by ${date} through your own link below:`,
      '',
      link,
      '',
      'How your answers are used is explained at the start of the form.',
      'This link is yours alone: please do not forward it.',
    ].join('\n');
  }
  return [
    `${respondent.name} 様`,
    '',
    `${dept ? `${dept}では` : ''}地域の支援者どうしのつながりを把握するため、つながり調査「${wave.name}」を行っています。ご協力をお願いいたします。`,
    `名簿からご存じの方とその程度、紹介を希望する方などをお選びいただきます（5分ほどで終わります。途中で保存して、後から続けられます）。${date}までに、下のあなた専用のリンクからご回答ください。`,
    '',
    link,
    '',
    'ご回答の利用目的は、回答画面の最初にご案内しています。',
    'このリンクはご本人専用です。他の方には転送しないでください。',
  ].join('\n');
}

/** The reminder one respondent gets (their name and their own link in it). */
export function reminderText(
  wave: MailWave,
  respondent: MailRespondent,
  link: string,
  lang: MailLang,
): string {
  const date = mailDate(wave.endDate, lang);
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

/** A link path of the server's answer as a full address. */
export function fullLink(origin: string, linkPath: string): string {
  return `${origin.replace(/\/+$/, '')}${linkPath}`;
}

/**
 * Whom a mail of a kind is for: anyone not submitted with a live link; an invitation only
 * those who have not started (a started respondent has their link already).
 */
export function mailedStatuses(kind: SurveyMailKind): RespondentStatus[] {
  return kind === 'INVITATION' ? ['not_started'] : ['not_started', 'started'];
}
