/**
 * The deterministic synthetic network generator of SPEC §6: the real pilot base, a healthy
 * network around it (region.ts), then planted gaps of every kind (plant.ts), with the truth.
 *
 * Determinism: one seeded PRNG (random.ts), forked per named part, no clock, no Math.random;
 * every list is built in a fixed order. The same options give the same dataset and truth.
 */
import { NetworkBuilder } from './builder';
import { CHALLENGES, SKILLS, TIE_CONTEXTS } from './catalog';
import { ORG_FUNCTIONS } from '../common/model';
import type { Dataset } from './dataset';
import { addDays, parseIsoDate } from './dates';
import { PeopleFactory } from './people';
import {
  BASE_ORGS,
  METI_ORG_ID,
  PILOT_DEPTS,
  PILOT_REGIONS,
  engagementOf,
  orgLocations,
  pilotBase,
  type OrgDef,
  type RegionDef,
} from './pilot';
import {
  PlanBuilder,
  type Profile,
  type RegionPlan,
  type RegionSpec,
  type SimpleCount,
  type TeamOrg,
} from './plan';
import { plantRegion } from './plant';
import { addHistory } from './history';
import { Rng } from './random';
import { buildRegion, type BuildContext, type RegionState } from './region';
import { syntheticWorld } from './synthetic';
import { sortGaps, type PlantedGap, type Scale, type Truth } from './truth';
import { pairKey } from './builder';

export interface GenerateOptions {
  scale: Scale;
  seed: number;
  /** YYYY-MM-DD: the day the data describes; follow-up ages are measured from it. */
  asOf: string;
}

export interface Generated {
  dataset: Dataset;
  truth: Truth;
}

/** Synthetic municipalities per scale (each ≈ 5k nodes). */
const SYNTHETIC_REGIONS: Record<Scale, number> = { pilot: 0, prefecture: 10, national: 100 };

const PILOT_PROFILE: Profile = {
  smes: 40,
  staffPerOrg: [3, 4],
  talents: 12,
  events: 12,
  localLeaders: 3,
  clusterSize: 8,
};

type PlantCounts = { liaison: number; coordination: number; strip: number } & Record<
  SimpleCount,
  number
>;

/** A few of each kind across the eight pilots, so the demo shows every kind. */
const PILOT_TOTALS: PlantCounts = {
  liaison: 2,
  coordination: 3,
  strip: 3,
  unsupported: 4,
  kpdOwner: 2,
  newcomers: 4,
  overdue: 4,
  silos: 3,
};
/** Per synthetic region: tens of each kind at prefecture scale. */
const SYNTHETIC_COUNTS: PlantCounts = {
  liaison: 1,
  coordination: 2,
  strip: 1,
  unsupported: 3,
  kpdOwner: 1,
  newcomers: 3,
  overdue: 3,
  silos: 2,
};

const SIMPLE_COUNTS: readonly SimpleCount[] = [
  'unsupported',
  'kpdOwner',
  'newcomers',
  'overdue',
  'silos',
];

export function generateNetwork(opts: GenerateOptions): Generated {
  parseIsoDate(opts.asOf);
  const root = new Rng(opts.seed);
  const b = new NetworkBuilder();
  const ctx: BuildContext = { b, people: new PeopleFactory(b), asOf: opts.asOf };

  addBase(b);
  addCatalogue(b);
  const pilotSpecs = pilotRegionSpecs();
  const world = syntheticWorld(root.fork('world'), SYNTHETIC_REGIONS[opts.scale]);
  addSyntheticBase(b, root.fork('world-base'), world.regions, world.orgs, world.depts);

  const partnered = new Set(b.ds.relationships.PARTNERS_WITH.map((r) => pairKey(r.from, r.to)));
  const plans = [
    ...planPilots(root.fork('plan:pilot'), pilotSpecs, partnered),
    ...world.specs.map((spec) => planSynthetic(root.fork(`plan:${spec.slug}`), spec, partnered)),
  ];
  for (const plan of plans) plan.siloWeakTies = opts.scale === 'pilot';
  const states = [...pilotSpecs, ...world.specs].map((spec, i) =>
    buildRegion(ctx, root.fork(`region:${spec.slug}`), spec, plans[i] as RegionPlan),
  );
  addInfoSharing(ctx, root.fork('info-sharing'), states.slice(0, pilotSpecs.length));

  const gaps: PlantedGap[] = states.flatMap((s) =>
    plantRegion(ctx, root.fork(`plant:${s.spec.slug}`), s),
  );
  gaps.push(...stripFunctions(b, states));
  addHistory({ b, people: ctx.people, asOf: opts.asOf }, root.fork('history'), states);
  return {
    dataset: b.ds,
    truth: { scale: opts.scale, seed: opts.seed, asOf: opts.asOf, gaps: sortGaps(gaps) },
  };
}

function addBase(b: NetworkBuilder): void {
  const base = pilotBase();
  for (const r of base.nodes.Region) b.addNode('Region', r);
  for (const o of base.nodes.Organization) b.addNode('Organization', o);
  for (const d of base.nodes.RegionalHRDept) b.addNode('RegionalHRDept', d);
  for (const t of ['LEADS', 'MEMBER_OF', 'COVERS', 'LOCATED_IN', 'PARTNERS_WITH'] as const) {
    for (const r of base.relationships[t]) b.addRel(t, r);
  }
}

function addCatalogue(b: NetworkBuilder): void {
  for (const c of CHALLENGES) b.addNode('Challenge', { id: c.id, name: c.name, code: c.code });
  for (const k of SKILLS) {
    b.addNode('Skill', { id: k.id, name: k.name });
    for (const c of k.addresses) b.addRel('ADDRESSES', { from: k.id, to: c });
  }
}

function addSyntheticBase(
  b: NetworkBuilder,
  rng: Rng,
  regions: readonly RegionDef[],
  orgs: OrgDef[],
  depts: typeof PILOT_DEPTS,
): void {
  for (const r of regions)
    b.addNode('Region', {
      id: r.id,
      name: r.name,
      prefecture: r.prefecture,
      nameEn: r.nameEn,
      kind: 'municipality',
    });
  const kindOf = new Map(orgs.map((o) => [o.id, o.kind]));
  for (const o of orgs) {
    b.addNode('Organization', {
      id: o.id,
      name: o.name,
      kind: o.kind,
      functions: [...o.functions],
    });
    for (const regionId of orgLocations(o, depts))
      b.addRel('LOCATED_IN', { from: o.id, to: regionId });
  }
  for (const d of depts) {
    b.addNode('RegionalHRDept', { id: d.id, name: d.name, phase: d.phase });
    b.addRel('LEADS', { from: d.leadId, to: d.id });
    b.addRel('COVERS', { from: d.id, to: d.regionId });
    for (const m of d.memberIds) {
      b.addRel('MEMBER_OF', {
        from: m,
        to: d.id,
        since: addDays('2024-04-01', -rng.int(0, 700)),
        engagement: engagementOf(kindOf.get(m) ?? 'other'),
      });
    }
  }
}

/** Region specs of the eight pilots, from the base data. */
function pilotRegionSpecs(): RegionSpec[] {
  const orgById = new Map(BASE_ORGS.map((o) => [o.id, o]));
  const deptCount = new Map<string, number>();
  for (const d of PILOT_DEPTS)
    for (const id of [d.leadId, ...d.memberIds]) deptCount.set(id, (deptCount.get(id) ?? 0) + 1);
  return PILOT_DEPTS.map((dept) => {
    const region = PILOT_REGIONS.find((r) => r.id === dept.regionId);
    if (!region?.areaCode) throw new Error(`no region for ${dept.id}`);
    const branchName = region.name.replace(/[市町]$/, '');
    const team: TeamOrg[] = [dept.leadId, ...dept.memberIds].map((id) => {
      const o = orgById.get(id) as OrgDef;
      const lender = o.kind === 'bank' || o.kind === 'shinkin' || o.kind === 'credit_union';
      return {
        id,
        kind: o.kind,
        functions: o.functions,
        shared: (deptCount.get(id) ?? 0) > 1,
        ...(lender && o.hq !== region.id ? { branch: `${branchName}支店` } : {}),
      };
    });
    const slug = dept.id.slice('dept:'.length);
    return {
      region: { ...region, areaCode: region.areaCode },
      slug,
      dept,
      team,
      profile: PILOT_PROFILE,
      // 令和4年度: matching everywhere but 長岡市; internships only in 長岡市 and 塩尻市.
      matching: slug !== 'nagaoka',
      internship: slug === 'nagaoka' || slug === 'shiojiri',
    };
  });
}

/** Spreads PILOT_TOTALS over the pilots, one at a time, to regions where each kind fits. */
function planPilots(rng: Rng, specs: RegionSpec[], partnered: ReadonlySet<string>): RegionPlan[] {
  const builders = specs.map((s) => new PlanBuilder(s, partnered));
  const place = (n: number, attempt: (pb: PlanBuilder) => boolean) => {
    let placed = 0;
    while (placed < n) {
      const before = placed;
      for (const pb of rng.shuffle(builders)) {
        if (placed < n && attempt(pb)) placed++;
      }
      if (placed === before) break;
    }
  };
  place(PILOT_TOTALS.liaison, (pb) => pb.plan.liaisonOrg === undefined && pb.tryLiaison(rng));
  place(
    PILOT_TOTALS.coordination,
    (pb) => pb.plan.coordination.length === 0 && pb.tryCoordination(rng),
  );
  place(PILOT_TOTALS.strip, (pb) => pb.plan.strip.length === 0 && pb.tryStrip(rng));
  for (const kind of SIMPLE_COUNTS) {
    place(PILOT_TOTALS[kind], (pb) => {
      if (pb.plan[kind] > 0) return false;
      pb.add(kind);
      return true;
    });
  }
  return builders.map((pb) => pb.plan);
}

function planSynthetic(rng: Rng, spec: RegionSpec, partnered: ReadonlySet<string>): RegionPlan {
  const pb = new PlanBuilder(spec, partnered);
  for (let i = 0; i < SYNTHETIC_COUNTS.liaison; i++) pb.tryLiaison(rng);
  for (let i = 0; i < SYNTHETIC_COUNTS.coordination; i++) pb.tryCoordination(rng);
  for (let i = 0; i < SYNTHETIC_COUNTS.strip; i++) pb.tryStrip(rng);
  for (const kind of SIMPLE_COUNTS) pb.add(kind, SYNTHETIC_COUNTS[kind]);
  return pb.plan;
}

/**
 * 関東経済産業局 runs the 情報共有会 of the eight pilots: its staff know each dept's coordinators
 * and meet them at the sessions.
 */
function addInfoSharing(ctx: BuildContext, rng: Rng, pilots: RegionState[]): void {
  const { b, people } = ctx;
  const staff: string[] = [];
  ['地域経済部 産業人材課長', '産業人材課 課長補佐', '産業人材課 係長'].forEach((title, i) => {
    const id = `person:kanto-meti-${String(i + 1).padStart(4, '0')}`;
    people.create(rng, {
      id,
      regionId: 'region:saitama',
      title,
      origin: 'outside',
      band: 'staff',
      email: true,
      phoneAreaCode: '048',
    });
    b.worksAt(id, METI_ORG_ID, title, addDays(ctx.asOf, -rng.int(200, 3000)));
    staff.push(id);
  });
  for (let i = 0; i < staff.length; i++) {
    for (let j = i + 1; j < staff.length; j++) {
      b.knows(staff[i] as string, staff[j] as string, {
        strength: 3,
        context: TIE_CONTEXTS.colleague,
        source: 'seed',
      });
    }
  }
  for (const s of pilots) {
    for (const p of staff)
      b.knows(p, rng.pick(s.coordinators), {
        strength: 2,
        context: TIE_CONTEXTS.infoSharing,
        source: 'seed',
      });
  }
  for (let n = 1; n <= 3; n++) {
    const id = `event:kanto-meti-info-sharing-${n}`;
    b.addNode('Event', {
      id,
      name: `「地域の人事部」情報共有会 第${n}回`,
      kind: 'info_sharing',
      date: addDays(ctx.asOf, -120 * (4 - n) - rng.int(0, 30)),
    });
    b.addRel('HOSTED', { from: METI_ORG_ID, to: id });
    for (const p of staff) b.addRel('ATTENDED', { from: p, to: id });
    for (const s of pilots)
      for (const p of s.coordinators) b.addRel('ATTENDED', { from: p, to: id });
  }
}

/**
 * FUNCTION_UNCOVERED: removes each planned function from every team org of its dept. Plans only
 * pick functions no shared org of the dept has, so no other dept loses coverage; checked here.
 */
function stripFunctions(b: NetworkBuilder, states: RegionState[]): PlantedGap[] {
  const orgRows = new Map(b.ds.nodes.Organization.map((o) => [o.id, o]));
  const gaps: PlantedGap[] = [];
  for (const s of states) {
    for (const f of s.plan.strip) {
      for (const org of s.spec.team) {
        const row = orgRows.get(org.id);
        if (row?.functions) row.functions = row.functions.filter((x) => x !== f);
      }
      gaps.push({ kind: 'FUNCTION_UNCOVERED', nodeIds: [s.spec.dept.id], detail: f });
    }
  }
  for (const s of states) {
    const covered = new Set(s.spec.team.flatMap((o) => orgRows.get(o.id)?.functions ?? []));
    for (const f of ORG_FUNCTIONS) {
      if (!covered.has(f) && !s.plan.strip.includes(f))
        throw new Error(`${s.spec.dept.id} lost ${f} by accident`);
    }
  }
  return gaps;
}
