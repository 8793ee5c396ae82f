/**
 * Synthetic municipalities for the `prefecture` and `national` scales: fictional places in
 * fictional prefectures (so nothing is mistaken for a real body), each with a dept whose team
 * mirrors the pilots' make-up — a lead (NPO, HR company or support centre), the municipality,
 * its 商工会議所 or 商工会, a 信用金庫, and the prefecture's bank, credit union and university,
 * which are shared by all depts of that prefecture like 八十二銀行 and 信州大学 are.
 */
import type { OrgFunction } from './catalog';
import type { DeptDef, OrgDef, RegionDef } from './pilot';
import type { Profile, RegionSpec, TeamOrg } from './plan';
import type { Rng } from './random';

const PLACE_HEADS: readonly (readonly [string, string])[] = [
  ['青葉', 'aoba'],
  ['桜', 'sakura'],
  ['緑', 'midori'],
  ['若葉', 'wakaba'],
  ['朝日', 'asahi'],
  ['白石', 'shiraishi'],
  ['高森', 'takamori'],
  ['東山', 'higashiyama'],
  ['西川', 'nishikawa'],
  ['北原', 'kitahara'],
  ['南浜', 'minamihama'],
  ['美里', 'misato'],
  ['花園', 'hanazono'],
  ['清川', 'kiyokawa'],
  ['若松', 'wakamatsu'],
  ['星野', 'hoshino'],
  ['泉', 'izumi'],
  ['月見', 'tsukimi'],
  ['水城', 'mizuki'],
  ['光', 'hikari'],
];
const PLACE_TAILS: readonly (readonly [string, string])[] = [
  ['台', 'dai'],
  ['野', 'no'],
  ['川', 'kawa'],
  ['原', 'hara'],
  ['岡', 'oka'],
  ['沢', 'sawa'],
  ['浜', 'hama'],
  ['谷', 'tani'],
  ['山', 'yama'],
  ['里', 'sato'],
];
const PREFECTURES: readonly (readonly [string, string])[] = [
  ['みずほ県', 'mizuho'],
  ['あさぎ県', 'asagi'],
  ['ときわ県', 'tokiwa'],
  ['かすみ県', 'kasumi'],
  ['ひので県', 'hinode'],
  ['さつき県', 'satsuki'],
  ['やまと県', 'yamato'],
  ['いずみ県', 'izumi'],
  ['しらゆき県', 'shirayuki'],
  ['はるか県', 'haruka'],
];

export const REGIONS_PER_PREFECTURE = 10;
export const MAX_SYNTHETIC_REGIONS = PLACE_HEADS.length * PLACE_TAILS.length;

export const SYNTHETIC_PROFILE: Profile = {
  smes: 1400,
  staffPerOrg: [5, 8],
  talents: 560,
  events: 150,
  localLeaders: 12,
  clusterSize: 12,
};

const CA: OrgFunction = 'change_agent';
const SP: OrgFunction = 'strategic_partner';
const HR: OrgFunction = 'hr_expert';
const EA: OrgFunction = 'employee_advocate';

export interface SyntheticWorld {
  regions: RegionDef[];
  orgs: OrgDef[];
  depts: DeptDef[];
  specs: RegionSpec[];
}

export function syntheticWorld(rng: Rng, count: number): SyntheticWorld {
  if (count > MAX_SYNTHETIC_REGIONS)
    throw new Error(`at most ${MAX_SYNTHETIC_REGIONS} synthetic regions`);
  const world: SyntheticWorld = { regions: [], orgs: [], depts: [], specs: [] };
  const places = rng
    .shuffle(PLACE_HEADS.flatMap((h) => PLACE_TAILS.map((t) => [h, t] as const)))
    .slice(0, count);
  for (let p = 0; p * REGIONS_PER_PREFECTURE < count; p++) {
    const [pref, prefEn] = PREFECTURES[p % PREFECTURES.length] as readonly [string, string];
    const prefStem = pref.replace(/県$/, '');
    const shared = {
      bank: {
        id: `org:syn-${prefEn}-bank`,
        name: `${prefStem}銀行`,
        kind: 'bank',
        functions: [SP, HR],
      },
      union: {
        id: `org:syn-${prefEn}-credit-union`,
        name: `${pref}信用組合`,
        kind: 'credit_union',
        functions: [SP],
      },
      univ: {
        id: `org:syn-${prefEn}-univ`,
        name: `${pref}立大学`,
        kind: 'university',
        functions: [HR, EA],
      },
    } satisfies Record<string, OrgDef>;
    const firstDept = world.depts.length;
    const inPref = places.slice(p * REGIONS_PER_PREFECTURE, (p + 1) * REGIONS_PER_PREFECTURE);
    inPref.forEach(([[head, headEn], [tail, tailEn]], k) => {
      const index = p * REGIONS_PER_PREFECTURE + k;
      const town = rng.chance(0.3);
      const stem = `${head}${tail}`;
      const slug = `syn-${headEn}${tailEn}`;
      const region = {
        id: `region:${slug}`,
        name: `${stem}${town ? '町' : '市'}`,
        prefecture: pref,
        nameEn: `${headEn[0]?.toUpperCase()}${headEn.slice(1)}${tailEn}`,
        areaCode: `0${600 + index}`,
      };
      const local = (
        suffix: string,
        name: string,
        kind: OrgDef['kind'],
        functions: OrgFunction[],
      ): OrgDef => ({
        id: `org:${slug}-${suffix}`,
        name,
        kind,
        functions,
        hq: region.id,
      });
      const leadKind = rng.pick(['npo', 'hr_company', 'support_center'] as const);
      const lead =
        leadKind === 'npo'
          ? local('lead', `NPO法人${stem}しごとラボ`, 'npo', [CA, HR, EA])
          : leadKind === 'hr_company'
            ? local('lead', `株式会社${stem}ワークス`, 'hr_company', [CA, HR, EA])
            : local('lead', `${stem}産業支援センター`, 'support_center', [CA, SP]);
      const members: OrgDef[] = [
        local('city', region.name, 'municipality', [CA, EA]),
        town
          ? local('shokokai', `${region.name}商工会`, 'commerce_assoc', [CA, SP])
          : local('cci', `${region.name}商工会議所`, 'chamber', [CA, SP]),
        local('shinkin', `${stem}信用金庫`, 'shinkin', [SP]),
        shared.bank,
      ];
      if (rng.chance(0.5))
        members.push(local('kosha', `${region.name}振興公社`, 'public_corp', [HR, EA]));
      if (rng.chance(0.5)) members.push(shared.union);
      if (rng.chance(0.5)) members.push(shared.univ);
      world.orgs.push(lead, ...members.filter((o) => o.hq === region.id));
      const dept: DeptDef = {
        id: `dept:${slug}`,
        name: `地域の人事部（${region.name}）`,
        phase: rng.pick(['launching', 'operating', 'self_sustaining'] as const),
        regionId: region.id,
        leadId: lead.id,
        memberIds: members.map((m) => m.id),
      };
      world.regions.push(region);
      world.depts.push(dept);
      const team: TeamOrg[] = [lead, ...members].map((o) => ({
        id: o.id,
        kind: o.kind,
        functions: o.functions,
        shared: o.hq === undefined,
        ...(o.hq === undefined && o.kind !== 'university' ? { branch: `${stem}支店` } : {}),
      }));
      world.specs.push({
        region,
        slug,
        dept,
        team,
        profile: SYNTHETIC_PROFILE,
        matching: true,
        internship: true,
      });
    });
    const used = new Set(world.depts.slice(firstDept).flatMap((d) => d.memberIds));
    world.orgs.push(...Object.values(shared).filter((o) => used.has(o.id)));
  }
  return world;
}
