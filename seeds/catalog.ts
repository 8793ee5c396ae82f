/**
 * Fixed catalogues shared by every scale: 経営課題 (challenges), skills and which challenges they
 * address, and the per-organisation-kind conventions (staff titles, the kind of SUPPORTS an
 * organisation gives, default 図24 functions for synthetic organisations).
 */
import type { ORG_FUNCTIONS, ORG_KINDS, SUPPORT_KINDS } from '../common/model';

export type OrgKind = (typeof ORG_KINDS)[number];
export type OrgFunction = (typeof ORG_FUNCTIONS)[number];
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export interface ChallengeDef {
  id: string;
  code: string;
  name: string;
}

/** 経営課題, in the report's vocabulary (人材採用, 人材定着, 事業承継, DX …). */
export const CHALLENGES: readonly ChallengeDef[] = [
  { id: 'challenge:hr-recruit', code: 'HR-RECRUIT', name: '人材採用' },
  { id: 'challenge:hr-retain', code: 'HR-RETAIN', name: '人材定着' },
  { id: 'challenge:hr-develop', code: 'HR-DEVELOP', name: '人材育成' },
  { id: 'challenge:hr-evaluation', code: 'HR-EVAL', name: '人事評価制度の構築' },
  { id: 'challenge:dx', code: 'DX', name: 'DX推進' },
  { id: 'challenge:succession', code: 'SUCCESSION', name: '事業承継' },
  { id: 'challenge:sales', code: 'SALES', name: '販路開拓' },
  { id: 'challenge:new-business', code: 'NEW-BIZ', name: '新事業展開' },
  { id: 'challenge:productivity', code: 'PRODUCTIVITY', name: '生産性向上' },
  { id: 'challenge:branding', code: 'BRANDING', name: '採用広報・ブランディング' },
  { id: 'challenge:finance', code: 'FINANCE', name: '財務改善・資金繰り' },
  { id: 'challenge:overseas', code: 'OVERSEAS', name: '海外展開' },
  { id: 'challenge:gx', code: 'GX', name: '脱炭素・GX対応' },
];

export interface SkillDef {
  id: string;
  name: string;
  addresses: readonly string[];
}

export const SKILLS: readonly SkillDef[] = [
  {
    id: 'skill:recruiting',
    name: '採用支援',
    addresses: ['challenge:hr-recruit', 'challenge:branding'],
  },
  {
    id: 'skill:hr-system',
    name: '人事制度設計',
    addresses: ['challenge:hr-evaluation', 'challenge:hr-retain'],
  },
  {
    id: 'skill:training',
    name: '研修・人材育成',
    addresses: ['challenge:hr-develop', 'challenge:hr-retain'],
  },
  {
    id: 'skill:labor',
    name: '労務管理',
    addresses: ['challenge:hr-retain', 'challenge:hr-evaluation'],
  },
  {
    id: 'skill:it-system',
    name: '業務システム導入',
    addresses: ['challenge:dx', 'challenge:productivity'],
  },
  { id: 'skill:data', name: 'データ分析', addresses: ['challenge:dx', 'challenge:sales'] },
  {
    id: 'skill:web-marketing',
    name: 'Webマーケティング',
    addresses: ['challenge:sales', 'challenge:branding'],
  },
  { id: 'skill:ec', name: 'EC構築・運営', addresses: ['challenge:sales', 'challenge:dx'] },
  {
    id: 'skill:design',
    name: 'デザイン・ブランディング',
    addresses: ['challenge:branding', 'challenge:sales'],
  },
  { id: 'skill:pr', name: '広報・PR', addresses: ['challenge:branding', 'challenge:hr-recruit'] },
  { id: 'skill:succession', name: 'M&A・事業承継支援', addresses: ['challenge:succession'] },
  {
    id: 'skill:finance',
    name: '財務・管理会計',
    addresses: ['challenge:finance', 'challenge:succession'],
  },
  {
    id: 'skill:new-business',
    name: '新規事業開発',
    addresses: ['challenge:new-business', 'challenge:sales'],
  },
  { id: 'skill:lean', name: '生産管理・現場改善', addresses: ['challenge:productivity'] },
  {
    id: 'skill:overseas-sales',
    name: '海外営業',
    addresses: ['challenge:overseas', 'challenge:sales'],
  },
  {
    id: 'skill:energy',
    name: '省エネ・脱炭素',
    addresses: ['challenge:gx', 'challenge:productivity'],
  },
];

/** Titles of an organisation's staff by kind; the first is the senior contact. */
export const ORG_TITLES: Record<OrgKind, readonly string[]> = {
  municipality: [
    '産業振興部 商工課長',
    '商工課 課長補佐',
    '商工課 企業支援係長',
    '商工課 主任',
    '移住・定住推進課 主査',
  ],
  chamber: [
    '事務局長',
    '中小企業相談所長',
    '経営支援課長',
    '経営指導員',
    '経営指導員',
    '会員サービス課 主任',
  ],
  commerce_assoc: ['事務局長', '経営指導員', '経営指導員', '経営支援員', '記帳専任職員'],
  bank: ['支店長', '法人営業課長', '融資課 係長', '法人営業 担当', '人材紹介担当'],
  shinkin: ['地域創生部長', '融資課長', '渉外係 係長', '事業支援課 担当', '渉外係'],
  credit_union: ['営業推進部長', '融資課長', '渉外担当', '事業支援 担当'],
  university: [
    '地域連携推進機構 教授',
    '産学官連携コーディネーター',
    'キャリアセンター 職員',
    '准教授',
  ],
  npo: ['代表理事', '事務局長', 'コーディネーター', 'コーディネーター', 'プロジェクトマネージャー'],
  support_center: ['センター長', '事務局長', 'コーディネーター', '支援員', '支援員'],
  public_corp: ['事務局長', '事業課長', 'コーディネーター', '事業課 主任'],
  hr_company: ['代表取締役', '取締役', 'HRコンサルタント', 'キャリアアドバイザー', '採用支援担当'],
  large_enterprise: ['人事部長', '人事部 副業推進担当', '経営企画部 課長'],
  government: ['地域経済部 産業人材課長', '産業人材課 課長補佐', '産業人材課 係長'],
  other: ['代表', '事務局長', '担当'],
};

/** What a SUPPORTS from this kind of organisation is: lenders lend, chambers have members, … */
export const SUPPORT_KIND_OF: Record<OrgKind, SupportKind> = {
  municipality: 'program',
  chamber: 'membership',
  commerce_assoc: 'membership',
  bank: 'lending',
  shinkin: 'lending',
  credit_union: 'lending',
  university: 'program',
  npo: 'advisory',
  support_center: 'advisory',
  public_corp: 'program',
  hr_company: 'advisory',
  large_enterprise: 'program',
  government: 'program',
  other: 'advisory',
};

/** Context words for KNOWS ties between staff of two kinds of organisation. */
export const TIE_CONTEXTS = {
  colleague: '同僚',
  council: '地域の人事部 協議会',
  client: '取引・支援の担当',
  keyPerson: '地域の人事部の相談',
  cluster: '地域の経営者仲間',
  talent: '兼業・副業のマッチング',
  infoSharing: '情報共有会',
  silo: '若手経営者の勉強会',
  newcomer: 'マッチング面談',
} as const;
