/**
 * How an introduction would happen (feasibility: the broker options, best first) and how well
 * the two fit each other (fit), as docs/analytics.md defines them.
 */
import {
  type Ctx,
  type Reason,
  clamp01,
  compareIds,
  nameOf,
  propsOf,
  regionsNear,
} from './context';
import { FEASIBILITY as F, FIT } from './suggestionWeights';

export interface BrokerOption {
  viaId: string | null;
  feasibility: number;
  kind: 'mutual' | 'colleague' | 'same_org' | 'cold';
  /** For a colleague broker: the person of the pair it works with. */
  colleagueOf?: string;
}

/**
 * The routes of an introduction, best first: mutual contacts (by combined strength), then
 * colleagues of one who know the other, then the null option (same organisation, else cold)
 * that ends the list, since nothing after it can be better.
 */
export function brokerOptions(ctx: Ctx, from: string, to: string): BrokerOption[] {
  const out: BrokerOption[] = [];
  const kx = ctx.knows.get(from) ?? new Map<string, number>();
  const ky = ctx.knows.get(to) ?? new Map<string, number>();
  const [small, big] = kx.size <= ky.size ? [kx, ky] : [ky, kx];
  for (const [w, s1] of small) {
    const s2 = big.get(w);
    if (s2 === undefined || w === from || w === to) continue;
    const s = s1 + s2;
    out.push({
      viaId: w,
      kind: 'mutual',
      feasibility: F.mutualMin + ((F.mutualMax - F.mutualMin) * (s - 2)) / 4,
    });
  }
  const mutual = new Set(out.map((o) => o.viaId));
  const orgsX = new Set(ctx.worksAt.get(from) ?? []);
  const orgsY = new Set(ctx.worksAt.get(to) ?? []);
  const colleague = new Map<string, BrokerOption>();
  for (const [me, myOrgs, otherKnows] of [
    [from, orgsX, ky],
    [to, orgsY, kx],
  ] as const) {
    for (const [w, s] of otherKnows) {
      if (w === from || w === to || mutual.has(w)) continue;
      if (!(ctx.worksAt.get(w) ?? []).some((o) => myOrgs.has(o))) continue;
      const f = F.colleagueMin + ((F.colleagueMax - F.colleagueMin) * (s - 1)) / 2;
      const old = colleague.get(w);
      if (!old || f > old.feasibility)
        colleague.set(w, { viaId: w, kind: 'colleague', feasibility: f, colleagueOf: me });
    }
  }
  out.push(...colleague.values());
  const sameOrg = [...orgsX].some((o) => orgsY.has(o));
  out.push(
    sameOrg
      ? { viaId: null, kind: 'same_org', feasibility: F.sameOrg }
      : { viaId: null, kind: 'cold', feasibility: F.cold },
  );
  // Best first; a named broker before the null option at equal feasibility; then by id.
  out.sort(
    (a, b) =>
      b.feasibility - a.feasibility ||
      (a.viaId === null ? 1 : 0) - (b.viaId === null ? 1 : 0) ||
      compareIds(a.viaId ?? '', b.viaId ?? ''),
  );
  return out.slice(0, out.findIndex((o) => o.viaId === null) + 1);
}

/** A person (usually talent) whose skill addresses a challenge of an SME the other works at. */
function skillMatch(
  ctx: Ctx,
  person: string,
  other: string,
): { person: string; sme: string; challenge: string } | null {
  const skills = ctx.skillsOf.get(person);
  if (!skills || skills.length === 0) return null;
  const addressed = new Set<string>();
  for (const s of skills) for (const c of ctx.addresses.get(s.skillId) ?? []) addressed.add(c);
  for (const w of ctx.worksAt.get(other) ?? []) {
    if (ctx.g.getNodeAttribute(w, 'kind') !== 'SME') continue;
    const ch = (ctx.smeChallenges.get(w) ?? [])
      .slice()
      .sort((a, b) => b.priority - a.priority || compareIds(a.challengeId, b.challengeId))
      .find((c) => addressed.has(c.challengeId));
    if (ch) return { person, sme: w, challenge: ch.challengeId };
  }
  return null;
}

/** fit = base + same region + skill for a challenge + consent to share contact (each), ≤ 1. */
export function fitOf(ctx: Ctx, from: string, to: string): { fit: number; reasons: Reason[] } {
  const { g } = ctx;
  const reasons: Reason[] = [];
  let fit = FIT.base;
  const rx = new Set(regionsNear(ctx, from));
  const shared = regionsNear(ctx, to).find((r) => rx.has(r));
  if (shared) {
    fit += FIT.sameRegion;
    reasons.push({
      code: 'SAME_REGION',
      ja: `2人とも${nameOf(g, shared)}で活動しています。`,
      en: `Both are active in ${nameOf(g, shared)}.`,
    });
  }
  const match = skillMatch(ctx, from, to) ?? skillMatch(ctx, to, from);
  if (match) {
    fit += FIT.skillMatchesChallenge;
    reasons.push({
      code: 'SKILL_MATCHES_CHALLENGE',
      ja: `${nameOf(g, match.person)}さんのスキルが${nameOf(g, match.sme)}の課題「${nameOf(g, match.challenge)}」に合っています。`,
      en: `${nameOf(g, match.person)}'s skills address ${nameOf(g, match.sme)}'s challenge "${nameOf(g, match.challenge)}".`,
    });
  }
  const consent = (id: string): number => (propsOf(g, id).consentShareContact === true ? 1 : 0);
  fit += FIT.consentShareContact * (consent(from) + consent(to));
  return { fit: clamp01(fit), reasons };
}
