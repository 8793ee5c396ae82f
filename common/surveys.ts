/**
 * つながり調査 (SPEC §11, issue 14): what the server and the web app both know of a survey wave —
 * its states, the respondents' statuses, the three tie strengths of the form, the answer a
 * respondent sends (zod, the one schema both sides validate with) and the messages of a link
 * that is refused. docs/surveys.md explains the whole survey.
 */
import { z } from 'zod';

/** A wave is drafted (roster and texts editable), then open (links work), then closed (frozen). */
export const WAVE_STATES = ['draft', 'open', 'closed'] as const;
export type WaveState = (typeof WAVE_STATES)[number];

/** Where a respondent stands: no draft saved yet, a draft saved, submitted. */
export const RESPONDENT_STATUSES = ['not_started', 'started', 'submitted'] as const;
export type RespondentStatus = (typeof RESPONDENT_STATUSES)[number];

export const RESPONDENT_STATUS_LABELS: Record<RespondentStatus, { ja: string; en: string }> = {
  not_started: { ja: '未着手', en: 'not started' },
  started: { ja: '回答中', en: 'started' },
  submitted: { ja: '提出済み', en: 'submitted' },
};

/** The form's three answers to "how well do you know them" (the KNOWS strength 1..3). */
export const TIE_STRENGTHS = [1, 2, 3] as const;
export const TIE_STRENGTH_LABELS: Record<1 | 2 | 3, { ja: string; en: string }> = {
  1: { ja: '面識がある', en: 'have met' },
  2: { ja: '一緒に仕事をしたことがある', en: 'have worked together' },
  3: { ja: '日常的に連携している', en: 'work together routinely' },
};

/** The consent text a new wave starts with (the coordinator edits it; the web form prefills it): purpose of use under 個人情報保護法. */
export const DEFAULT_CONSENT_TEXT = [
  'この調査は、地域の人事部が地域の支援者どうしのつながりを把握し、地域企業の人材確保・活用・定着の支援に役立てるために行います。',
  'ご回答（どなたをご存じか、紹介を希望する方、ご自身についての回答）は、個人情報の保護に関する法律に基づき、上記の目的にのみ利用し、地域の人事部のコーディネーターが管理します。第三者に提供することはありません。',
  '連絡先の共有と、分析担当者へのお名前の表示は、下の同意欄で選べます。同意しない場合、分析担当者には匿名で表示されます。',
].join('\n');

/** Roster groups a coordinator picks from (the "member staff, key persons, anyone else"). */
export const ROSTER_GROUPS = ['member_staff', 'key_person', 'other'] as const;
export type RosterGroup = (typeof ROSTER_GROUPS)[number];

/** The most names a roster may hold, and a respondent may name in one answer. */
export const MAX_ROSTER = 2000;
export const MAX_WISHES = 50;

const PersonRef = z.string().trim().min(1).max(200);
const Score = z.number().int('must be a whole number').min(0).max(5);

/**
 * One respondent's answer (a draft may leave anything out; a submission is checked against
 * the roster by the server): the four sections of the form.
 */
export const SurveyAnswerSchema = z
  .object({
    /** 1. whom they know from the roster, and how well. */
    knows: z
      .array(
        z.object({
          personId: PersonRef,
          strength: z.union([z.literal(1), z.literal(2), z.literal(3)]),
        }),
      )
      .max(MAX_ROSTER)
      .default([]),
    /** 2. whom they would like to be introduced to: roster persons, and names in free text. */
    wishes: z.array(PersonRef).max(MAX_WISHES).default([]),
    wishText: z.string().trim().max(1000).default(''),
    /** 3. do they count themselves among the キーパーソン群; 想い・スキル・ネットワーク 0..5. */
    keyPerson: z.boolean().nullable().default(null),
    mind: Score.nullable().default(null),
    skill: Score.nullable().default(null),
    network: Score.nullable().default(null),
    /** 4. consent. */
    shareContact: z.boolean().default(false),
    publicProfile: z.boolean().default(false),
  })
  .strict();
export type SurveyAnswer = z.infer<typeof SurveyAnswerSchema>;

export function emptyAnswer(): SurveyAnswer {
  return SurveyAnswerSchema.parse({});
}

/** Why a personal link is refused: each with a message a respondent reads (Japanese first). */
export const LINK_REFUSALS = [
  'invalid',
  'expired',
  'revoked',
  'closed',
  'not_open',
  'rate_limited',
] as const;
export type LinkRefusal = (typeof LINK_REFUSALS)[number];

export const LINK_REFUSAL_MESSAGES: Record<LinkRefusal, { ja: string; en: string }> = {
  invalid: {
    ja: 'このリンクは正しくありません。届いたメールのリンクをそのまま開くか、担当のコーディネーターにお問い合わせください。',
    en: 'This link is not valid. Open the link exactly as you received it, or ask your coordinator.',
  },
  expired: {
    ja: 'このリンクは有効期限が切れています。担当のコーディネーターに新しいリンクを依頼してください。',
    en: 'This link has expired. Ask your coordinator for a new one.',
  },
  revoked: {
    ja: 'このリンクは無効になりました（取り消しまたは再発行）。担当のコーディネーターにお問い合わせください。',
    en: 'This link has been revoked or replaced by a new one. Ask your coordinator.',
  },
  closed: {
    ja: 'この調査は締め切られました。ご協力ありがとうございました。',
    en: 'This survey is closed. Thank you for your help.',
  },
  not_open: {
    ja: 'この調査はまだ始まっていません。',
    en: 'This survey has not started yet.',
  },
  rate_limited: {
    ja: 'アクセスが多すぎます。1 分ほど待ってから再度お試しください。',
    en: 'Too many requests; wait a minute and try again.',
  },
};

/** The message of a refusal as one text (Japanese, then English), as the API answers it. */
export function linkRefusalText(reason: LinkRefusal): string {
  const m = LINK_REFUSAL_MESSAGES[reason];
  return `${m.ja} / ${m.en}`;
}

/** Where the respondent's form lives in the web app; the token travels in the fragment (never in logs). */
export const SURVEY_FORM_PATH = '/survey';
export function surveyLinkPath(token: string): string {
  return `${SURVEY_FORM_PATH}#t=${token}`;
}

/** The REST API of the respondent's form (no account, no GraphQL). */
export const SURVEY_API_PATH = '/survey-api';

/**
 * The reason code of an introduction suggestion one of whose persons asked, in a survey answer,
 * to be introduced to the other ("would like to meet": a demand signal, SPEC §11). Such a pair
 * scores WISH_BOOST times higher (docs/surveys.md).
 */
export const WISH_REASON_CODE = 'WANTS_TO_MEET';
export const WISH_BOOST = 1.5;

/** A respondent as the tracking page shows them (GraphQL `WaveRespondent`). */
export interface RespondentView {
  personId: string;
  name: string;
  nameKana: string | null;
  status: RespondentStatus;
  statusJa: string;
  statusEn: string;
  startedAt: string | null;
  savedAt: string | null;
  submittedAt: string | null;
  /** The link's path (`/survey#t=…`); null when the wave is not open or the link is revoked. */
  linkPath: string | null;
  linkExpiresAt: string | null;
  revoked: boolean;
  /** Whether an e-mail address is recorded (the address is never part of the tracking). */
  hasEmail: boolean;
}

/** A wave with its tracking (GraphQL `Wave`). */
export interface WaveView {
  id: string;
  deptId: string;
  deptName: string | null;
  name: string;
  endDate: string;
  consentText: string;
  state: WaveState;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
  rosterSize: number;
  submitted: number;
  started: number;
  notStarted: number;
  /** submitted ÷ roster size (0 for an empty roster). */
  responseRate: number;
  /** Whether this server sends e-mail (SMTP configured): the links can be sent from the app. */
  mailConfigured: boolean;
  respondents: RespondentView[];
}

/** Someone who may be on a dept's roster (GraphQL `WaveCandidate`). */
export interface RosterCandidate {
  personId: string;
  name: string;
  nameKana: string | null;
  group: RosterGroup;
  isKeyPerson: boolean;
  regionId: string;
}

/** The respondent's form as GET /survey-api/form answers it. */
export interface RespondentForm {
  wave: { id: string; name: string; endDate: string; consentText: string; deptName: string | null };
  me: { personId: string; name: string };
  status: RespondentStatus;
  submittedAt: string | null;
  savedAt: string | null;
  /** Everyone else on the roster: names and フリガナ only. */
  roster: Array<{ personId: string; name: string; nameKana: string | null }>;
  /** The saved draft, else the submitted answer, else an empty one. */
  answer: SurveyAnswer;
}

/** What POST /survey-api/submit answers: when, and what the answer made of the ties. */
export interface SubmitReceipt {
  submittedAt: string;
  confirmed: number;
  unconfirmed: number;
  removed: number;
}
