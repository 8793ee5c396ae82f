/**
 * Talent matches for an SME (SPEC §4.4 `talentMatches`). Formulas in docs/analytics.md.
 */
import type { NetworkGraph } from './graph';
import {
  type Reason,
  AnalyticsInputError,
  NK_SME,
  R_KNOWS,
  R_WORKS_AT,
  buildContext,
  compareIds,
  isTalent,
  nameOf,
  propsOf,
  regionsNear,
  round4,
} from './context';
import type { TalentMatch } from '../../common/answers';

export type { TalentMatch };

export const TALENT_WEIGHTS = { coverage: 0.5, hours: 0.15, location: 0.15, path: 0.2 } as const;
/** Hours per month at which the hours factor reaches 1. */
export const FULL_HOURS = 40;

export function talentMatches(
  g: NetworkGraph,
  smeId: string,
  opts: { limit?: number } = {},
): TalentMatch[] {
  if (!g.hasNode(smeId) || g.getNodeAttribute(smeId, 'kind') !== 'SME') {
    throw new AnalyticsInputError(`No SME with id ${smeId}`, 'NOT_FOUND');
  }
  const limit = Math.max(0, Math.min(100, Math.floor(opts.limit ?? 10)));
  const ctx = buildContext(g);
  const { T } = ctx;
  const challenges = ctx.smeChallenges.get(smeId) ?? [];
  const totalPriority = challenges.reduce((s, c) => s + c.priority, 0);
  const smeRegions = new Set(ctx.regionsOf.get(smeId) ?? []);

  // BFS from the SME over WORKS_AT and KNOWS edges; persons at distance d are d − 1 hops from
  // the nearest staff member. Other SMEs are not crossed (they are not a working path).
  const dist = new Int32Array(T.n).fill(-1);
  const src = T.index.get(smeId);
  if (src !== undefined) {
    const queue = [src];
    dist[src] = 0;
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h] as number;
      if (v !== src && T.kind[v] === NK_SME) continue;
      for (let e = T.off[v]!; e < T.off[v + 1]!; e++) {
        const r = T.rel[e];
        if (r !== R_KNOWS && r !== R_WORKS_AT) continue;
        const u = T.nbr[e]!;
        if (dist[u] !== -1) continue;
        dist[u] = dist[v]! + 1;
        queue.push(u);
      }
    }
  }

  const active = new Set(
    ctx.engagements
      .filter((e) => e.smeId === smeId && (e.status === 'active' || e.status === 'contracted'))
      .map((e) => e.talentId),
  );
  const out: TalentMatch[] = [];
  for (const t of ctx.persons) {
    if (!isTalent(g, t) || active.has(t)) continue;
    const addressed = new Map<string, number>();
    for (const s of ctx.skillsOf.get(t) ?? []) {
      for (const c of ctx.addresses.get(s.skillId) ?? []) {
        addressed.set(c, Math.max(addressed.get(c) ?? 0, Math.min(3, s.level) / 3));
      }
    }
    let covered = 0;
    const coveredNames: string[] = [];
    for (const c of [...challenges].sort(
      (a, b) => b.priority - a.priority || compareIds(a.challengeId, b.challengeId),
    )) {
      const lv = addressed.get(c.challengeId) ?? 0;
      if (lv > 0) {
        covered += c.priority * lv;
        coveredNames.push(nameOf(g, c.challengeId));
      }
    }
    const coverage = totalPriority > 0 ? covered / totalPriority : 0;
    if (totalPriority > 0 && coverage === 0) continue;
    const p = propsOf(g, t);
    const hours = typeof p.hoursPerMonth === 'number' ? p.hoursPerMonth : null;
    const remoteOk = p.remoteOk === true;
    const tRegions = regionsNear(ctx, t);
    const local =
      tRegions.length > 0 ? tRegions.some((r) => smeRegions.has(r)) : p.origin === 'local';
    const location = local ? 1 : remoteOk ? 0.8 : 0.2;
    const ti = T.index.get(t);
    const d = ti === undefined ? -1 : dist[ti]!;
    const pathLength = d > 0 ? d - 1 : null;
    const pathFit = pathLength === null ? 0 : Math.max(0, 1 - Math.max(0, pathLength - 1) / 4);
    const hoursFit = hours === null ? 0.5 : Math.min(1, hours / FULL_HOURS);
    const W = TALENT_WEIGHTS;
    const score =
      W.coverage * coverage + W.hours * hoursFit + W.location * location + W.path * pathFit;

    const name = nameOf(g, t);
    const sme = nameOf(g, smeId);
    const reasons: Reason[] = [];
    if (coveredNames.length > 0) {
      reasons.push({
        code: 'COVERS_CHALLENGES',
        ja: `スキルが${sme}の課題「${coveredNames.join('」「')}」に対応します（充足度 ${Math.round(coverage * 100)}%）。`,
        en: `Skills address ${sme}'s challenges: ${coveredNames.join(', ')} (coverage ${Math.round(coverage * 100)}%).`,
      });
    }
    if (hours !== null) {
      reasons.push({
        code: 'HOURS',
        ja: `月${hours}時間まで関われます。`,
        en: `Available up to ${hours} hours a month.`,
      });
    }
    reasons.push(
      local
        ? { code: 'LOCAL', ja: '地域内で活動しています。', en: 'Based in the region.' }
        : remoteOk
          ? {
              code: 'REMOTE_OK',
              ja: '地域外ですがリモートで関われます。',
              en: 'Outside the region, but can work remotely.',
            }
          : {
              code: 'NOT_LOCAL',
              ja: '地域外で、リモート不可です。',
              en: 'Outside the region and cannot work remotely.',
            },
    );
    if (pathLength !== null) {
      reasons.push(
        pathLength <= 1
          ? {
              code: 'KNOWS_STAFF',
              ja: `${sme}の人と既に面識があります。`,
              en: `Already knows someone at ${sme}.`,
            }
          : {
              code: 'WARM_PATH',
              ja: `${sme}の人まで${pathLength}ステップでつながっています。`,
              en: `${pathLength} steps from someone at ${sme}.`,
            },
      );
    }
    out.push({
      talentId: t,
      talentName: name,
      score: round4(score),
      coverage: round4(coverage),
      coveredChallenges: coveredNames,
      hoursPerMonth: hours,
      remoteOk,
      pathLength,
      reasons,
    });
  }
  out.sort((a, b) => b.score - a.score || compareIds(a.talentId, b.talentId));
  return out.slice(0, limit);
}
