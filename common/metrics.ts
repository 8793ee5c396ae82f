/**
 * The network metrics of a scope at a date (SPEC §12): their keys, which direction is better,
 * and what each means, in Japanese and English. The server computes them (server/metrics), the
 * web app shows them with these words, and docs/metrics.md gives the exact definitions.
 */

/** The four stages after Krebs & Holley, from least to most mature. */
import type { RelType } from './model';

export const NETWORK_STAGES = [
  'scattered_clusters',
  'hub_and_spoke',
  'multi_hub_small_world',
  'core_periphery',
] as const;
export type NetworkStage = (typeof NETWORK_STAGES)[number];

export const STAGE_NAMES: Record<NetworkStage, { ja: string; en: string }> = {
  scattered_clusters: { ja: '分散したまとまり', en: 'scattered clusters' },
  hub_and_spoke: { ja: '単一ハブ型', en: 'single hub-and-spoke' },
  multi_hub_small_world: { ja: '複数ハブのスモールワールド', en: 'multi-hub small world' },
  core_periphery: { ja: 'コア・周辺型', en: 'core/periphery' },
};

/** 1 (scattered) … 4 (core/periphery): the stage as a number, so it can be compared. */
export function stageLevel(stage: NetworkStage): number {
  return NETWORK_STAGES.indexOf(stage) + 1;
}

/** higher: more is better; lower: less is better; neutral: neither (size). */
export type Better = 'higher' | 'lower' | 'neutral';

export interface MetricDefinition {
  key: MetricKey;
  better: Better;
  /** A share 0..1 (shown as a percentage), a count, or a ratio. */
  unit: 'share' | 'count' | 'ratio' | 'level';
  ja: string;
  en: string;
  /** One sentence a coordinator can read: what the number is. */
  explanationJa: string;
  explanationEn: string;
}

export const METRIC_KEYS = [
  'persons',
  'organizations',
  'smes',
  'ties',
  'density',
  'components',
  'largestComponentShare',
  'keyPersonGroupSize',
  'maxDependencySeverity',
  'coordinationGapShare',
  'functionsCovered',
  'smeSupportedShare',
  'isolatedNewcomers',
  'overdueFollowUps',
  'introductionsMade',
  'stageLevel',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export const METRICS: Record<MetricKey, MetricDefinition> = {
  persons: {
    key: 'persons',
    better: 'neutral',
    unit: 'count',
    ja: '人数',
    en: 'persons',
    explanationJa: 'この日にネットワークにいる人（有効なつながりが 1 つ以上ある人）の数。',
    explanationEn: 'People in the network on this date (with at least one valid tie).',
  },
  organizations: {
    key: 'organizations',
    better: 'neutral',
    unit: 'count',
    ja: '組織数',
    en: 'organisations',
    explanationJa: '地域の人事部の主体組織・構成機関と、地域に所在する組織の数。',
    explanationEn: 'Lead and member organisations and organisations located in the scope.',
  },
  smes: {
    key: 'smes',
    better: 'neutral',
    unit: 'count',
    ja: '中小企業数',
    en: 'SMEs',
    explanationJa: '地域に所在する中小企業の数。',
    explanationEn: 'SMEs located in the scope.',
  },
  ties: {
    key: 'ties',
    better: 'higher',
    unit: 'count',
    ja: 'つながりの数',
    en: 'ties',
    explanationJa: '人・組織・企業の間の有効なつながり（知り合い・勤務・支援・連携）の数。',
    explanationEn:
      'Valid ties (knows, works at, supports, partners with) among people, organisations and SMEs.',
  },
  density: {
    key: 'density',
    better: 'higher',
    unit: 'ratio',
    ja: '密度',
    en: 'density',
    explanationJa: 'ありうるすべての組み合わせのうち、実際につながっている割合（0〜1）。',
    explanationEn: 'The share of all possible pairs that are actually tied (0–1).',
  },
  components: {
    key: 'components',
    better: 'lower',
    unit: 'count',
    ja: '分断されたまとまりの数',
    en: 'components',
    explanationJa: '互いにたどり着けない、ばらばらのまとまりの数（1 が理想）。',
    explanationEn: 'Groups that cannot reach each other at all (1 is ideal).',
  },
  largestComponentShare: {
    key: 'largestComponentShare',
    better: 'higher',
    unit: 'share',
    ja: '最大のまとまりの割合',
    en: 'largest component share',
    explanationJa: '最も大きいまとまりに入っている人・組織・企業の割合。',
    explanationEn: 'The share of people, organisations and SMEs in the largest connected group.',
  },
  keyPersonGroupSize: {
    key: 'keyPersonGroupSize',
    better: 'higher',
    unit: 'count',
    ja: 'キーパーソン群の人数',
    en: 'key-person group size',
    explanationJa: '宣言されたキーパーソンと、スコアが基準を超えた人の数（docs/analytics.md）。',
    explanationEn:
      'Declared key persons and persons above the score threshold (docs/analytics.md).',
  },
  maxDependencySeverity: {
    key: 'maxDependencySeverity',
    better: 'lower',
    unit: 'share',
    ja: '特定の人への依存度（最大）',
    en: 'largest key-person dependency',
    explanationJa: '一人が抜けると主体組織から切り離される企業・構成機関の割合の最大値。',
    explanationEn:
      'The largest share of SMEs and members cut off from the lead if one person left.',
  },
  coordinationGapShare: {
    key: 'coordinationGapShare',
    better: 'lower',
    unit: 'share',
    ja: '連携していない機関の組の割合',
    en: 'uncoordinated member pairs',
    explanationJa:
      '主体組織・構成機関の組のうち、職員の面識・共通のイベント・連携のどれもない組の割合。',
    explanationEn:
      'The share of member pairs with no staff who know each other, no shared event and no partnership.',
  },
  functionsCovered: {
    key: 'functionsCovered',
    better: 'higher',
    unit: 'share',
    ja: '図24 の機能の充足',
    en: 'functions covered (Fig. 24)',
    explanationJa: '図24 の 4 機能のうち、主体組織・構成機関のどこかが担っている機能の割合。',
    explanationEn:
      'The share of the four functions of Figure 24 that some lead or member organisation covers.',
  },
  smeSupportedShare: {
    key: 'smeSupportedShare',
    better: 'higher',
    unit: 'share',
    ja: '支援が届いている企業の割合',
    en: 'SMEs reached',
    explanationJa: '地域の中小企業のうち、主体組織・構成機関の支援か職員の面識がある企業の割合。',
    explanationEn: 'The share of SMEs supported by, or known to staff of, the lead or a member.',
  },
  isolatedNewcomers: {
    key: 'isolatedNewcomers',
    better: 'lower',
    unit: 'count',
    ja: '孤立した新しい人',
    en: 'isolated newcomers',
    explanationJa: '地域外から来た人・人材のうち、地元の知り合いが 2 人未満の人の数。',
    explanationEn: 'Newcomers and talent with fewer than two local acquaintances.',
  },
  overdueFollowUps: {
    key: 'overdueFollowUps',
    better: 'lower',
    unit: 'count',
    ja: 'フォローが滞っているマッチング',
    en: 'overdue follow-ups',
    explanationJa: '契約中・稼働中のマッチングのうち、60 日以上フォローのないものの数。',
    explanationEn: 'Contracted or active engagements with no follow-up for 60 days.',
  },
  introductionsMade: {
    key: 'introductionsMade',
    better: 'higher',
    unit: 'count',
    ja: '実現した紹介',
    en: 'introductions made',
    explanationJa: 'この日までに「紹介済み」と記録された紹介の数（累計）。',
    explanationEn: 'Introductions recorded as made up to this date (cumulative).',
  },
  stageLevel: {
    key: 'stageLevel',
    better: 'higher',
    unit: 'level',
    ja: 'ネットワークの段階',
    en: 'network stage',
    explanationJa:
      'Krebs & Holley の 4 段階（1 分散したまとまり → 2 単一ハブ型 → 3 複数ハブのスモールワールド → 4 コア・周辺型）。',
    explanationEn:
      'The four stages after Krebs & Holley (1 scattered clusters → 2 hub-and-spoke → 3 multi-hub small world → 4 core/periphery).',
  },
};

/** Whether a change from `from` to `to` of a metric is better, worse or neither. */
export function direction(
  key: MetricKey,
  from: number,
  to: number,
): 'better' | 'worse' | 'same' | 'neutral' {
  const eps = 1e-9;
  if (Math.abs(to - from) <= eps) return 'same';
  const better = METRICS[key].better;
  if (better === 'neutral') return 'neutral';
  return to > from === (better === 'higher') ? 'better' : 'worse';
}

/** A tie that began or ended between two dates (compareNetworks). */
export interface TieChange {
  id: string;
  type: RelType;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  since: string | null;
  until: string | null;
}

/** A person who came or left between two dates. */
export interface PersonChange {
  id: string;
  name: string;
}
