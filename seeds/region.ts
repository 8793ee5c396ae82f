/**
 * Builds the HEALTHY network of one dept region (docs/gaps.md "Planted gaps"): team staff,
 * SMEs, talent, events and KNOWS ties with community structure. The guarantees, and how:
 * - every SME is SUPPORTED by a team org, and every supporting org co-supports an SME with the
 *   lead, so orgs and SMEs stay reachable from the lead without passing through any person
 *   (hence no person is a KEY_PERSON_DEPENDENCY by accident);
 * - every pair of team orgs has a staff-to-staff KNOWS tie (no COORDINATION_GAP);
 * - every person knows a declared key person (no Louvain community can be a COMMUNITY_SILO);
 * - every outside person and talent knows ≥ 2 local persons (no ISOLATED_NEWCOMER);
 * - contracted/active engagements were followed up ≤ 45 days before asOf (no FOLLOW_UP_OVERDUE).
 * The region's plan (plan.ts) is honoured while building: forbidden pairs, the absent org, the
 * liaison org whose other staff are frozen.
 */
import type { NetworkBuilder, KnowsProps } from './builder';
import {
  CHALLENGES,
  ORG_TITLES,
  SKILLS,
  SUPPORT_KIND_OF,
  TIE_CONTEXTS,
  type OrgKind,
} from './catalog';
import type { RelRow } from './dataset';
import { addDays } from './dates';
import { COMPANY_KINDS, COMPANY_STEMS, LEGAL_FORMS, SME_TITLES } from './names';
import type { PeopleFactory, TalentKind } from './people';
import type { RegionPlan, RegionSpec, TeamOrg } from './plan';
import type { Rng } from './random';

export interface BuildContext {
  b: NetworkBuilder;
  people: PeopleFactory;
  asOf: string;
}

/** What planting and the cross-region steps need to know about a built region. */
export interface RegionState {
  spec: RegionSpec;
  plan: RegionPlan;
  /** Declared key persons of the region that may take new ties. */
  keyPersons: string[];
  /** The lead's key staff (the 事務局 coordinators). */
  coordinators: string[];
  /** SME owners declared key persons. */
  localLeaders: string[];
  /** Team org id → the staff serving this dept. */
  teamStaff: Map<string, string[]>;
  /** Team orgs that give SUPPORTS (all but a liaison org). */
  supporters: TeamOrg[];
  smes: string[];
  talents: string[];
  /** Non-key SME staff: ordinary people a silo's weak tie may reach. */
  ordinarySmeStaff: string[];
  /** contracted/active engagements, for FOLLOW_UP_OVERDUE planting. */
  liveEngagements: RelRow<'ENGAGED_WITH'>[];
  liaisonPerson?: string;
  /** Id allocators shared with planting so ids stay unique and readable. */
  nextPersonId: () => string;
  nextSmeId: () => string;
}

const KEY_STAFF_KINDS: ReadonlySet<OrgKind> = new Set([
  'municipality',
  'chamber',
  'commerce_assoc',
]);
const SUPPORT_WEIGHT: Partial<Record<OrgKind, number>> = {
  bank: 3,
  shinkin: 3,
  credit_union: 2,
  chamber: 3,
  commerce_assoc: 3,
};

export function buildRegion(
  ctx: BuildContext,
  rng: Rng,
  spec: RegionSpec,
  plan: RegionPlan,
): RegionState {
  const { b } = ctx;
  let personSeq = 0;
  let smeSeq = 0;
  const state: RegionState = {
    spec,
    plan,
    keyPersons: [],
    coordinators: [],
    localLeaders: [],
    teamStaff: new Map(),
    supporters: spec.team.filter((o) => o.id !== plan.liaisonOrg),
    smes: [],
    talents: [],
    ordinarySmeStaff: [],
    liveEngagements: [],
    nextPersonId: () => `person:${spec.slug}-${String(++personSeq).padStart(4, '0')}`,
    nextSmeId: () => `sme:${spec.slug}-${String(++smeSeq).padStart(4, '0')}`,
  };
  for (const [a, bOrg] of plan.coordination) b.forbidPair(a, bOrg);

  const regionPersons: string[] = [];
  buildTeam(ctx, rng, state, regionPersons);
  tieTeamPairs(ctx, state);
  const { owners, challengesOf } = buildSmes(ctx, rng, state, regionPersons);
  tieClusters(ctx, rng, state, owners);
  buildTalent(ctx, rng, state, owners, challengesOf, regionPersons);
  buildEvents(ctx, rng, state, owners);
  ensureKeyPersonTies(ctx, rng, state, regionPersons);
  ensureLocalTies(ctx, rng, state, regionPersons);
  return state;
}

function since(ctx: BuildContext, rng: Rng, minDays: number, maxDays: number): string {
  return addDays(ctx.asOf, -rng.int(minDays, maxDays));
}

function tie(ctx: BuildContext, rng: Rng, strength: 1 | 2 | 3, context: string): KnowsProps {
  return { strength, context, source: 'seed', since: since(ctx, rng, 30, 3000) };
}

function buildTeam(ctx: BuildContext, rng: Rng, s: RegionState, regionPersons: string[]): void {
  const { b, people } = ctx;
  const { spec, plan } = s;
  const lead = spec.team[0] as TeamOrg;
  for (const org of spec.team) {
    const n = Math.max(3, rng.int(spec.profile.staffPerOrg[0], spec.profile.staffPerOrg[1]));
    const titles = ORG_TITLES[org.kind];
    const staff: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = s.nextPersonId();
      const isKey =
        (org === lead && i < 2) ||
        (i === 0 && (KEY_STAFF_KINDS.has(org.kind) || org.id === plan.liaisonOrg));
      // The NPO / HR-company leads often employ I-turners (地域おこし協力隊 OB/OG).
      const outside =
        org === lead &&
        i === 1 &&
        (lead.kind === 'npo' || lead.kind === 'hr_company') &&
        rng.chance(0.5);
      const title = `${org.branch ? `${org.branch} ` : ''}${titles[i % titles.length]}`;
      people.create(rng, {
        id,
        regionId: spec.region.id,
        title,
        origin: outside ? 'outside' : 'local',
        band: isKey ? 'key' : 'staff',
        isKeyPerson: isKey,
        email: true,
        phoneAreaCode: spec.region.areaCode,
      });
      b.worksAt(id, org.id, title, since(ctx, rng, 200, 7000));
      staff.push(id);
      regionPersons.push(id);
      if (isKey) s.keyPersons.push(id);
      if (isKey && org === lead) s.coordinators.push(id);
    }
    s.teamStaff.set(org.id, staff);
    if (org.id === plan.liaisonOrg) {
      // Planted KEY_PERSON_DEPENDENCY: only staff[0] ties outward; the rest are frozen.
      s.liaisonPerson = staff[0];
      for (const p of staff.slice(1)) b.frozen.add(p);
    }
    for (let i = 0; i < staff.length; i++) {
      for (let j = i + 1; j < staff.length; j++) {
        b.knows(
          staff[i] as string,
          staff[j] as string,
          tie(ctx, rng, 3, TIE_CONTEXTS.colleague),
          true,
        );
      }
    }
  }
  const staffOf = (id: string) => s.teamStaff.get(id) ?? [];
  // Skills of the team: what a coordinator can bring to an SME themselves.
  for (const org of spec.team) {
    for (const p of staffOf(org.id)) {
      if (!rng.chance(0.5)) continue;
      const skill = rng.pick(SKILLS);
      b.addRel('HAS_SKILL', { from: p, to: skill.id, level: rng.int(1, 3) });
    }
  }
}

/** Team staff who may take a new tie (a liaison org offers only its liaison). */
function reachableStaff(s: RegionState, ctx: BuildContext, orgId: string): string[] {
  if (orgId === s.plan.liaisonOrg) return s.liaisonPerson ? [s.liaisonPerson] : [];
  return (s.teamStaff.get(orgId) ?? []).filter((p) => !ctx.b.frozen.has(p));
}

function tieTeamPairs(ctx: BuildContext, s: RegionState): void {
  const team = s.spec.team;
  let k = 0;
  for (let i = 0; i < team.length; i++) {
    for (let j = i + 1; j < team.length; j++) {
      const a = team[i] as TeamOrg;
      const c = team[j] as TeamOrg;
      if (
        s.plan.coordination.some(
          ([x, y]) => (x === a.id && y === c.id) || (x === c.id && y === a.id),
        )
      )
        continue;
      const sa = reachableStaff(s, ctx, a.id);
      const sc = reachableStaff(s, ctx, c.id);
      k++;
      // Rotate through the staff so that no single person carries every inter-org tie.
      let done = false;
      for (let t = 0; t < sa.length * sc.length && !done; t++) {
        const p = sa[(k + t) % sa.length] as string;
        const q = sc[(k + t + Math.floor(t / sa.length)) % sc.length] as string;
        done =
          ctx.b.knows(p, q, { strength: 2, context: TIE_CONTEXTS.council, source: 'seed' }) ||
          ctx.b.knowsEachOther(p, q);
      }
      if (!done) throw new Error(`no staff tie possible between ${a.id} and ${c.id}`);
    }
  }
}

function smeName(rng: Rng): { name: string; industry: string } {
  const [suffix, industry] = rng.pick(COMPANY_KINDS);
  const stem = rng.pick(COMPANY_STEMS);
  const form = rng.pick(LEGAL_FORMS);
  const name =
    form === '株式会社' && rng.chance(0.5) ? `${stem}${suffix}株式会社` : `${form}${stem}${suffix}`;
  return { name, industry };
}

/** Adds an SME node with its challenges and location (no staff, no support). */
export function addSme(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  id: string,
  stage?: 'unaware' | 'interested',
): string[] {
  const { name, industry } = smeName(rng);
  const employees = rng.weighted([rng.int(1, 9), rng.int(10, 49), rng.int(50, 299)], [4, 4, 2]);
  ctx.b.addNode('SME', {
    id,
    name,
    industry,
    employees,
    hasHrStaff: employees >= 50 ? rng.chance(0.6) : employees >= 10 && rng.chance(0.2),
    hasEvaluationSystem: employees >= 50 ? rng.chance(0.7) : rng.chance(0.25),
    stage:
      stage ??
      rng.weighted(
        ['unaware', 'interested', 'engaged', 'matched', 'following_up'] as const,
        [3, 3, 2, 1, 1],
      ),
  });
  ctx.b.addRel('LOCATED_IN', { from: id, to: s.spec.region.id });
  const challenges = rng.sample(CHALLENGES, rng.weighted([1, 2, 3], [2, 2, 1]));
  challenges.forEach((c, i) =>
    ctx.b.addRel('HAS_CHALLENGE', {
      from: id,
      to: c.id,
      priority: (i === 0 ? 1 : rng.int(2, 3)) as 1 | 2 | 3,
    }),
  );
  return challenges.map((c) => c.id);
}

/** Adds `n` staff to an SME (the first is the owner); returns their ids. */
export function addSmeStaff(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  smeId: string,
  n: number,
  opts: { ownerIsKey?: boolean; band?: 'sme' | 'low'; allowOutside?: boolean } = {},
): string[] {
  const staff: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = s.nextPersonId();
    const key = i === 0 && (opts.ownerIsKey ?? false);
    const title = i === 0 ? (SME_TITLES[0] as string) : rng.pick(SME_TITLES.slice(1));
    ctx.people.create(rng, {
      id,
      regionId: s.spec.region.id,
      title,
      // A few U-turn hires: outside persons whom the healthy build gives ≥ 2 local ties.
      origin: opts.allowOutside && i > 0 && rng.chance(0.05) ? 'outside' : 'local',
      band: key ? 'key' : (opts.band ?? 'sme'),
      isKeyPerson: key,
      email: key || rng.chance(0.5),
      ...(key || (i === 0 && rng.chance(0.3)) ? { phoneAreaCode: s.spec.region.areaCode } : {}),
    });
    ctx.b.worksAt(id, smeId, title, addDays(ctx.asOf, -rng.int(100, 9000)));
    staff.push(id);
  }
  return staff;
}

export function support(ctx: BuildContext, rng: Rng, org: TeamOrg, smeId: string): void {
  ctx.b.addRel('SUPPORTS', {
    from: org.id,
    to: smeId,
    kind: SUPPORT_KIND_OF[org.kind],
    since: since(ctx, rng, 100, 5000),
  });
}

/** Which team orgs support SME number `i`: the first ones pair each supporter with the lead. */
function supportersFor(rng: Rng, s: RegionState, i: number): TeamOrg[] {
  const [lead, ...members] = s.supporters as [TeamOrg, ...TeamOrg[]];
  if (i < members.length) return [lead, members[i] as TeamOrg];
  const weights = s.supporters.map((o) => (o === lead ? 2 : (SUPPORT_WEIGHT[o.kind] ?? 1)));
  const first = rng.weighted(s.supporters, weights);
  if (!rng.chance(0.4)) return [first];
  const second = rng.weighted(s.supporters, weights);
  return second === first ? [first] : [first, second];
}

/** Builds the healthy SMEs; returns their owners (in SME order) and each SME's challenges. */
function buildSmes(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  regionPersons: string[],
): { owners: string[]; challengesOf: Map<string, string[]> } {
  const { b } = ctx;
  const owners: string[] = [];
  const challengesOf = new Map<string, string[]>();
  const rotation = new Map<string, number>();
  for (let i = 0; i < s.spec.profile.smes; i++) {
    const smeId = s.nextSmeId();
    challengesOf.set(smeId, addSme(ctx, rng, s, smeId));
    const n = rng.weighted([1, 2, 3], [35, 40, 25]);
    const isLeader = i < s.spec.profile.localLeaders;
    const staff = addSmeStaff(ctx, rng, s, smeId, n, { ownerIsKey: isLeader, allowOutside: true });
    regionPersons.push(...staff);
    s.smes.push(smeId);
    const owner = staff[0] as string;
    owners.push(owner);
    if (isLeader) {
      s.keyPersons.push(owner);
      s.localLeaders.push(owner);
    }
    for (const p of isLeader ? staff.slice(1) : staff) s.ordinarySmeStaff.push(p);
    for (let x = 0; x < staff.length; x++) {
      for (let y = x + 1; y < staff.length; y++) {
        b.knows(staff[x] as string, staff[y] as string, tie(ctx, rng, 3, TIE_CONTEXTS.colleague));
      }
    }
    // Each supporter is a working relationship: the owner knows that org's 担当 for the SME.
    for (const org of supportersFor(rng, s, i)) {
      support(ctx, rng, org, smeId);
      const contacts = reachableStaff(s, ctx, org.id);
      const r = rotation.get(org.id) ?? 0;
      rotation.set(org.id, r + 1);
      b.knows(
        owner,
        contacts[r % contacts.length] as string,
        tie(ctx, rng, 2, TIE_CONTEXTS.client),
      );
    }
  }
  return { owners, challengesOf };
}

/** Neighbourhood clusters: owners know a few owners nearby, staff sometimes too. */
function tieClusters(ctx: BuildContext, rng: Rng, s: RegionState, owners: string[]): void {
  const size = s.spec.profile.clusterSize;
  for (let start = 0; start < owners.length; start += size) {
    const cluster = owners.slice(start, start + size);
    const smes = s.smes.slice(start, start + size);
    for (const o of cluster) {
      for (const other of rng.sample(cluster, rng.int(1, 2))) {
        ctx.b.knows(
          o,
          other,
          tie(ctx, rng, rng.weighted([1, 2] as const, [2, 1]), TIE_CONTEXTS.cluster),
        );
      }
    }
    for (const smeId of smes) {
      for (const p of ctx.b.staff(smeId).slice(1)) {
        if (!rng.chance(0.3)) continue;
        const otherSme = rng.pick(smes);
        const q = rng.pick(ctx.b.staff(otherSme));
        ctx.b.knows(p, q, tie(ctx, rng, 1, TIE_CONTEXTS.cluster));
      }
    }
  }
}

const TALENT_KINDS_W: readonly TalentKind[] = [
  'side_job',
  'dual_work',
  'professional',
  'intern',
  'senior',
  'other',
];
const HOURS: Record<TalentKind, readonly [number, number]> = {
  side_job: [10, 30],
  dual_work: [20, 60],
  professional: [20, 80],
  intern: [40, 120],
  senior: [20, 60],
  other: [10, 40],
};

export function talentSpec(rng: Rng, kind: TalentKind) {
  const [lo, hi] = HOURS[kind];
  return { kind, hoursPerMonth: rng.int(lo, hi), remoteOk: kind !== 'intern' && rng.chance(0.6) };
}

/** Skills for a talent: one aimed at a real challenge of the region, one or two at random. */
export function giveSkills(
  ctx: BuildContext,
  rng: Rng,
  personId: string,
  aimAt?: string,
): string[] {
  const aimed = aimAt ? SKILLS.filter((k) => k.addresses.includes(aimAt)) : [];
  const skills = new Set<string>();
  if (aimed.length > 0) skills.add(rng.pick(aimed).id);
  for (const k of rng.sample(SKILLS, rng.int(1, 2))) skills.add(k.id);
  for (const id of skills)
    ctx.b.addRel('HAS_SKILL', { from: personId, to: id, level: rng.int(1, 3) });
  return [...skills];
}

function buildTalent(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  owners: string[],
  challengesOf: ReadonlyMap<string, string[]>,
  regionPersons: string[],
): void {
  const { b } = ctx;
  const weights = [40, 15, 20, s.spec.internship ? 10 : 0, 10, 5];
  const ownerOf = new Map(s.smes.map((id, i) => [id, owners[i] as string]));
  const smesByChallenge = new Map<string, string[]>();
  for (const [smeId, challenges] of challengesOf) {
    for (const c of challenges) {
      const list = smesByChallenge.get(c);
      if (list) list.push(smeId);
      else smesByChallenge.set(c, [smeId]);
    }
  }
  const challengeIds = [...smesByChallenge.keys()];
  for (let i = 0; i < s.spec.profile.talents; i++) {
    const kind = rng.weighted(TALENT_KINDS_W, weights);
    const local = kind === 'senior' || (kind === 'intern' && rng.chance(0.5));
    const id = s.nextPersonId();
    ctx.people.create(rng, {
      id,
      regionId: s.spec.region.id,
      origin: local ? 'local' : 'outside',
      band: 'talent',
      talent: talentSpec(rng, kind),
      email: true,
    });
    regionPersons.push(id);
    s.talents.push(id);
    const aim = challengeIds.length > 0 ? rng.pick(challengeIds) : undefined;
    giveSkills(ctx, rng, id, aim);
    const coordinator = rng.pick(s.coordinators);
    b.knows(id, coordinator, tie(ctx, rng, 2, TIE_CONTEXTS.talent));
    const engagements = rng.weighted([0, 1, 2], [2, 6, 2]);
    const targets = new Set<string>();
    for (let e = 0; e < engagements && aim; e++)
      targets.add(rng.pick(smesByChallenge.get(aim) ?? s.smes));
    for (const smeId of targets) {
      const row = engagement(ctx, rng, id, smeId);
      b.addRel('ENGAGED_WITH', row);
      if (row.status === 'contracted' || row.status === 'active') s.liveEngagements.push(row);
      b.knows(id, ownerOf.get(smeId) as string, tie(ctx, rng, 2, TIE_CONTEXTS.talent));
    }
    if (rng.chance(0.5)) {
      const org = rng.pick(s.supporters);
      const p = rng.pick(reachableStaff(s, ctx, org.id));
      b.knows(id, p, tie(ctx, rng, 1, TIE_CONTEXTS.talent));
    }
  }
}

/** A healthy engagement: live ones were followed up in the last 45 days (or just started). */
function engagement(
  ctx: BuildContext,
  rng: Rng,
  talentId: string,
  smeId: string,
): RelRow<'ENGAGED_WITH'> {
  const status = rng.weighted(
    ['proposed', 'interviewing', 'contracted', 'active', 'completed', 'dropped'] as const,
    [15, 10, 15, 35, 20, 5],
  );
  const row: RelRow<'ENGAGED_WITH'> = { from: talentId, to: smeId, status };
  if (status === 'contracted' || status === 'active') {
    const started = rng.int(10, 400);
    row.startedAt = addDays(ctx.asOf, -started);
    if (started > 45 || rng.chance(0.5))
      row.lastFollowUpAt = addDays(ctx.asOf, -rng.int(1, Math.min(45, started)));
  } else if (status === 'completed' || status === 'dropped') {
    const started = rng.int(200, 700);
    row.startedAt = addDays(ctx.asOf, -started);
    row.lastFollowUpAt = addDays(ctx.asOf, -started + rng.int(30, 150));
  }
  return row;
}

type EventKind = 'council' | 'seminar' | 'matching' | 'internship' | 'follow_up' | 'hearing';
const EVENT_LABEL: Record<EventKind, readonly string[]> = {
  council: ['地域の人事部 協議会'],
  seminar: [
    '人材確保ノウハウ獲得セミナー',
    '兼業・副業人材活用セミナー',
    '人事評価制度づくりセミナー',
    'DX人材育成セミナー',
    '事業承継セミナー',
  ],
  matching: ['兼業・副業人材マッチング会'],
  internship: ['若者向けインターンシップ'],
  follow_up: ['人材定着フォローアップ面談'],
  hearing: ['経営課題ヒアリング'],
};

function buildEvents(ctx: BuildContext, rng: Rng, s: RegionState, owners: string[]): void {
  const { b } = ctx;
  const absent = new Set(s.plan.coordination.map(([, x]) => x));
  const team = s.spec.team.filter((o) => !absent.has(o.id));
  const lead = s.spec.team[0] as TeamOrg;
  const ofKind = (kinds: OrgKind[]) => team.filter((o) => kinds.includes(o.kind));
  const kinds: EventKind[] = [
    'council',
    'seminar',
    'matching',
    'internship',
    'follow_up',
    'hearing',
  ];
  const weights = [2, 5, s.spec.matching ? 4 : 0, s.spec.internship ? 2 : 0, 3, 4];
  const talents = s.talents;
  const count = new Map<EventKind, number>();
  for (let i = 0; i < s.spec.profile.events; i++) {
    // Every region holds at least one council; the rest follow the weights.
    const kind = i === 0 ? 'council' : rng.weighted(kinds, weights);
    const n = (count.get(kind) ?? 0) + 1;
    count.set(kind, n);
    const id = `event:${s.spec.slug}-${String(i + 1).padStart(4, '0')}`;
    b.addNode('Event', {
      id,
      name: `${rng.pick(EVENT_LABEL[kind])}（${s.spec.region.name}）第${n}回`,
      kind,
      date: addDays(ctx.asOf, -rng.int(1, 540)),
    });
    const host =
      kind === 'seminar'
        ? rng.pick([
            lead,
            ...ofKind(['chamber', 'commerce_assoc', 'bank', 'shinkin', 'university']),
          ])
        : kind === 'hearing'
          ? rng.pick([lead, ...ofKind(['municipality', 'chamber', 'commerce_assoc'])])
          : kind === 'internship'
            ? rng.pick([lead, ...ofKind(['university'])])
            : lead;
    b.addRel('HOSTED', { from: host.id, to: id });
    const attend = (p: string) => b.addRel('ATTENDED', { from: p, to: id });
    const participate = (sme: string) => b.addRel('PARTICIPATED', { from: sme, to: id });
    attend(rng.pick(s.teamStaff.get(host.id) ?? []));
    if (kind === 'council') {
      for (const o of team)
        for (const p of rng.sample(s.teamStaff.get(o.id) ?? [], rng.int(1, 2))) attend(p);
      continue;
    }
    const smeIdx = rng.sample(
      s.smes.map((_, k) => k),
      kind === 'seminar' ? rng.int(4, 10) : rng.int(2, 6),
    );
    for (const k of smeIdx) {
      participate(s.smes[k] as string);
      attend(owners[k] as string);
    }
    if (kind === 'matching' || kind === 'internship' || kind === 'follow_up') {
      for (const t of rng.sample(talents, rng.int(2, 6))) attend(t);
    }
  }
}

function isKey(ctx: BuildContext, id: string): boolean {
  return ctx.b.persons.get(id)?.isKeyPerson ?? false;
}

function ensureKeyPersonTies(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  regionPersons: string[],
): void {
  for (const p of regionPersons) {
    if (ctx.b.frozen.has(p) || isKey(ctx, p)) continue;
    if ([...ctx.b.acquaintancesOf(p)].some((q) => isKey(ctx, q))) continue;
    const ok = rng
      .shuffle(s.keyPersons)
      .some((k) =>
        ctx.b.knows(p, k, tie(ctx, rng, rng.int(1, 2) as 1 | 2, TIE_CONTEXTS.keyPerson)),
      );
    if (!ok) throw new Error(`cannot tie ${p} to a key person`);
  }
}

function ensureLocalTies(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  regionPersons: string[],
): void {
  const { b } = ctx;
  const isLocal = (q: string) => b.persons.get(q)?.origin === 'local';
  const localContacts = [...s.keyPersons, ...[...s.teamStaff.values()].flat()].filter(
    (q) => isLocal(q) && !b.frozen.has(q),
  );
  for (const p of regionPersons) {
    const row = b.persons.get(p);
    if (!row || b.frozen.has(p) || (row.origin === 'local' && !row.isTalent)) continue;
    let local = [...b.acquaintancesOf(p)].filter(isLocal).length;
    for (const q of rng.shuffle(localContacts)) {
      if (local >= 2) break;
      if (b.knows(p, q, tie(ctx, rng, 1, TIE_CONTEXTS.keyPerson))) local++;
    }
    if (local < 2) throw new Error(`cannot give ${p} two local acquaintances`);
  }
}
