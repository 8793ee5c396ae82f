/**
 * The Japanese column headers and the description row of the import templates (.xlsx), as
 * seeds/templates/README.md describes every column. An import reads a column by its field name
 * (`name`) or by its Japanese header (`氏名`), so a template filled in and a region's export
 * read back both import; the description row a template carries under its header is recognised
 * (every cell of it is the description of its column) and not read as data.
 */
import { NODE_LABELS, type NodeLabel, type RelType } from '../../common/model';
import { nodeFields, relFields } from './fields';

type Column = readonly [header: string, description: string];

const ID_RULE = '英数字と : _ . - のみ';
const DATE = 'YYYY-MM-DD';
const BOOL = 'true / false（はい / いいえ）';

const NODE_COLUMNS: Record<NodeLabel, Record<string, Column>> = {
  Region: {
    id: ['ID', `地域の ID（例 region:shiojiri）。${ID_RULE}`],
    name: ['地域名', '例 塩尻市'],
    prefecture: ['都道府県', '都道府県名'],
    nameEn: ['英語名', '任意'],
    kind: ['種別', 'municipality（市区町村）/ prefecture（都道府県）'],
  },
  RegionalHRDept: {
    id: ['ID', `人事部の ID（例 dept:shiojiri）。${ID_RULE}`],
    name: ['名称', '地域の人事部の名称'],
    phase: ['段階', 'launching 立ち上げ期 / operating 運営期 / self_sustaining 自走期'],
  },
  Organization: {
    id: ['ID', `組織の ID（例 org:joyo-bank）。${ID_RULE}`],
    name: ['組織名', '報告書の表記どおり'],
    kind: [
      '種別',
      'municipality 自治体, chamber 商工会議所, commerce_assoc 商工会, bank 銀行, shinkin 信用金庫, credit_union 信用組合, university 大学, npo NPO法人, support_center 産業支援センター等, public_corp 公社・財団等, hr_company 人材会社, large_enterprise 都市部大企業, government 国の機関, other その他',
    ],
    functions: [
      '機能',
      '; 区切り: change_agent 変革エージェント, strategic_partner 戦略パートナー, hr_expert 人事・採用エキスパート, employee_advocate 従業員の擁護者',
    ],
  },
  SME: {
    id: ['ID', `企業の ID。${ID_RULE}`],
    name: ['企業名', ''],
    industry: ['業種', '製造業・小売業・飲食業・建設業 など'],
    employees: ['従業員数', '整数'],
    hasHrStaff: ['人事専任担当者', BOOL],
    hasEvaluationSystem: ['人事評価制度', BOOL],
    stage: [
      '支援段階',
      'unaware 未認知 / interested 関心あり / engaged 相談中 / matched マッチング済 / following_up フォローアップ中',
    ],
  },
  Person: {
    id: ['ID', `人物の ID。${ID_RULE}`],
    name: ['氏名', '姓 名（入力どおりに保存）'],
    nameKana: ['フリガナ', '例 やまだ たろう（検索に使います）'],
    title: ['肩書き', '例 経営支援課長'],
    origin: ['出身', 'local 地域内 / outside 地域外（兼業・副業人材、移住者など）'],
    mind: ['マインド', 'キーパーソンの要素 0〜5'],
    skill: ['スキル', 'キーパーソンの要素 0〜5'],
    network: ['ネットワーク', 'キーパーソンの要素 0〜5'],
    email: ['メールアドレス', ''],
    phone: ['電話番号', ''],
    consentShareContact: ['連絡先共有の同意', BOOL],
    consentPublicProfile: ['プロフィール公開の同意', `${BOOL}。しない場合、分析者には仮名で表示`],
    isKeyPerson: ['キーパーソン', `${BOOL}。キーパーソン群のメンバーか`],
    isTalent: ['人材', `${BOOL}。兼業・副業人材・インターン等か`],
    talentKind: [
      '人材の種類',
      'side_job 副業 / dual_work 兼業 / intern インターン / professional プロ人材 / senior シニア / other（人材のとき必須）',
    ],
    hoursPerMonth: ['月あたり稼働時間', '時間'],
    remoteOk: ['リモート可', BOOL],
  },
  Skill: { id: ['ID', `スキルの ID。${ID_RULE}`], name: ['スキル名', '例 採用支援'] },
  Challenge: {
    id: ['ID', `課題の ID。${ID_RULE}`],
    name: ['課題名', '例 人材採用'],
    code: ['課題コード', '例 HR-RECRUIT'],
  },
  Event: {
    id: ['ID', `イベントの ID。${ID_RULE}`],
    name: ['名称', ''],
    kind: [
      '種類',
      'council 協議会 / info_sharing 情報共有会 / seminar セミナー / matching マッチング / internship インターンシップ / follow_up フォローアップ / hearing ヒアリング',
    ],
    date: ['開催日', DATE],
  },
  Introduction: {
    id: ['ID', `紹介の ID。${ID_RULE}`],
    name: ['表示名', '任意'],
    status: ['状態', 'suggested 提案 / accepted 承諾 / made 実施済 / declined 見送り'],
    reason: ['理由・メモ', ''],
    score: ['提案スコア', '0〜1'],
    decidedAt: ['決定日時', 'ISO 形式、タイムゾーン付き（例 2026-11-02T10:00:00+09:00）'],
  },
};

/** Japanese names of the endpoints of each relationship type, and of its properties. */
const REL_COLUMNS: Record<RelType, Record<string, Column>> = {
  LEADS: { from: ['主体組織ID', 'Organization の ID'], to: ['人事部ID', 'RegionalHRDept の ID'] },
  MEMBER_OF: {
    from: ['構成機関ID', 'Organization の ID'],
    to: ['人事部ID', 'RegionalHRDept の ID'],
    since: ['参加日', DATE],
    engagement: ['関与度', '1〜3'],
  },
  COVERS: { from: ['人事部ID', 'RegionalHRDept の ID'], to: ['対象地域ID', 'Region の ID'] },
  WORKS_AT: {
    from: ['人物ID', 'Person の ID'],
    to: ['勤務先ID', 'Organization または SME の ID'],
    title: ['肩書き', ''],
    since: ['着任日', DATE],
  },
  KNOWS: {
    from: ['人物ID', 'Person の ID（向きは問わず 1 回だけ）'],
    to: ['知り合いID', 'Person の ID'],
    strength: ['関係の強さ', '1〜3'],
    since: ['知り合った日', DATE],
    context: ['きっかけ', '例 マッチング会'],
    source: [
      '情報源',
      'seed 初期データ / survey 調査 / introduction 紹介 / event イベント / manual 手入力',
    ],
  },
  SUPPORTS: {
    from: ['支援機関ID', 'Organization の ID'],
    to: ['企業ID', 'SME の ID'],
    kind: [
      '支援の種類',
      'lending 融資 / membership 会員 / advisory 相談・伴走 / program 事業・補助',
    ],
    since: ['開始日', DATE],
  },
  PARTNERS_WITH: {
    from: ['組織ID', 'Organization の ID（向きは問わない）'],
    to: ['連携先ID', 'Organization の ID'],
  },
  HAS_CHALLENGE: {
    from: ['企業ID', 'SME の ID'],
    to: ['課題ID', 'Challenge の ID'],
    priority: ['優先度', '1（高）〜3'],
  },
  HAS_SKILL: {
    from: ['人物ID', 'Person の ID'],
    to: ['スキルID', 'Skill の ID'],
    level: ['習熟度', '1〜3'],
  },
  ADDRESSES: { from: ['スキルID', 'Skill の ID'], to: ['課題ID', 'Challenge の ID'] },
  ENGAGED_WITH: {
    from: ['人材ID', 'Person（人材）の ID'],
    to: ['企業ID', 'SME の ID'],
    status: [
      '状態',
      'proposed 提案 / interviewing 面談中 / contracted 契約 / active 稼働中 / completed 完了 / dropped 中止',
    ],
    startedAt: ['開始日', DATE],
    lastFollowUpAt: ['最終フォローアップ日', DATE],
  },
  ATTENDED: { from: ['人物ID', 'Person の ID'], to: ['イベントID', 'Event の ID'] },
  HOSTED: { from: ['主催組織ID', 'Organization の ID'], to: ['イベントID', 'Event の ID'] },
  PARTICIPATED: { from: ['企業ID', 'SME の ID'], to: ['イベントID', 'Event の ID'] },
  LOCATED_IN: { from: ['ID', 'Organization・SME・Person の ID'], to: ['地域ID', 'Region の ID'] },
  FROM: { from: ['紹介ID', 'Introduction の ID'], to: ['紹介される人ID', 'Person の ID'] },
  TO: { from: ['紹介ID', 'Introduction の ID'], to: ['紹介先ID', 'Person または SME の ID'] },
  VIA: { from: ['紹介ID', 'Introduction の ID'], to: ['仲介者ID', 'Person の ID'] },
};

/** Columns many types share, when a type's table does not name them. */
const COMMON_COLUMNS: Record<string, Column> = {
  since: ['開始日', DATE],
  until: ['終了日', `関係が終わった日 ${DATE}（空欄＝続いている）`],
};

/** Japanese names of the sheets (the tab shows `Person 人物`; the importer reads the first word). */
export const TARGET_TITLES: Record<NodeLabel | RelType, string> = {
  Region: '地域',
  RegionalHRDept: '地域の人事部',
  Organization: '組織',
  SME: '企業',
  Person: '人物',
  Skill: 'スキル',
  Challenge: '経営課題',
  Event: 'イベント',
  Introduction: '紹介',
  LEADS: '主体組織',
  MEMBER_OF: '構成機関',
  COVERS: '対象地域',
  WORKS_AT: '勤務先',
  KNOWS: '知り合い',
  SUPPORTS: '支援',
  PARTNERS_WITH: '連携',
  HAS_CHALLENGE: '企業の課題',
  HAS_SKILL: '人物のスキル',
  ADDRESSES: 'スキルと課題',
  ENGAGED_WITH: '人材の関与',
  ATTENDED: '参加',
  HOSTED: '主催',
  PARTICIPATED: '企業の参加',
  LOCATED_IN: '所在地',
  FROM: '紹介される人',
  TO: '紹介先',
  VIA: '仲介者',
};

export interface TargetColumn {
  field: string;
  header: string;
  description: string;
}

const cache = new Map<string, TargetColumn[]>();

/** The columns of a label or type in schema order, with their Japanese header and description. */
export function columnsOf(target: NodeLabel | RelType): TargetColumn[] {
  let cols = cache.get(target);
  if (cols) return cols;
  const isNode = (NODE_LABELS as readonly string[]).includes(target);
  const fields = isNode ? nodeFields(target as NodeLabel) : relFields(target as RelType);
  const table: Record<string, Column> = isNode
    ? NODE_COLUMNS[target as NodeLabel]
    : REL_COLUMNS[target as RelType];
  cols = Object.keys(fields).map((field) => {
    const [header, description] = table[field] ?? COMMON_COLUMNS[field] ?? [field, ''];
    // Every column describes itself, so a description row is recognised in full.
    return { field, header, description: description || `（${field}）` };
  });
  cache.set(target, cols);
  return cols;
}

/**
 * The field a header cell names (its field name or Japanese header, as trimmed), or undefined.
 * Names the writer sets (createdAt, updatedAt) are for the caller to recognise.
 */
export function fieldOfHeader(target: NodeLabel | RelType, header: string): string | undefined {
  for (const c of columnsOf(target)) if (c.field === header) return c.field;
  for (const c of columnsOf(target)) if (c.header === header) return c.field;
  return undefined;
}

/**
 * Whether a row right under the header is the template's description row: every non-empty
 * cell is the description of its column, and at least one is.
 */
export function isDescriptionRow(
  target: NodeLabel | RelType,
  columns: readonly (string | null)[],
  cells: readonly string[],
): boolean {
  const byField = new Map(columnsOf(target).map((c) => [c.field, c.description]));
  let seen = 0;
  for (let i = 0; i < cells.length; i++) {
    const text = cells[i]!.trim();
    if (text === '') continue;
    const field = columns[i];
    if (!field || byField.get(field) !== text) return false;
    seen++;
  }
  return seen > 0;
}
