/**
 * Every text of the app in Japanese (the first language): the UI messages, one file per area of
 * the app in ja/ (a new area adds its file here and its English twin in en.ts), and the labels
 * of the domain model's enum values. Its keys are the keys of the app: en.ts must have every one
 * of them (a missing or extra key there is a type error), and `t()` takes only these keys.
 */
import type { EnumDicts } from './types';
import { jaCore } from './ja/core';
import { jaPanels } from './ja/panels';
import { jaEntry } from './ja/entry';
import { jaImport } from './ja/import';
import { jaTime } from './ja/time';
import { jaSurveys } from './ja/surveys';
import { jaIntroductions } from './ja/introductions';
import { jaUnconfirmed } from './ja/unconfirmed';
import { jaMapActions } from './ja/mapActions';
import { jaOverview } from './ja/overview';
import { jaMail } from './ja/mail';

export const ja = {
  ...jaCore,
  ...jaPanels,
  ...jaEntry,
  ...jaImport,
  ...jaTime,
  ...jaSurveys,
  ...jaIntroductions,
  ...jaUnconfirmed,
  ...jaMapActions,
  ...jaOverview,
  ...jaMail,
} as const;
export type MessageKey = keyof typeof ja;

/** Labels of enum values and kinds, by group (types.ts ties each group to common/model.ts). */
export const jaEnums: EnumDicts = {
  nodeKind: {
    Region: '地域',
    RegionalHRDept: '地域の人事部',
    Organization: '支援機関・組織',
    SME: '中小企業',
    Person: '人物',
    Skill: 'スキル',
    Challenge: '経営課題',
    Event: 'イベント',
    Introduction: '紹介',
  },
  regionKind: {
    municipality: '市町村',
    prefecture: '都道府県',
  },
  deptPhase: {
    launching: '立ち上げ期',
    operating: '運営期',
    self_sustaining: '自走期',
  },
  orgKind: {
    municipality: '自治体',
    chamber: '商工会議所',
    commerce_assoc: '商工会',
    bank: '銀行',
    shinkin: '信用金庫',
    credit_union: '信用組合',
    university: '大学',
    npo: 'NPO',
    support_center: '支援センター',
    public_corp: '公社・財団',
    hr_company: '人材会社',
    large_enterprise: '都市部大企業・送出企業',
    government: '国の機関',
    other: 'その他',
  },
  orgFunction: {
    change_agent: '変革の推進役',
    strategic_partner: '戦略パートナー',
    hr_expert: '人事の専門家',
    employee_advocate: '従業員の支援者',
  },
  smeStage: {
    unaware: '未認知',
    interested: '関心あり',
    engaged: '取組中',
    matched: 'マッチング済み',
    following_up: 'フォローアップ中',
  },
  personOrigin: {
    local: '地元',
    outside: '地域外',
  },
  talentKind: {
    side_job: '副業人材',
    dual_work: '兼業人材',
    intern: 'インターン',
    professional: 'プロフェッショナル人材',
    senior: 'シニア人材',
    other: 'その他の人材',
  },
  eventKind: {
    council: '協議会',
    info_sharing: '情報共有会',
    seminar: 'セミナー',
    matching: 'マッチング会',
    internship: 'インターンシップ',
    follow_up: 'フォローアップ',
    hearing: 'ヒアリング',
  },
  introductionStatus: {
    suggested: '提案中',
    accepted: '承諾',
    made: '紹介済み',
    declined: '見送り',
  },
  knowsSource: {
    seed: '初期データ',
    survey: '調査',
    introduction: '紹介',
    event: 'イベント',
    manual: '手入力',
  },
  supportKind: {
    lending: '融資',
    membership: '会員',
    advisory: '経営相談',
    program: '支援事業',
  },
  engagementStatus: {
    proposed: '提案',
    interviewing: '面談中',
    contracted: '契約済み',
    active: '活動中',
    completed: '完了',
    dropped: '中止',
  },
  gapKind: {
    UNSUPPORTED_SME: '支援の届いていない企業',
    COORDINATION_GAP: '支援機関の連携不足',
    KEY_PERSON_DEPENDENCY: '特定の人への依存',
    ISOLATED_NEWCOMER: '孤立している新しい人材',
    FOLLOW_UP_OVERDUE: 'フォローアップの遅れ',
    COMMUNITY_SILO: 'キーパーソンとつながらない集団',
    FUNCTION_UNCOVERED: '欠けている機能',
  },
  relType: {
    LEADS: '主体組織',
    MEMBER_OF: '構成機関',
    COVERS: '対象地域',
    WORKS_AT: '所属',
    KNOWS: '知り合い',
    SUPPORTS: '支援',
    PARTNERS_WITH: '連携',
    HAS_CHALLENGE: '経営課題',
    HAS_SKILL: 'スキル',
    ADDRESSES: '解決する課題',
    ENGAGED_WITH: '兼業・副業で関与',
    ATTENDED: '参加',
    HOSTED: '主催',
    PARTICIPATED: '参加（企業）',
    LOCATED_IN: '所在地',
    FROM: '紹介元',
    TO: '紹介先',
    VIA: '仲介者',
  },
};
