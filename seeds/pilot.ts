/**
 * The real base data of SPEC §3, transcribed from the report (reference/000_85fee2fe521e75af.txt):
 * - the eight 令和4年度 pilot regions with their 主体組織 (LEADS) and 構成機関 (MEMBER_OF), exactly
 *   as the table 「実証地域 主体組織 構成機関」 lists them (PILOT_TABLE);
 * - the six case regions of the report's §2(1) (塩尻市 is both a case and a pilot: one node) with
 *   the organisations the case table names. The case table describes 体制 loosely (no 主体組織 /
 *   構成機関 split), so case regions get no RegionalHRDept; their organisations are tied by
 *   PARTNERS_WITH as the text describes them working together;
 * - 関東経済産業局, which hosts the 情報共有会 across the eight pilots.
 *
 * Organisations are one node each even when several depts share them (常陽銀行, 八十二銀行, …).
 * Kinds and 図24 functions are our reading of what each body does (documented in
 * seeds/templates/README.md); they are plausible defaults, not statements from the report.
 */
import type { Dataset } from './dataset';
import { emptyDataset } from './dataset';
import type { OrgFunction, OrgKind } from './catalog';

export interface RegionDef {
  id: string;
  name: string;
  prefecture: string;
  nameEn: string;
  /** Area code for fictional phone numbers (`0263-00-1234`); only regions with people need one. */
  areaCode?: string;
}

export interface OrgDef {
  id: string;
  name: string;
  kind: OrgKind;
  functions: readonly OrgFunction[];
  /** Head-office region, when it is one of our Region nodes. */
  hq?: string;
}

export interface DeptDef {
  id: string;
  name: string;
  phase: 'launching' | 'operating' | 'self_sustaining';
  regionId: string;
  leadId: string;
  /** Member organisation ids, in the report's order. */
  memberIds: readonly string[];
}

/** The report's pilot table, verbatim: region → 主体組織 and 構成機関 in the report's order. */
export const PILOT_TABLE: Readonly<
  Record<string, { prefecture: string; lead: string; members: readonly string[] }>
> = {
  日立市: {
    prefecture: '茨城県',
    lead: '公益財団法人日立地区産業支援センター',
    members: ['日立市', '日立商工会議所', '常陽銀行'],
  },
  常陸太田市: {
    prefecture: '茨城県',
    lead: '常陸太田市商工会',
    members: ['常陸太田市', '常陽銀行', '筑波銀行', '水戸信用金庫', '茨城県信用組合'],
  },
  大子町: {
    prefecture: '茨城県',
    lead: '大子町商工会',
    members: ['大子町', '常陽銀行', '筑波銀行', '茨城県信用組合'],
  },
  長岡市: {
    prefecture: '新潟県',
    lead: '株式会社ひとつぶ',
    members: ['長岡市', '長岡商工会議所', '第四北越銀行', '長岡信用金庫'],
  },
  燕市: {
    prefecture: '新潟県',
    lead: '株式会社つばめいと',
    members: ['燕市', '燕商工会議所', '第四北越銀行', '協栄信用組合'],
  },
  松本市: {
    prefecture: '長野県',
    lead: '松本商工会議所',
    members: [
      '松本市',
      '松本ものづくり産業支援センター',
      '八十二銀行',
      '長野銀行',
      '長野県信用組合',
      '松本信用金庫',
      '信州大学',
    ],
  },
  塩尻市: {
    prefecture: '長野県',
    lead: 'NPO法人MEGURU',
    members: [
      '塩尻市',
      '塩尻商工会議所',
      '塩尻市振興公社',
      '八十二銀行',
      '長野銀行',
      '松本信用金庫',
      '長野県信用組合',
      '信州大学',
      '松本大学',
    ],
  },
  三島市: {
    prefecture: '静岡県',
    lead: '三島信用金庫',
    members: ['三島市', '三島商工会議所', '静岡銀行'],
  },
};

export const PILOT_REGIONS: readonly RegionDef[] = [
  {
    id: 'region:hitachi',
    name: '日立市',
    prefecture: '茨城県',
    nameEn: 'Hitachi',
    areaCode: '0294',
  },
  {
    id: 'region:hitachiota',
    name: '常陸太田市',
    prefecture: '茨城県',
    nameEn: 'Hitachiota',
    areaCode: '0294',
  },
  { id: 'region:daigo', name: '大子町', prefecture: '茨城県', nameEn: 'Daigo', areaCode: '0295' },
  {
    id: 'region:nagaoka',
    name: '長岡市',
    prefecture: '新潟県',
    nameEn: 'Nagaoka',
    areaCode: '0258',
  },
  { id: 'region:tsubame', name: '燕市', prefecture: '新潟県', nameEn: 'Tsubame', areaCode: '0256' },
  {
    id: 'region:matsumoto',
    name: '松本市',
    prefecture: '長野県',
    nameEn: 'Matsumoto',
    areaCode: '0263',
  },
  {
    id: 'region:shiojiri',
    name: '塩尻市',
    prefecture: '長野県',
    nameEn: 'Shiojiri',
    areaCode: '0263',
  },
  {
    id: 'region:mishima',
    name: '三島市',
    prefecture: '静岡県',
    nameEn: 'Mishima',
    areaCode: '055',
  },
];

/** Case regions of the report's §2(1) other than 塩尻市 (already a pilot), and 関東経済産業局's seat. */
export const OTHER_REGIONS: readonly RegionDef[] = [
  { id: 'region:shizuoka', name: '静岡市', prefecture: '静岡県', nameEn: 'Shizuoka' },
  { id: 'region:miyazu', name: '宮津市', prefecture: '京都府', nameEn: 'Miyazu' },
  { id: 'region:akitakata', name: '安芸高田市', prefecture: '広島県', nameEn: 'Akitakata' },
  { id: 'region:kobe', name: '神戸市', prefecture: '兵庫県', nameEn: 'Kobe' },
  { id: 'region:matsuyama', name: '松山市', prefecture: '愛媛県', nameEn: 'Matsuyama' },
  { id: 'region:saitama', name: 'さいたま市', prefecture: '埼玉県', nameEn: 'Saitama' },
];

const CA = 'change_agent';
const SP = 'strategic_partner';
const HR = 'hr_expert';
const EA = 'employee_advocate';

/**
 * Every organisation of the base. Function choices: municipalities lead change and settle
 * people (CA, EA); chambers and 商工会 advise on management (CA, SP); regional banks lend and run
 * licensed 人材紹介 (SP, HR); 信用金庫 / 信用組合 lend (SP); universities supply interns and
 * recurrent education (HR, EA); the HR companies and the NPO that lead a dept do all but SP.
 */
export const BASE_ORGS: readonly OrgDef[] = [
  // 茨城県
  {
    id: 'org:hitachi-isc',
    name: '公益財団法人日立地区産業支援センター',
    kind: 'support_center',
    functions: [CA, SP],
    hq: 'region:hitachi',
  },
  {
    id: 'org:hitachi-city',
    name: '日立市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:hitachi',
  },
  {
    id: 'org:hitachi-cci',
    name: '日立商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:hitachi',
  },
  { id: 'org:joyo-bank', name: '常陽銀行', kind: 'bank', functions: [SP, HR] },
  {
    id: 'org:hitachiota-shokokai',
    name: '常陸太田市商工会',
    kind: 'commerce_assoc',
    functions: [CA, SP],
    hq: 'region:hitachiota',
  },
  {
    id: 'org:hitachiota-city',
    name: '常陸太田市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:hitachiota',
  },
  { id: 'org:tsukuba-bank', name: '筑波銀行', kind: 'bank', functions: [SP, HR] },
  { id: 'org:mito-shinkin', name: '水戸信用金庫', kind: 'shinkin', functions: [SP] },
  { id: 'org:ibaraki-credit-union', name: '茨城県信用組合', kind: 'credit_union', functions: [SP] },
  {
    id: 'org:daigo-shokokai',
    name: '大子町商工会',
    kind: 'commerce_assoc',
    functions: [CA, SP],
    hq: 'region:daigo',
  },
  {
    id: 'org:daigo-town',
    name: '大子町',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:daigo',
  },
  // 新潟県
  {
    id: 'org:hitotsubu',
    name: '株式会社ひとつぶ',
    kind: 'hr_company',
    functions: [CA, HR, EA],
    hq: 'region:nagaoka',
  },
  {
    id: 'org:nagaoka-city',
    name: '長岡市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:nagaoka',
  },
  {
    id: 'org:nagaoka-cci',
    name: '長岡商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:nagaoka',
  },
  { id: 'org:daishi-hokuetsu-bank', name: '第四北越銀行', kind: 'bank', functions: [SP, HR] },
  {
    id: 'org:nagaoka-shinkin',
    name: '長岡信用金庫',
    kind: 'shinkin',
    functions: [SP],
    hq: 'region:nagaoka',
  },
  {
    id: 'org:tsubameito',
    name: '株式会社つばめいと',
    kind: 'hr_company',
    functions: [CA, HR, EA],
    hq: 'region:tsubame',
  },
  {
    id: 'org:tsubame-city',
    name: '燕市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:tsubame',
  },
  {
    id: 'org:tsubame-cci',
    name: '燕商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:tsubame',
  },
  {
    id: 'org:kyoei-credit-union',
    name: '協栄信用組合',
    kind: 'credit_union',
    functions: [SP],
    hq: 'region:tsubame',
  },
  // 長野県
  {
    id: 'org:matsumoto-cci',
    name: '松本商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:matsumoto',
  },
  {
    id: 'org:matsumoto-city',
    name: '松本市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:matsumoto',
  },
  {
    id: 'org:matsumoto-monozukuri',
    name: '松本ものづくり産業支援センター',
    kind: 'support_center',
    functions: [SP, EA],
    hq: 'region:matsumoto',
  },
  { id: 'org:hachijuni-bank', name: '八十二銀行', kind: 'bank', functions: [SP, HR] },
  {
    id: 'org:nagano-bank',
    name: '長野銀行',
    kind: 'bank',
    functions: [SP],
    hq: 'region:matsumoto',
  },
  { id: 'org:nagano-credit-union', name: '長野県信用組合', kind: 'credit_union', functions: [SP] },
  {
    id: 'org:matsumoto-shinkin',
    name: '松本信用金庫',
    kind: 'shinkin',
    functions: [SP],
    hq: 'region:matsumoto',
  },
  {
    id: 'org:shinshu-univ',
    name: '信州大学',
    kind: 'university',
    functions: [HR, EA],
    hq: 'region:matsumoto',
  },
  {
    id: 'org:meguru',
    name: 'NPO法人MEGURU',
    kind: 'npo',
    functions: [CA, HR, EA],
    hq: 'region:shiojiri',
  },
  {
    id: 'org:shiojiri-city',
    name: '塩尻市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:shiojiri',
  },
  {
    id: 'org:shiojiri-cci',
    name: '塩尻商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:shiojiri',
  },
  {
    id: 'org:shiojiri-promotion',
    name: '塩尻市振興公社',
    kind: 'public_corp',
    functions: [HR, EA],
    hq: 'region:shiojiri',
  },
  {
    id: 'org:matsumoto-univ',
    name: '松本大学',
    kind: 'university',
    functions: [HR, EA],
    hq: 'region:matsumoto',
  },
  // 静岡県
  {
    id: 'org:mishima-shinkin',
    name: '三島信用金庫',
    kind: 'shinkin',
    functions: [CA, SP],
    hq: 'region:mishima',
  },
  {
    id: 'org:mishima-city',
    name: '三島市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:mishima',
  },
  {
    id: 'org:mishima-cci',
    name: '三島商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:mishima',
  },
  {
    id: 'org:shizuoka-bank',
    name: '静岡銀行',
    kind: 'bank',
    functions: [SP, HR],
    hq: 'region:shizuoka',
  },
  // Case regions (§2(1)); names the report does not give are descriptive.
  {
    id: 'org:shizuoka-cci',
    name: '静岡商工会議所',
    kind: 'chamber',
    functions: [CA, SP, HR],
    hq: 'region:shizuoka',
  },
  {
    id: 'org:shizuoka-yorozu',
    name: '静岡県よろず支援拠点',
    kind: 'support_center',
    functions: [SP],
    hq: 'region:shizuoka',
  },
  {
    id: 'org:miyazu-city',
    name: '宮津市',
    kind: 'municipality',
    functions: [CA, EA],
    hq: 'region:miyazu',
  },
  {
    id: 'org:miyazu-cci',
    name: '宮津商工会議所',
    kind: 'chamber',
    functions: [CA, SP],
    hq: 'region:miyazu',
  },
  {
    id: 'org:kyoto-hokuto-shinkin',
    name: '京都北都信用金庫',
    kind: 'shinkin',
    functions: [SP],
    hq: 'region:miyazu',
  },
  {
    id: 'org:miyazu-mirai-design',
    name: 'MIYAZU未来デザインセンター',
    kind: 'support_center',
    functions: [CA, HR],
    hq: 'region:miyazu',
  },
  {
    id: 'org:akitakata-npo',
    name: '安芸高田市の地域経営者によるNPO法人',
    kind: 'npo',
    functions: [CA, HR, EA],
    hq: 'region:akitakata',
  },
  {
    id: 'org:kobe-city',
    name: '神戸市',
    kind: 'municipality',
    functions: [CA, HR],
    hq: 'region:kobe',
  },
  {
    id: 'org:kobe-kyujin-station',
    name: '求人ステーションKOBE',
    kind: 'support_center',
    functions: [HR],
    hq: 'region:kobe',
  },
  {
    id: 'org:matsuyama-city',
    name: '松山市',
    kind: 'municipality',
    functions: [CA, HR],
    hq: 'region:matsuyama',
  },
  // The body that runs the 情報共有会 across the eight pilots.
  {
    id: 'org:kanto-meti',
    name: '関東経済産業局',
    kind: 'government',
    functions: [],
    hq: 'region:saitama',
  },
];

export const METI_ORG_ID = 'org:kanto-meti';

/**
 * The case table of the report's §2(1): region → the organisations it names, each with the phrase
 * of the report that identifies it (for organisations the report describes but does not name).
 */
export const CASE_TABLE: Readonly<
  Record<string, readonly { orgId: string; reportText: string }[]>
> = {
  塩尻市: [
    { orgId: 'org:shiojiri-city', reportText: '塩尻市' },
    { orgId: 'org:shiojiri-cci', reportText: '塩尻商工会議所' },
    { orgId: 'org:meguru', reportText: '地域おこし協力隊員が設立したNPO法人' },
  ],
  静岡市: [
    { orgId: 'org:shizuoka-cci', reportText: '静岡商工会議所' },
    { orgId: 'org:shizuoka-yorozu', reportText: 'よろず支援拠点' },
  ],
  宮津市: [
    { orgId: 'org:miyazu-city', reportText: '宮津市' },
    { orgId: 'org:miyazu-cci', reportText: '宮津商工会議所' },
    { orgId: 'org:kyoto-hokuto-shinkin', reportText: '京都北都信用金庫' },
    { orgId: 'org:miyazu-mirai-design', reportText: 'MIYAZU未来デザインセンター' },
  ],
  安芸高田市: [{ orgId: 'org:akitakata-npo', reportText: '地域の経営者によるNPO法人' }],
  神戸市: [
    { orgId: 'org:kobe-city', reportText: '神戸市' },
    { orgId: 'org:kobe-kyujin-station', reportText: '求人ステーションKOBE' },
  ],
  松山市: [{ orgId: 'org:matsuyama-city', reportText: '松山市' }],
};

/** Who works with whom in the case regions, as the case table describes it. */
export const CASE_PARTNERSHIPS: readonly (readonly [string, string])[] = [
  ['org:meguru', 'org:shiojiri-city'],
  ['org:meguru', 'org:shiojiri-cci'],
  ['org:shizuoka-cci', 'org:shizuoka-yorozu'],
  ['org:miyazu-city', 'org:miyazu-mirai-design'],
  ['org:miyazu-cci', 'org:miyazu-mirai-design'],
  ['org:kyoto-hokuto-shinkin', 'org:miyazu-mirai-design'],
  ['org:kobe-city', 'org:kobe-kyujin-station'],
];

const REGION_SLUGS: Record<string, string> = {
  日立市: 'hitachi',
  常陸太田市: 'hitachiota',
  大子町: 'daigo',
  長岡市: 'nagaoka',
  燕市: 'tsubame',
  松本市: 'matsumoto',
  塩尻市: 'shiojiri',
  三島市: 'mishima',
};

/** 塩尻市 ran its 人事部 before the pilot year (it is one of the report's cases). */
const OPERATING_BEFORE_PILOT = new Set(['塩尻市']);

function orgIdByName(name: string): string {
  const org = BASE_ORGS.find((o) => o.name === name);
  if (!org) throw new Error(`pilot table names an unknown organisation: ${name}`);
  return org.id;
}

/** The eight pilot depts, derived from PILOT_TABLE so the table is the single source. */
export const PILOT_DEPTS: readonly DeptDef[] = Object.entries(PILOT_TABLE).map(([region, row]) => {
  const slug = REGION_SLUGS[region];
  if (!slug) throw new Error(`no slug for ${region}`);
  return {
    id: `dept:${slug}`,
    name: `地域の人事部（${region}）`,
    phase: OPERATING_BEFORE_PILOT.has(region) ? 'operating' : 'launching',
    regionId: `region:${slug}`,
    leadId: orgIdByName(row.lead),
    memberIds: row.members.map(orgIdByName),
  };
});

/** 令和4年度 pilot start: when the members joined (an assumption; the report gives no dates). */
export const PILOT_MEMBER_SINCE = '2022-07-01';

/** How actively a member takes part (1..3), by kind: municipalities and chambers drive. */
const ENGAGEMENT_BY_KIND: Partial<Record<OrgKind, 1 | 2 | 3>> = {
  municipality: 3,
  chamber: 3,
  commerce_assoc: 3,
  support_center: 3,
  public_corp: 2,
  bank: 2,
  shinkin: 2,
  credit_union: 2,
  university: 2,
};

export function engagementOf(kind: OrgKind): 1 | 2 | 3 {
  return ENGAGEMENT_BY_KIND[kind] ?? 1;
}

/**
 * Where an organisation is LOCATED_IN: its head-office region if that is one of ours, otherwise
 * every dept region it serves (its branches there).
 */
export function orgLocations(org: OrgDef, depts: readonly DeptDef[]): string[] {
  if (org.hq) return [org.hq];
  return depts
    .filter((d) => d.leadId === org.id || d.memberIds.includes(org.id))
    .map((d) => d.regionId);
}

/** The base as a dataset: regions, organisations, depts and their LEADS/MEMBER_OF/COVERS. */
export function pilotBase(): Dataset {
  const ds = emptyDataset();
  for (const r of [...PILOT_REGIONS, ...OTHER_REGIONS]) {
    ds.nodes.Region.push({
      id: r.id,
      name: r.name,
      prefecture: r.prefecture,
      nameEn: r.nameEn,
      kind: 'municipality',
    });
  }
  const orgKind = new Map(BASE_ORGS.map((o) => [o.id, o.kind]));
  for (const o of BASE_ORGS) {
    ds.nodes.Organization.push({
      id: o.id,
      name: o.name,
      kind: o.kind,
      functions: [...o.functions],
    });
    for (const regionId of orgLocations(o, PILOT_DEPTS)) {
      ds.relationships.LOCATED_IN.push({ from: o.id, to: regionId });
    }
  }
  for (const d of PILOT_DEPTS) {
    ds.nodes.RegionalHRDept.push({ id: d.id, name: d.name, phase: d.phase });
    ds.relationships.LEADS.push({ from: d.leadId, to: d.id });
    ds.relationships.COVERS.push({ from: d.id, to: d.regionId });
    for (const m of d.memberIds) {
      ds.relationships.MEMBER_OF.push({
        from: m,
        to: d.id,
        since: PILOT_MEMBER_SINCE,
        engagement: engagementOf(orgKind.get(m) ?? 'other'),
      });
    }
  }
  for (const [a, b] of CASE_PARTNERSHIPS) ds.relationships.PARTNERS_WITH.push({ from: a, to: b });
  return ds;
}
