/**
 * Outreach plan (SPEC §4.4 `outreachPlan`): which SMEs of a region's dept(s) to approach first,
 * through which team organisation and person, with which programme. Formulas in
 * docs/analytics.md.
 */
import type { NetworkGraph } from './graph';
import {
  type Ctx,
  type Reason,
  AnalyticsInputError,
  buildContext,
  compareIds,
  deptsOfSme,
  knowsStrength,
  listNames,
  nameOf,
  propsOf,
  round4,
} from './context';
import type { KeyPersonScore } from './keyPerson';

import type { OutreachTarget, Programme, ProgrammeKind } from '../../common/answers';

export type { OutreachTarget, Programme, ProgrammeKind };

export interface OutreachOptions {
  /** Default 20, at most 100. */
  limit?: number;
  /** Used to break ties between equally placed staff; T-degree when absent. */
  keyPersons?: KeyPersonScore[];
}

export const OUTREACH_WEIGHTS = {
  support: 0.35,
  stage: 0.25,
  challenges: 0.2,
  hr: 0.1,
  size: 0.1,
} as const;

const STAGE_NEED: Record<string, number> = {
  unaware: 1,
  interested: 0.8,
  engaged: 0.4,
  matched: 0.1,
  following_up: 0,
};

const STAGE_JA: Record<string, string> = {
  unaware: '人材活用への関心がまだない',
  interested: '関心はあるがまだ動いていない',
};

/** Challenge keyword → programme kind. Checked against the challenge's code and name. */
const PROGRAMME_RULES: Array<{ re: RegExp; kind: ProgrammeKind; ja: string; en: string }> = [
  {
    re: /recruit|hiring|young|intern|採用|人手|若手|新卒|インターン/i,
    kind: 'internship',
    ja: 'インターンシップ・採用支援',
    en: 'internship and recruiting support',
  },
  {
    re: /evaluat|training|develop|hr_system|personnel|評価|育成|研修|人事制度|処遇/i,
    kind: 'seminar',
    ja: '人事制度・人材育成セミナー',
    en: 'seminar on HR systems and staff development',
  },
];
const DEFAULT_PROGRAMME = {
  kind: 'matching' as ProgrammeKind,
  ja: '副業・兼業人材とのマッチング',
  en: 'matching with side-job and dual-work talent',
};

export function programmeFor(ctx: Ctx, smeId: string): Programme {
  const stage = String(propsOf(ctx.g, smeId).stage ?? '');
  const chs = (ctx.smeChallenges.get(smeId) ?? [])
    .slice()
    .sort((a, b) => b.priority - a.priority || compareIds(a.challengeId, b.challengeId));
  const top = chs[0];
  const topName = top ? nameOf(ctx.g, top.challengeId) : null;
  if (stage === 'unaware' || !top || !topName) {
    return {
      kind: 'hearing',
      ja: topName ? `経営課題のヒアリング（まず「${topName}」から）` : '経営課題のヒアリング',
      en: topName
        ? `hearing on management challenges (starting with "${topName}")`
        : 'hearing on management challenges',
    };
  }
  const code = String(propsOf(ctx.g, top.challengeId).code ?? '');
  const rule =
    PROGRAMME_RULES.find((r) => r.re.test(code) || r.re.test(topName)) ?? DEFAULT_PROGRAMME;
  return {
    kind: rule.kind,
    ja: `${rule.ja}（課題：${topName}）`,
    en: `${rule.en} (challenge: ${topName})`,
  };
}

export function outreachPlan(
  g: NetworkGraph,
  regionId: string,
  opts: OutreachOptions = {},
): OutreachTarget[] {
  if (!g.hasNode(regionId) || g.getNodeAttribute(regionId, 'kind') !== 'Region') {
    throw new AnalyticsInputError(`No region with id ${regionId}`, 'NOT_FOUND');
  }
  const limit = Math.max(0, Math.min(100, Math.floor(opts.limit ?? 20)));
  const ctx = buildContext(g);
  const deptIds = ctx.deptsByRegion.get(regionId) ?? [];
  const depts = deptIds.map((d) => ctx.deptById.get(d)).filter((d) => d !== undefined);
  const kp = new Map((opts.keyPersons ?? []).map((k) => [k.personId, k.score]));
  const standing = (p: string): number => {
    if (opts.keyPersons) return kp.get(p) ?? 0;
    const i = ctx.T.index.get(p);
    return i === undefined ? 0 : (ctx.T.off[i + 1]! - ctx.T.off[i]!) / 1000;
  };
  const smes = new Set<string>();
  for (const d of depts) for (const s of d.smes) smes.add(s);

  const out: OutreachTarget[] = [];
  for (const sme of [...smes].sort(compareIds)) {
    const team = new Set<string>();
    for (const d of deptsOfSme(ctx, sme))
      for (const o of ctx.deptById.get(d)?.team ?? []) team.add(o);
    for (const d of depts) for (const o of d.team) team.add(o);
    const supporters = (ctx.supportsOf.get(sme) ?? []).filter((o) => team.has(o));
    const smeStaff = ctx.staff.get(sme) ?? [];

    // Best placed (org, person): SUPPORTS (+2) + strongest KNOWS to the SME's staff (1..3).
    let best: { org: string; person: string | null; tie: number; st: number } | null = null;
    const consider = (org: string, person: string | null, tie: number): void => {
      const st = person ? standing(person) : -1;
      if (
        !best ||
        tie > best.tie ||
        (tie === best.tie && st > best.st) ||
        (tie === best.tie &&
          st === best.st &&
          compareIds(`${org}|${person}`, `${best.org}|${best.person}`) < 0)
      ) {
        best = { org, person, tie, st };
      }
    };
    let staffTie = false;
    for (const o of [...team].sort(compareIds)) {
      const sup = supporters.includes(o) ? 2 : 0;
      const staff = ctx.staff.get(o) ?? [];
      for (const p of staff) {
        let k = 0;
        for (const q of smeStaff) k = Math.max(k, knowsStrength(ctx, p, q));
        if (k > 0) staffTie = true;
        if (sup + k > 0) consider(o, p, sup + k);
      }
      if (sup > 0 && staff.length === 0) consider(o, null, sup);
    }
    if (!best) {
      const lead = depts.map((d) => d.lead).find((l): l is string => !!l);
      if (lead) {
        const staff = ctx.staff.get(lead) ?? [];
        if (staff.length === 0) consider(lead, null, 0);
        for (const p of staff) consider(lead, p, 0);
      }
    }
    const via = best as { org: string; person: string | null; tie: number } | null;

    const p = propsOf(g, sme);
    const supportGap =
      supporters.length >= 2 ? 0 : supporters.length === 1 ? 0.3 : staffTie ? 0.6 : 1;
    const stage = String(p.stage ?? '');
    const stageNeed = STAGE_NEED[stage] ?? 0.5;
    const chs = ctx.smeChallenges.get(sme) ?? [];
    const challengeNeed = Math.min(1, chs.reduce((s, c) => s + c.priority, 0) / 6);
    const hrNeed = (p.hasHrStaff === true ? 0 : 0.5) + (p.hasEvaluationSystem === true ? 0 : 0.5);
    const emp = typeof p.employees === 'number' ? p.employees : null;
    const sizeFit =
      emp === null
        ? 0.5
        : emp >= 10 && emp <= 300
          ? 1
          : (emp >= 5 && emp < 10) || (emp > 300 && emp <= 1000)
            ? 0.6
            : 0.3;
    const W = OUTREACH_WEIGHTS;
    const priority =
      W.support * supportGap +
      W.stage * stageNeed +
      W.challenges * challengeNeed +
      W.hr * hrNeed +
      W.size * sizeFit;

    const smeName = nameOf(g, sme);
    const reasons: Reason[] = [];
    if (supportGap === 1) {
      reasons.push({
        code: 'UNSUPPORTED',
        ja: `${smeName}はまだどの支援機関ともつながっていません。`,
        en: `${smeName} is not connected to any support organisation yet.`,
      });
    } else if (supportGap > 0) {
      reasons.push({
        code: 'WEAKLY_SUPPORTED',
        ja:
          supporters.length === 1
            ? `支援しているのは${nameOf(g, supporters[0] as string)}だけです。`
            : `支援機関とのつながりは職員同士の面識だけです。`,
        en:
          supporters.length === 1
            ? `Only ${nameOf(g, supporters[0] as string)} supports it.`
            : `Its only link to the support organisations is an acquaintance between staff.`,
      });
    }
    if (STAGE_JA[stage]) {
      reasons.push({
        code: 'EARLY_STAGE',
        ja: `${STAGE_JA[stage]}段階です。`,
        en:
          stage === 'unaware'
            ? 'Not yet aware of what outside talent could do.'
            : 'Interested but not yet engaged.',
      });
    }
    if (chs.length > 0) {
      const names = listNames(
        chs
          .slice()
          .sort((a, b) => b.priority - a.priority || compareIds(a.challengeId, b.challengeId))
          .map((c) => nameOf(g, c.challengeId)),
      );
      reasons.push({
        code: 'HAS_CHALLENGES',
        ja: `経営課題：${names.ja}`,
        en: `Challenges: ${names.en}`,
      });
    }
    if (p.hasHrStaff === false) {
      reasons.push({ code: 'NO_HR_STAFF', ja: '人事の担当者がいません。', en: 'Has no HR staff.' });
    }
    if (via && via.person) {
      const pn = nameOf(g, via.person);
      const on = nameOf(g, via.org);
      reasons.push(
        via.tie > 0
          ? {
              code: 'EXISTING_TIE',
              ja: `${on}の${pn}さんが既につながっています。`,
              en: `${pn} of ${on} already has a tie to it.`,
            }
          : {
              code: 'VIA_LEAD',
              ja: `既存のつながりがないため、主体組織${on}の${pn}さんから働きかけます。`,
              en: `No existing tie: ${pn} of the lead organisation ${on} makes the approach.`,
            },
      );
    }
    out.push({
      smeId: sme,
      smeName,
      priority: round4(priority),
      viaOrgId: via?.org ?? null,
      viaOrgName: via ? nameOf(g, via.org) : null,
      viaPersonId: via?.person ?? null,
      viaPersonName: via?.person ? nameOf(g, via.person) : null,
      programme: programmeFor(ctx, sme),
      reasons,
    });
  }
  out.sort((a, b) => b.priority - a.priority || compareIds(a.smeId, b.smeId));
  return out.slice(0, limit);
}
