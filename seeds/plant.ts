/**
 * Plants the gaps of a region's plan into its healthy network and returns the truth. Each
 * structure is built so that it is exactly one gap of its kind and no gap of any other kind:
 * its members are frozen (no later ties), they are local unless the gap is about newcomers, and
 * every one of them that is not part of a silo knows a declared key person.
 */
import { TIE_CONTEXTS } from './catalog';
import type { KnowsProps } from './builder';
import { addDays } from './dates';
import type { Rng } from './random';
import {
  addSme,
  addSmeStaff,
  giveSkills,
  support,
  talentSpec,
  type BuildContext,
  type RegionState,
} from './region';
import { gapId, type PlantedGap } from './truth';

export function plantRegion(ctx: BuildContext, rng: Rng, s: RegionState): PlantedGap[] {
  const gaps: PlantedGap[] = [];
  const deptId = s.spec.dept.id;
  for (const [a, b] of s.plan.coordination) {
    gaps.push({ kind: 'COORDINATION_GAP', nodeIds: [deptId, ...[a, b].sort()] });
  }
  if (s.liaisonPerson)
    gaps.push({ kind: 'KEY_PERSON_DEPENDENCY', nodeIds: [deptId, s.liaisonPerson] });
  for (let i = 0; i < s.plan.unsupported; i++) gaps.push(plantUnsupported(ctx, rng, s));
  for (let i = 0; i < s.plan.kpdOwner; i++) gaps.push(plantOwnerDependency(ctx, rng, s));
  // Every second newcomer knows one coordinator, the same one for the region: that coordinator
  // is then their only path to the lead, a KEY_PERSON_DEPENDENCY that strands them all.
  const contact: { id?: string } = {};
  for (let i = 0; i < s.plan.newcomers; i++)
    gaps.push(plantNewcomer(ctx, rng, s, i % 2 === 0 ? contact : null));
  if (contact.id) gaps.push({ kind: 'KEY_PERSON_DEPENDENCY', nodeIds: [deptId, contact.id] });
  gaps.push(...plantOverdue(ctx, rng, s));
  for (let i = 0; i < s.plan.silos; i++) gaps.push(plantSilo(ctx, rng, s));
  const ids = new Set<string>();
  return gaps.filter((g) => !ids.has(gapId(g)) && ids.add(gapId(g)));
}

function planted(ctx: BuildContext, rng: Rng, strength: 1 | 2 | 3, context: string): KnowsProps {
  return { strength, context, source: 'seed', since: addDays(ctx.asOf, -rng.int(30, 2000)) };
}

function clique(ctx: BuildContext, rng: Rng, ids: readonly string[], context: string): void {
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      ctx.b.knows(ids[i] as string, ids[j] as string, planted(ctx, rng, 3, context), true);
    }
  }
}

/**
 * An SME no team org supports and whose staff know no team staff. Its 2–3 staff each know a
 * different local-leader key person (SME owners, not team staff): no silo, and no single
 * person's removal cuts the SME off.
 */
function plantUnsupported(ctx: BuildContext, rng: Rng, s: RegionState): PlantedGap {
  const smeId = s.nextSmeId();
  addSme(ctx, rng, s, smeId, 'unaware');
  const leaders = rng.shuffle(s.localLeaders);
  const staff = addSmeStaff(ctx, rng, s, smeId, Math.min(rng.int(2, 3), leaders.length));
  if (staff.length < 2)
    throw new Error(`${s.spec.slug}: an unsupported SME needs two local leaders`);
  for (const p of staff) ctx.b.frozen.add(p);
  clique(ctx, rng, staff, TIE_CONTEXTS.colleague);
  staff.forEach((p, i) =>
    ctx.b.knows(p, leaders[i] as string, planted(ctx, rng, 2, TIE_CONTEXTS.cluster), true),
  );
  return { kind: 'UNSUPPORTED_SME', nodeIds: [smeId] };
}

/**
 * An SME without SUPPORTS whose owner — a declared key person who knows staff of two or more
 * team orgs — is the only tie of the SME and its other staff to the network.
 */
function plantOwnerDependency(ctx: BuildContext, rng: Rng, s: RegionState): PlantedGap {
  const smeId = s.nextSmeId();
  addSme(ctx, rng, s, smeId, 'interested');
  const [owner, ...others] = addSmeStaff(ctx, rng, s, smeId, rng.int(2, 3), {
    ownerIsKey: true,
  }) as [string, ...string[]];
  for (const p of [owner, ...others]) ctx.b.frozen.add(p);
  clique(ctx, rng, [owner, ...others], TIE_CONTEXTS.colleague);
  const orgs = rng.sample(s.supporters, Math.min(3, s.supporters.length));
  for (const org of orgs) {
    const staff = (s.teamStaff.get(org.id) ?? []).filter((p) => !ctx.b.frozen.has(p));
    ctx.b.knows(owner, rng.pick(staff), planted(ctx, rng, 2, TIE_CONTEXTS.client), true);
  }
  return { kind: 'KEY_PERSON_DEPENDENCY', nodeIds: [s.spec.dept.id, owner] };
}

/**
 * A talent from outside with one local acquaintance, the region's `contact` coordinator
 * (drawn by the first newcomer who needs it), or none when `contact` is null.
 */
function plantNewcomer(
  ctx: BuildContext,
  rng: Rng,
  s: RegionState,
  contact: { id?: string } | null,
): PlantedGap {
  const id = s.nextPersonId();
  ctx.people.create(rng, {
    id,
    regionId: s.spec.region.id,
    origin: 'outside',
    band: 'newcomer',
    talent: talentSpec(rng, rng.pick(['side_job', 'professional', 'dual_work'] as const)),
    email: true,
  });
  ctx.b.frozen.add(id);
  const smeId = rng.pick(s.smes);
  giveSkills(ctx, rng, id);
  // A match is being proposed: not yet live, so no follow-up is due.
  ctx.b.addRel('ENGAGED_WITH', { from: id, to: smeId, status: 'proposed' });
  if (contact) {
    contact.id ??= rng.pick(s.coordinators);
    ctx.b.knows(id, contact.id, planted(ctx, rng, 1, TIE_CONTEXTS.newcomer), true);
  }
  return { kind: 'ISOLATED_NEWCOMER', nodeIds: [id] };
}

/**
 * Live engagements whose last follow-up (or, for half of them, their start with no follow-up
 * at all) lies 75–300 days before asOf: clearly past the 60-day rule.
 */
function plantOverdue(ctx: BuildContext, rng: Rng, s: RegionState): PlantedGap[] {
  return rng.sample(s.liveEngagements, s.plan.overdue).map((e, i) => {
    if (i % 2 === 0) {
      const last = rng.int(75, 200);
      e.lastFollowUpAt = addDays(ctx.asOf, -last);
      e.startedAt = addDays(ctx.asOf, -last - rng.int(30, 200));
    } else {
      delete e.lastFollowUpAt;
      e.startedAt = addDays(ctx.asOf, -rng.int(75, 300));
    }
    return { kind: 'FOLLOW_UP_OVERDUE' as const, nodeIds: [e.from, e.to] };
  });
}

/**
 * A dense group of 6–10 local SME people (a 若手経営者の勉強会) who all know each other well,
 * none a key person nor knowing one, with one or two weak ties to ordinary people when the plan
 * allows them (see RegionPlan.siloWeakTies). Their SMEs
 * are supported normally, so nothing but the silo itself is planted.
 */
function plantSilo(ctx: BuildContext, rng: Rng, s: RegionState): PlantedGap {
  const size = rng.int(6, 10);
  const members: string[] = [];
  while (members.length < size) {
    const smeId = s.nextSmeId();
    addSme(ctx, rng, s, smeId);
    support(ctx, rng, rng.pick(s.supporters), smeId);
    const n = Math.min(size - members.length, rng.int(1, 3));
    members.push(...addSmeStaff(ctx, rng, s, smeId, n, { band: 'low' }));
  }
  for (const p of members) ctx.b.frozen.add(p);
  clique(ctx, rng, members, TIE_CONTEXTS.silo);
  const weakTies = s.plan.siloWeakTies ? (size >= 8 ? 2 : 1) : 0;
  const weak = rng.sample(
    s.ordinarySmeStaff.filter((p) => !ctx.b.frozen.has(p)),
    weakTies,
  );
  weak.forEach((q, i) =>
    ctx.b.knows(members[i] as string, q, planted(ctx, rng, 1, TIE_CONTEXTS.cluster), true),
  );
  return { kind: 'COMMUNITY_SILO', nodeIds: [...members].sort() };
}
