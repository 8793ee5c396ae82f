/**
 * Introduction suggestions (SPEC §4.3): pairs of people whose new tie would close gaps, each with
 * the best broker for a warm introduction. Candidates come from the gaps, never from all pairs.
 * Formulas in docs/analytics.md.
 */
import type { NetworkGraph } from './graph';
import {
  type Ctx,
  type Reason,
  AnalyticsInputError,
  buildContext,
  clamp01,
  compareIds,
  daysBetween,
  deptsOfSme,
  isLocal,
  isPerson,
  knowsStrength,
  localTieCount,
  nameOf,
  propsOf,
  regionsNear,
  round4,
} from './context';
import type { Gap } from './gaps';
import type { KeyPersonScore } from './keyPerson';
import type { IntroductionSuggestion } from '../../common/answers';

export type { IntroductionSuggestion };

export interface DeclinedPair {
  fromId: string;
  toId: string;
  decidedAt: string;
}

export interface SuggestionOptions {
  gaps: Gap[];
  keyPersons: KeyPersonScore[];
  /** Only suggestions involving this person (or, for an SME, its staff). */
  forId?: string;
  /** Default 10, at most 100. */
  limit?: number;
  declined?: DeclinedPair[];
  /** YYYY-MM-DD, for the 180-day decline window. */
  asOf: string;
}

export const SUGGESTION_DEFAULT_LIMIT = 10;
export const SUGGESTION_MAX_LIMIT = 100;
export const BROKER_CAP = 3;
export const BROKER_CAP_WINDOW = 10;
export const DECLINE_WINDOW_DAYS = 180;
/** Weight of a gap that a tie reduces but does not close on its own. */
export const PARTIAL_WEIGHT = 0.5;
/** Key-person dependencies examined (highest severity first); each costs one BFS of T. */
export const MAX_DEPENDENCY_GAPS = 100;

export const FEASIBILITY = {
  mutualMin: 0.7,
  mutualMax: 1.0,
  sameOrg: 0.6,
  colleagueMin: 0.5,
  colleagueMax: 0.6,
  cold: 0.3,
} as const;

export function suggestionId(a: string, b: string): string {
  return a < b ? `intro:${a}+${b}` : `intro:${b}+${a}`;
}

interface BrokerOption {
  viaId: string | null;
  feasibility: number;
  kind: 'mutual' | 'colleague' | 'same_org' | 'cold';
  /** For a colleague broker: the person of the pair it works with. */
  colleagueOf?: string;
}

interface Candidate {
  from: string;
  to: string;
  sourceSeverity: number;
  closes: Gap[];
  reduces: Gap[];
  gapValue: number;
  fit: number;
  fitReasons: Reason[];
  options: BrokerOption[];
  opt: number;
  score: number;
}

interface DependencyInfo {
  gap: Gap;
  personIdx: number;
  leadSide: Uint8Array;
  pieceOf: Map<number, number>;
  targetPieces: number;
}

/** BFS in T without `skip` from `start`; marks reached nodes in `mark` with `label`. */
function bfsWithout(
  ctx: Ctx,
  start: number,
  skip: number,
  visit: (v: number) => boolean,
  onReach: (v: number) => void,
): void {
  const { off, nbr } = ctx.T;
  const queue: number[] = [start];
  onReach(start);
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h] as number;
    for (let e = off[v]!; e < off[v + 1]!; e++) {
      const u = nbr[e]!;
      if (u === skip || !visit(u)) continue;
      onReach(u);
      queue.push(u);
    }
  }
}

function dependencyInfo(ctx: Ctx, gap: Gap): DependencyInfo | null {
  const [deptId, personId] = gap.nodeIds;
  const dept = ctx.deptById.get(deptId ?? '');
  const p = ctx.T.index.get(personId ?? '');
  const lead = dept?.lead ? ctx.T.index.get(dept.lead) : undefined;
  if (p === undefined || lead === undefined) return null;
  const leadSide = new Uint8Array(ctx.T.n);
  bfsWithout(
    ctx,
    lead,
    p,
    (u) => leadSide[u] === 0,
    (u) => {
      leadSide[u] = 1;
    },
  );
  const pieceOf = new Map<number, number>();
  let pieces = 0;
  for (const t of gap.relatedIds) {
    const ti = ctx.T.index.get(t);
    if (ti === undefined || leadSide[ti] === 1 || pieceOf.has(ti)) continue;
    const label = pieces++;
    bfsWithout(
      ctx,
      ti,
      p,
      (u) => !pieceOf.has(u) && leadSide[u] === 0,
      (u) => {
        pieceOf.set(u, label);
      },
    );
  }
  return { gap, personIdx: p, leadSide, pieceOf, targetPieces: pieces };
}

export function introductionSuggestions(
  g: NetworkGraph,
  opts: SuggestionOptions,
): IntroductionSuggestion[] {
  const ctx = buildContext(g);
  return introductionSuggestionsCtx(ctx, opts);
}

export function introductionSuggestionsCtx(
  ctx: Ctx,
  opts: SuggestionOptions,
): IntroductionSuggestion[] {
  const { g } = ctx;
  const limit = Math.max(
    0,
    Math.min(SUGGESTION_MAX_LIMIT, Math.floor(opts.limit ?? SUGGESTION_DEFAULT_LIMIT)),
  );
  if (limit === 0) return [];
  let forPersons: Set<string> | null = null;
  if (opts.forId !== undefined) {
    if (!g.hasNode(opts.forId))
      throw new AnalyticsInputError(`No node with id ${opts.forId}`, 'NOT_FOUND');
    const kind = g.getNodeAttribute(opts.forId, 'kind');
    if (kind === 'Person') forPersons = new Set([opts.forId]);
    else if (kind === 'SME' || kind === 'Organization')
      forPersons = new Set(ctx.staff.get(opts.forId) ?? []);
    else
      throw new AnalyticsInputError(
        `${opts.forId} is neither a person nor an SME`,
        'BAD_USER_INPUT',
      );
  }

  const kpScore = new Map(opts.keyPersons.map((k) => [k.personId, k.score]));
  const K = new Set(opts.keyPersons.filter((k) => k.inGroup).map((k) => k.personId));
  const kpOf = (id: string): number => kpScore.get(id) ?? 0;
  const byKp = (a: string, b: string): number => kpOf(b) - kpOf(a) || compareIds(a, b);
  const top = (ids: Iterable<string>, k: number, exclude?: Set<string>): string[] =>
    [...new Set(ids)]
      .filter((x) => isPerson(g, x) && !exclude?.has(x))
      .sort(byKp)
      .slice(0, k);

  // ---- declined pairs
  const declined = new Set<string>();
  for (const d of opts.declined ?? []) {
    const age = daysBetween(d.decidedAt, opts.asOf);
    if (Number.isFinite(age) && age > DECLINE_WINDOW_DAYS) continue;
    const froms = isPerson(g, d.fromId) ? [d.fromId] : (ctx.staff.get(d.fromId) ?? []);
    const tos = isPerson(g, d.toId) ? [d.toId] : (ctx.staff.get(d.toId) ?? []);
    for (const a of froms) for (const b of tos) declined.add(suggestionId(a, b));
  }

  // ---- gap indexes
  const newcomerGap = new Map<string, Gap>();
  const coordGaps = new Map<string, Gap>();
  const unsupportedGap = new Map<string, Gap>();
  const siloOf = new Map<string, Gap>();
  const followUps = new Map<string, Gap[]>();
  const depGaps: Gap[] = [];
  for (const gp of opts.gaps) {
    switch (gp.kind) {
      case 'ISOLATED_NEWCOMER':
        newcomerGap.set(gp.nodeIds[0] as string, gp);
        break;
      case 'COORDINATION_GAP': {
        const [, a, b] = gp.nodeIds as [string, string, string];
        coordGaps.set(`${a}|${b}`, gp);
        coordGaps.set(`${b}|${a}`, gp);
        break;
      }
      case 'UNSUPPORTED_SME':
        unsupportedGap.set(gp.nodeIds[0] as string, gp);
        break;
      case 'COMMUNITY_SILO':
        for (const p of gp.nodeIds) siloOf.set(p, gp);
        break;
      case 'FOLLOW_UP_OVERDUE': {
        const t = gp.nodeIds[0] as string;
        const a = followUps.get(t);
        if (a) a.push(gp);
        else followUps.set(t, [gp]);
        break;
      }
      case 'KEY_PERSON_DEPENDENCY':
        depGaps.push(gp);
        break;
      default:
        break;
    }
  }
  const depInfos: DependencyInfo[] = depGaps
    .sort((a, b) => b.severity - a.severity || compareIds(a.id, b.id))
    .slice(0, MAX_DEPENDENCY_GAPS)
    .map((gp) => dependencyInfo(ctx, gp))
    .filter((d): d is DependencyInfo => d !== null);

  const memo = <T>(f: (k: string) => T): ((k: string) => T) => {
    const m = new Map<string, T>();
    return (k) => {
      let v = m.get(k);
      if (v === undefined) m.set(k, (v = f(k)));
      return v;
    };
  };
  const regionsOfP = memo((id) => regionsNear(ctx, id));
  const teamOrgsFor = memo((sme): Set<string> => {
    const s = new Set<string>();
    for (const d of deptsOfSme(ctx, sme)) for (const o of ctx.deptById.get(d)?.team ?? []) s.add(o);
    return s;
  });
  const leadStaffFor = memo((sme): string[] => {
    const out: string[] = [];
    for (const d of deptsOfSme(ctx, sme)) {
      const lead = ctx.deptById.get(d)?.lead;
      if (lead) out.push(...(ctx.staff.get(lead) ?? []));
    }
    return out;
  });
  /** Staff of the team orgs of the depts covering an SME, by key-person score (cached per dept set). */
  const rankedTeamStaff = memo((deptKey): string[] => {
    const orgs = new Set<string>();
    for (const d of deptKey.split('|'))
      for (const o of ctx.deptById.get(d)?.team ?? []) orgs.add(o);
    const staff = new Set<string>();
    for (const o of orgs) for (const p of ctx.staff.get(o) ?? []) staff.add(p);
    return [...staff].filter((p) => isPerson(g, p)).sort(byKp);
  });

  // ---- candidate generation (from the gaps)
  const cands = new Map<string, Candidate>();
  const add = (from: string, to: string, sev: number): void => {
    if (from === to || !isPerson(g, from) || !isPerson(g, to)) return;
    if (knowsStrength(ctx, from, to) > 0) return;
    const id = suggestionId(from, to);
    if (declined.has(id)) return;
    const c = cands.get(id);
    if (c) {
      if (sev > c.sourceSeverity) {
        c.from = from;
        c.to = to;
        c.sourceSeverity = sev;
      }
      return;
    }
    cands.set(id, {
      from,
      to,
      sourceSeverity: sev,
      closes: [],
      reduces: [],
      gapValue: 0,
      fit: 0,
      fitReasons: [],
      options: [],
      opt: 0,
      score: 0,
    });
  };

  for (const gp of opts.gaps) {
    switch (gp.kind) {
      case 'COORDINATION_GAP': {
        const [, a, b] = gp.nodeIds as [string, string, string];
        for (const x of top(ctx.staff.get(a) ?? [], 3)) {
          for (const y of top(ctx.staff.get(b) ?? [], 3)) add(x, y, gp.severity);
        }
        break;
      }
      case 'UNSUPPORTED_SME': {
        const sme = gp.nodeIds[0] as string;
        const smeRegions = new Set(ctx.regionsOf.get(sme) ?? []);
        const inRegion = (p: string): boolean => regionsOfP(p).some((r) => smeRegions.has(r));
        // Best-placed staff: the highest key-person scores, those working in the SME's region first.
        const all = rankedTeamStaff(deptsOfSme(ctx, sme).join('|'));
        const ranked = [
          ...all.filter(inRegion).slice(0, 4),
          ...all.filter((p) => !inRegion(p)).slice(0, 4),
        ]
          .map((p) => ({ p, s: kpOf(p) + (inRegion(p) ? 0.2 : 0) }))
          .sort((u, v) => v.s - u.s || compareIds(u.p, v.p))
          .slice(0, 4)
          .map((u) => u.p);
        for (const x of top(ctx.staff.get(sme) ?? [], 3))
          for (const y of ranked) add(x, y, gp.severity);
        break;
      }
      case 'ISOLATED_NEWCOMER': {
        const p = gp.nodeIds[0] as string;
        const known = new Set(ctx.knows.get(p)?.keys() ?? []);
        known.add(p);
        const bonus = new Map<string, number>();
        const bump = (q: string, v: number): void => {
          if (known.has(q) || !isLocal(g, q) || !isPerson(g, q)) return;
          bonus.set(q, (bonus.get(q) ?? 0) + v);
        };
        for (const o of ctx.worksAt.get(p) ?? [])
          for (const q of ctx.staff.get(o) ?? []) bump(q, 0.3);
        for (const e of ctx.engagements) {
          if (e.talentId === p) for (const q of ctx.staff.get(e.smeId) ?? []) bump(q, 0.3);
        }
        for (const f of known) {
          if (f === p) continue;
          for (const q of ctx.knows.get(f)?.keys() ?? []) bump(q, 0.2);
        }
        const myRegions = new Set(regionsOfP(p));
        for (const k of K) {
          if (regionsOfP(k).some((r) => myRegions.has(r))) bump(k, 0.1);
        }
        const ranked = [...bonus.entries()]
          .map(([q, b]) => ({ q, s: b + kpOf(q) }))
          .sort((u, v) => v.s - u.s || compareIds(u.q, v.q))
          .slice(0, 4);
        for (const { q } of ranked) add(p, q, gp.severity);
        break;
      }
      case 'COMMUNITY_SILO': {
        const members = top(gp.nodeIds, 3);
        const kps = [...K]
          .map((k) => ({
            k,
            s:
              kpOf(k) +
              (gp.deptId && ctx.deptById.has(gp.deptId) && sameDept(ctx, k, gp.deptId) ? 0.3 : 0),
          }))
          .sort((u, v) => v.s - u.s || compareIds(u.k, v.k))
          .slice(0, 3)
          .map((u) => u.k);
        for (const x of members) for (const y of kps) add(x, y, gp.severity);
        break;
      }
      case 'FOLLOW_UP_OVERDUE': {
        const [t, sme] = gp.nodeIds as [string, string];
        for (const y of top(ctx.staff.get(sme) ?? [], 2)) add(t, y, gp.severity);
        for (const y of top(leadStaffFor(sme), 2)) add(t, y, gp.severity);
        break;
      }
      default:
        break;
    }
  }
  for (const info of depInfos) {
    const { T } = ctx;
    const p = info.personIdx;
    const cutSide: string[] = [];
    const leadSide: string[] = [];
    for (let e = T.off[p]!; e < T.off[p + 1]!; e++) {
      const u = T.nbr[e]!;
      const id = T.ids[u] as string;
      if (info.pieceOf.has(u)) cutSide.push(id);
      else if (info.leadSide[u] === 1) leadSide.push(id);
    }
    for (const t of info.gap.relatedIds) cutSide.push(...(ctx.staff.get(t) ?? []));
    const dept = ctx.deptById.get(info.gap.nodeIds[0] ?? '');
    if (dept?.lead) leadSide.push(...(ctx.staff.get(dept.lead) ?? []));
    const pid = T.ids[p] as string;
    const excl = new Set([pid]);
    const xs = top(cutSide, 3, excl).filter((x) => info.pieceOf.has(T.index.get(x) ?? -1));
    const ys = top(leadSide, 3, excl).filter((y) => info.leadSide[T.index.get(y) ?? -1] === 1);
    for (const x of xs) for (const y of ys) add(x, y, info.gap.severity);
  }

  // ---- closure check by definition, for every candidate
  const evaluate = (c: Candidate): void => {
    const closes = new Map<string, Gap>();
    const reduces = new Map<string, Gap>();
    for (const [me, other] of [
      [c.from, c.to],
      [c.to, c.from],
    ] as const) {
      const ng = newcomerGap.get(me);
      if (ng && isLocal(g, other)) {
        const have = localTieCount(ctx, me);
        if (have + 1 >= 2) closes.set(ng.id, ng);
        else reduces.set(ng.id, ng);
      }
      for (const om of ctx.worksAt.get(me) ?? []) {
        for (const oo of ctx.worksAt.get(other) ?? []) {
          const cg = coordGaps.get(`${om}|${oo}`);
          if (cg) closes.set(cg.id, cg);
        }
        const ug = unsupportedGap.get(om);
        if (ug) {
          const team = teamOrgsFor(om);
          if ((ctx.worksAt.get(other) ?? []).some((o) => team.has(o))) closes.set(ug.id, ug);
        }
      }
      const sg = siloOf.get(me);
      if (sg && K.has(other)) closes.set(sg.id, sg);
      for (const fg of followUps.get(me) ?? []) {
        const sme = fg.nodeIds[1] as string;
        const smeStaff = ctx.staff.get(sme) ?? [];
        const alreadyHasContact = smeStaff.some((s) => knowsStrength(ctx, me, s) > 0);
        if (!alreadyHasContact && (smeStaff.includes(other) || leadStaffFor(sme).includes(other))) {
          reduces.set(fg.id, fg);
        }
      }
    }
    const xi = ctx.T.index.get(c.from);
    const yi = ctx.T.index.get(c.to);
    if (xi !== undefined && yi !== undefined) {
      for (const info of depInfos) {
        if (xi === info.personIdx || yi === info.personIdx) continue;
        for (const [a, b] of [
          [xi, yi],
          [yi, xi],
        ] as const) {
          if (info.pieceOf.has(a) && info.leadSide[b] === 1) {
            if (info.targetPieces === 1) closes.set(info.gap.id, info.gap);
            else reduces.set(info.gap.id, info.gap);
          }
        }
      }
    }
    for (const id of closes.keys()) reduces.delete(id);
    c.closes = [...closes.values()].sort(
      (a, b) => b.severity - a.severity || compareIds(a.id, b.id),
    );
    c.reduces = [...reduces.values()].sort(
      (a, b) => b.severity - a.severity || compareIds(a.id, b.id),
    );
    let keep = 1;
    for (const gp of c.closes) keep *= 1 - gp.severity;
    for (const gp of c.reduces) keep *= 1 - PARTIAL_WEIGHT * gp.severity;
    c.gapValue = clamp01(1 - keep);
  };

  const fitOf = (c: Candidate): void => {
    const reasons: Reason[] = [];
    let fit = 0.5;
    const rx = new Set(regionsNear(ctx, c.from));
    const shared = regionsNear(ctx, c.to).find((r) => rx.has(r));
    if (shared) {
      fit += 0.2;
      reasons.push({
        code: 'SAME_REGION',
        ja: `2人とも${nameOf(g, shared)}で活動しています。`,
        en: `Both are active in ${nameOf(g, shared)}.`,
      });
    }
    const match = skillMatch(ctx, c.from, c.to) ?? skillMatch(ctx, c.to, c.from);
    if (match) {
      fit += 0.15;
      reasons.push({
        code: 'SKILL_MATCHES_CHALLENGE',
        ja: `${nameOf(g, match.person)}さんのスキルが${nameOf(g, match.sme)}の課題「${nameOf(g, match.challenge)}」に合っています。`,
        en: `${nameOf(g, match.person)}'s skills address ${nameOf(g, match.sme)}'s challenge "${nameOf(g, match.challenge)}".`,
      });
    }
    const consent = (id: string): number => (propsOf(g, id).consentShareContact === true ? 1 : 0);
    fit += 0.075 * (consent(c.from) + consent(c.to));
    c.fit = clamp01(fit);
    c.fitReasons = reasons;
  };

  const brokersOf = (c: Candidate): BrokerOption[] => {
    const opts2: BrokerOption[] = [];
    const kx = ctx.knows.get(c.from) ?? new Map<string, number>();
    const ky = ctx.knows.get(c.to) ?? new Map<string, number>();
    const [small, big] = kx.size <= ky.size ? [kx, ky] : [ky, kx];
    for (const [w, s1] of small) {
      const s2 = big.get(w);
      if (s2 === undefined || w === c.from || w === c.to) continue;
      const s = s1 + s2;
      opts2.push({
        viaId: w,
        kind: 'mutual',
        feasibility:
          FEASIBILITY.mutualMin + ((FEASIBILITY.mutualMax - FEASIBILITY.mutualMin) * (s - 2)) / 4,
      });
    }
    const mutual = new Set(opts2.map((o) => o.viaId));
    const orgsX = new Set(ctx.worksAt.get(c.from) ?? []);
    const orgsY = new Set(ctx.worksAt.get(c.to) ?? []);
    const colleague = new Map<string, BrokerOption>();
    for (const [me, myOrgs, otherKnows] of [
      [c.from, orgsX, ky],
      [c.to, orgsY, kx],
    ] as const) {
      for (const [w, s] of otherKnows) {
        if (w === c.from || w === c.to || mutual.has(w)) continue;
        if (!(ctx.worksAt.get(w) ?? []).some((o) => myOrgs.has(o))) continue;
        const f =
          FEASIBILITY.colleagueMin +
          ((FEASIBILITY.colleagueMax - FEASIBILITY.colleagueMin) * (s - 1)) / 2;
        const old = colleague.get(w);
        if (!old || f > old.feasibility)
          colleague.set(w, { viaId: w, kind: 'colleague', feasibility: f, colleagueOf: me });
      }
    }
    opts2.push(...colleague.values());
    const sameOrg = [...orgsX].some((o) => orgsY.has(o));
    opts2.push(
      sameOrg
        ? { viaId: null, kind: 'same_org', feasibility: FEASIBILITY.sameOrg }
        : { viaId: null, kind: 'cold', feasibility: FEASIBILITY.cold },
    );
    // Best first; a named broker before the null option at equal feasibility; then by id.
    opts2.sort(
      (a, b) =>
        b.feasibility - a.feasibility ||
        (a.viaId === null ? 1 : 0) - (b.viaId === null ? 1 : 0) ||
        compareIds(a.viaId ?? '', b.viaId ?? ''),
    );
    // The null option ends the list: nothing after it can be better.
    const nullAt = opts2.findIndex((o) => o.viaId === null);
    return opts2.slice(0, nullAt + 1);
  };

  const pending: Candidate[] = [];
  for (const c of cands.values()) {
    if (forPersons && !forPersons.has(c.from) && !forPersons.has(c.to)) continue;
    evaluate(c);
    if (c.gapValue <= 0) continue;
    fitOf(c);
    c.options = brokersOf(c);
    c.opt = 0;
    c.score = c.gapValue * (c.options[0]?.feasibility ?? FEASIBILITY.cold) * c.fit;
    pending.push(c);
  }

  // ---- selection with the broker cap (no more than 3 of the top 10 through one broker)
  const chosen: Candidate[] = [];
  const brokerUse = new Map<string, number>();
  const keyOf = (c: Candidate): string => suggestionId(c.from, c.to);
  while (chosen.length < limit && pending.length > 0) {
    let bi = 0;
    for (let i = 1; i < pending.length; i++) {
      const a = pending[i] as Candidate;
      const b = pending[bi] as Candidate;
      if (a.score > b.score || (a.score === b.score && compareIds(keyOf(a), keyOf(b)) < 0)) bi = i;
    }
    const best = pending[bi] as Candidate;
    const opt = best.options[best.opt] as BrokerOption;
    if (
      chosen.length < BROKER_CAP_WINDOW &&
      opt.viaId !== null &&
      (brokerUse.get(opt.viaId) ?? 0) >= BROKER_CAP
    ) {
      best.opt++;
      const next = best.options[best.opt] as BrokerOption;
      best.score = best.gapValue * next.feasibility * best.fit;
      continue;
    }
    pending[bi] = pending[pending.length - 1] as Candidate;
    pending.pop();
    chosen.push(best);
    if (chosen.length <= BROKER_CAP_WINDOW && opt.viaId !== null) {
      brokerUse.set(opt.viaId, (brokerUse.get(opt.viaId) ?? 0) + 1);
    }
  }

  return chosen.map((c) => toSuggestion(ctx, c));
}

function sameDept(ctx: Ctx, personId: string, deptId: string): boolean {
  const d = ctx.deptById.get(deptId);
  if (!d) return false;
  const team = new Set(d.team);
  if ((ctx.worksAt.get(personId) ?? []).some((o) => team.has(o))) return true;
  const regs = new Set(d.regions);
  return regionsNear(ctx, personId).some((r) => regs.has(r));
}

/** A talent (or any person) whose skill addresses a challenge of an SME the other works at. */
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

function gapReason(ctx: Ctx, gp: Gap, c: Candidate, partial: boolean): Reason {
  const g = ctx.g;
  const n = (id: string | undefined): string => nameOf(g, id ?? '');
  switch (gp.kind) {
    case 'COORDINATION_GAP':
      return {
        code: 'CLOSES_COORDINATION_GAP',
        ja: `${n(gp.nodeIds[1])}と${n(gp.nodeIds[2])}の職員が初めてつながり、機関同士の連携が始まります。`,
        en: `Staff of ${n(gp.nodeIds[1])} and ${n(gp.nodeIds[2])} get to know each other, so the two organisations start working together.`,
      };
    case 'UNSUPPORTED_SME':
      return {
        code: 'CLOSES_UNSUPPORTED_SME',
        ja: `まだ支援につながっていない${n(gp.nodeIds[0])}が、地域の人事部の支援機関とつながります。`,
        en: `${n(gp.nodeIds[0])}, which no support organisation reaches yet, gets a contact in the regional HR department.`,
      };
    case 'ISOLATED_NEWCOMER':
      return partial
        ? {
            code: 'NEWCOMER_FIRST_LOCAL_TIE',
            ja: `${n(gp.nodeIds[0])}さんに地域の知り合いができます（まだ2人目が必要です）。`,
            en: `${n(gp.nodeIds[0])} gets a local acquaintance (a second one is still needed).`,
          }
        : {
            code: 'CLOSES_ISOLATED_NEWCOMER',
            ja: `${n(gp.nodeIds[0])}さんに2人目の地域の知り合いができ、孤立が解消されます。`,
            en: `${n(gp.nodeIds[0])} gets a second local acquaintance and is no longer isolated.`,
          };
    case 'COMMUNITY_SILO': {
      const member = gp.nodeIds.includes(c.from) ? c.from : c.to;
      const kp = member === c.from ? c.to : c.from;
      return {
        code: 'CLOSES_COMMUNITY_SILO',
        ja: `キーパーソン群から離れた${gp.nodeIds.length}人のまとまりの${n(member)}さんが、キーパーソンの${n(kp)}さんとつながります。`,
        en: `${n(member)}, of a group of ${gp.nodeIds.length} people with no tie to the key persons, meets key person ${n(kp)}.`,
      };
    }
    case 'KEY_PERSON_DEPENDENCY':
      return partial
        ? {
            code: 'REDUCES_KEY_PERSON_DEPENDENCY',
            ja: `${n(gp.nodeIds[1])}さんだけに頼っていたつながりの一部に、2本目の橋ができます。`,
            en: `Adds a second bridge for part of what only ${n(gp.nodeIds[1])} connects today.`,
          }
        : {
            code: 'CLOSES_KEY_PERSON_DEPENDENCY',
            ja: `${n(gp.nodeIds[1])}さんに頼らない2本目の橋ができ、1人への依存が解消されます。`,
            en: `Creates a second bridge, so the network no longer depends on ${n(gp.nodeIds[1])} alone.`,
          };
    case 'FOLLOW_UP_OVERDUE':
      return {
        code: 'FOLLOW_UP_CONTACT',
        ja: `${n(gp.nodeIds[0])}さんと${n(gp.nodeIds[1])}の関わりをフォローアップする窓口ができます。`,
        en: `Gives ${n(gp.nodeIds[0])}'s engagement with ${n(gp.nodeIds[1])} someone to follow it up.`,
      };
    default:
      return { code: 'CLOSES_GAP', ja: gp.explanationJa, en: gp.explanationEn };
  }
}

function toSuggestion(ctx: Ctx, c: Candidate): IntroductionSuggestion {
  const g = ctx.g;
  const opt = c.options[c.opt] as BrokerOption;
  const reasons: Reason[] = [];
  for (const gp of c.closes.slice(0, 3)) reasons.push(gapReason(ctx, gp, c, false));
  for (const gp of c.reduces.slice(0, 2)) reasons.push(gapReason(ctx, gp, c, true));
  const fromName = nameOf(g, c.from);
  const toName = nameOf(g, c.to);
  if (opt.kind === 'mutual' && opt.viaId) {
    const v = nameOf(g, opt.viaId);
    reasons.push({
      code: 'VIA_MUTUAL_CONTACT',
      ja: `${v}さんが${fromName}さんと${toName}さんの両方を知っています。${v}さんに紹介を頼めます。`,
      en: `${v} knows both ${fromName} and ${toName} and can introduce them.`,
    });
  } else if (opt.kind === 'colleague' && opt.viaId) {
    const v = nameOf(g, opt.viaId);
    const col = nameOf(g, opt.colleagueOf ?? '');
    const oth = opt.colleagueOf === c.from ? toName : fromName;
    reasons.push({
      code: 'VIA_COLLEAGUE',
      ja: `${col}さんの同僚の${v}さんが${oth}さんを知っています。`,
      en: `${v}, a colleague of ${col}, knows ${oth}.`,
    });
  } else if (opt.kind === 'same_org') {
    reasons.push({
      code: 'SAME_ORGANISATION',
      ja: `2人は同じ組織に所属していますが、まだ面識がありません。`,
      en: `They work at the same organisation but have not met yet.`,
    });
  } else {
    reasons.push({
      code: 'COLD_INTRODUCTION',
      ja: `共通の知人がいないため、事務局（コーディネーター）から紹介します。`,
      en: `They have no contact in common: the coordinator makes the introduction.`,
    });
  }
  if (c.opt > 0 && c.options[0]?.viaId) {
    reasons.push({
      code: 'BROKER_BUSY',
      ja: `${nameOf(g, c.options[0].viaId)}さんには既に多くの紹介をお願いしているため、別の経路にしました。`,
      en: `${nameOf(g, c.options[0].viaId)} is already asked for several introductions, so another route is used.`,
    });
  }
  reasons.push(...c.fitReasons);
  return {
    id: suggestionId(c.from, c.to),
    fromId: c.from,
    fromName,
    toId: c.to,
    toName,
    viaId: opt.viaId,
    viaName: opt.viaId ? nameOf(g, opt.viaId) : null,
    score: round4(c.score),
    gapValue: round4(c.gapValue),
    feasibility: round4(opt.feasibility),
    fit: round4(c.fit),
    closes: c.closes.map((gp) => gp.id),
    reasons,
  };
}
