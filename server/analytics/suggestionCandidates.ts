/**
 * Candidate pairs of the introduction suggestions: a few per gap, from the gaps, never from all
 * pairs (docs/analytics.md, table "candidate pairs"). Which gaps a candidate closes is decided
 * afterwards, by definition, for every gap (closers.ts).
 */
import {
  type Ctx,
  compareIds,
  deptsOfSme,
  isLocal,
  isPerson,
  knowsStrength,
  leadStaffOfSme,
  regionsNear,
} from './context';
import type { GapCloser } from './closers';
import type { Gap } from './gaps';
import type { KeyPersonScore } from './keyPerson';
import { CANDIDATES as C } from './suggestionWeights';

export interface CandidatePair {
  from: string;
  to: string;
  /** Severity of the most severe gap that proposed the pair. */
  sourceSeverity: number;
}

export function pairId(a: string, b: string): string {
  return a < b ? `intro:${a}+${b}` : `intro:${b}+${a}`;
}

function memo<T>(f: (k: string) => T): (k: string) => T {
  const m = new Map<string, T>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = f(k)));
    return v;
  };
}

/** Whether a person belongs to a dept: works at a team org, or lives or works in its regions. */
function inDept(ctx: Ctx, personId: string, deptId: string): boolean {
  const d = ctx.deptById.get(deptId);
  if (!d) return false;
  const team = new Set(d.team);
  if ((ctx.worksAt.get(personId) ?? []).some((o) => team.has(o))) return true;
  const regs = new Set(d.regions);
  return regionsNear(ctx, personId).some((r) => regs.has(r));
}

/**
 * The candidate pairs proposed by the gaps, keyed by pairId; never a pair already tied by
 * KNOWS, nor one in `excluded` (declined).
 */
export function candidatePairs(
  ctx: Ctx,
  gaps: readonly Gap[],
  keyPersons: readonly KeyPersonScore[],
  closers: readonly GapCloser[],
  excluded: ReadonlySet<string>,
): Map<string, CandidatePair> {
  const { g } = ctx;
  const kpScore = new Map(keyPersons.map((k) => [k.personId, k.score]));
  const K = new Set(keyPersons.filter((k) => k.inGroup).map((k) => k.personId));
  const kpOf = (id: string): number => kpScore.get(id) ?? 0;
  const byKp = (a: string, b: string): number => kpOf(b) - kpOf(a) || compareIds(a, b);
  /** The k best persons of `ids` by key-person score (ties by id). */
  const best = (ids: Iterable<string>, k: number, exclude?: ReadonlySet<string>): string[] =>
    [...new Set(ids)]
      .filter((x) => isPerson(g, x) && !exclude?.has(x))
      .sort(byKp)
      .slice(0, k);
  /** The k best by key-person score plus a bonus. */
  const bestWith = (bonus: Map<string, number>, k: number): string[] =>
    [...bonus.entries()]
      .map(([p, b]) => ({ p, s: b + kpOf(p) }))
      .sort((u, v) => v.s - u.s || compareIds(u.p, v.p))
      .slice(0, k)
      .map((u) => u.p);
  const regionsOf = memo((id) => regionsNear(ctx, id));
  const leadStaffFor = memo((sme): string[] => leadStaffOfSme(ctx, sme));
  /** Staff of the team orgs of the depts covering an SME, by key-person score (per dept set). */
  const rankedTeamStaff = memo((deptKey): string[] => {
    const staff = new Set<string>();
    for (const d of deptKey.split('|'))
      for (const o of ctx.deptById.get(d)?.team ?? [])
        for (const p of ctx.staff.get(o) ?? []) staff.add(p);
    return [...staff].filter((p) => isPerson(g, p)).sort(byKp);
  });

  const out = new Map<string, CandidatePair>();
  const add = (from: string, to: string, sev: number): void => {
    if (from === to || !isPerson(g, from) || !isPerson(g, to)) return;
    if (knowsStrength(ctx, from, to) > 0) return;
    const id = pairId(from, to);
    if (excluded.has(id)) return;
    const c = out.get(id);
    if (!c) out.set(id, { from, to, sourceSeverity: sev });
    else if (sev > c.sourceSeverity) Object.assign(c, { from, to, sourceSeverity: sev });
  };
  const addAll = (xs: readonly string[], ys: readonly string[], sev: number): void => {
    for (const x of xs) for (const y of ys) add(x, y, sev);
  };

  for (const gp of gaps) {
    switch (gp.kind) {
      case 'COORDINATION_GAP': {
        const [, a, b] = gp.nodeIds as [string, string, string];
        addAll(
          best(ctx.staff.get(a) ?? [], C.coordinationStaff),
          best(ctx.staff.get(b) ?? [], C.coordinationStaff),
          gp.severity,
        );
        break;
      }
      case 'UNSUPPORTED_SME': {
        const sme = gp.nodeIds[0] as string;
        const smeRegions = new Set(ctx.regionsOf.get(sme) ?? []);
        const inRegion = (p: string): boolean => regionsOf(p).some((r) => smeRegions.has(r));
        // Best-placed team staff: the highest key-person scores, those in the SME's region first.
        const all = rankedTeamStaff(deptsOfSme(ctx, sme).join('|'));
        const bonus = new Map<string, number>();
        for (const p of all.filter(inRegion).slice(0, C.teamStaff))
          bonus.set(p, C.teamStaffInRegion);
        for (const p of all.filter((q) => !inRegion(q)).slice(0, C.teamStaff)) bonus.set(p, 0);
        addAll(
          best(ctx.staff.get(sme) ?? [], C.smeStaff),
          bestWith(bonus, C.teamStaff),
          gp.severity,
        );
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
          for (const q of ctx.staff.get(o) ?? []) bump(q, C.newcomerColleague);
        for (const e of ctx.engagements) {
          if (e.talentId !== p) continue;
          for (const q of ctx.staff.get(e.smeId) ?? []) bump(q, C.newcomerEngagedSmeStaff);
        }
        for (const f of known) {
          if (f === p) continue;
          for (const q of ctx.knows.get(f)?.keys() ?? []) bump(q, C.newcomerFriendOfFriend);
        }
        const mine = new Set(regionsOf(p));
        for (const k of K)
          if (regionsOf(k).some((r) => mine.has(r))) bump(k, C.newcomerKeyPersonSameRegion);
        addAll([p], bestWith(bonus, C.newcomerLocals), gp.severity);
        break;
      }
      case 'COMMUNITY_SILO': {
        const bonus = new Map<string, number>();
        const dept = gp.deptId;
        for (const k of K) bonus.set(k, dept && inDept(ctx, k, dept) ? C.siloKeyPersonSameDept : 0);
        addAll(best(gp.nodeIds, C.siloMembers), bestWith(bonus, C.siloKeyPersons), gp.severity);
        break;
      }
      case 'FOLLOW_UP_OVERDUE': {
        const [t, sme] = gp.nodeIds as [string, string];
        addAll([t], best(ctx.staff.get(sme) ?? [], C.followUpSmeStaff), gp.severity);
        addAll([t], best(leadStaffFor(sme), C.followUpLeadStaff), gp.severity);
        break;
      }
      default:
        break;
    }
  }

  // KEY_PERSON_DEPENDENCY: a person on the cut-off side (the bridge's neighbours there, the
  // persons cut off, the staff of what is cut off) × one on the lead side (the bridge's
  // neighbours there, the lead's staff); never the bridge itself.
  const seen = new Set<string>();
  for (const c of closers) {
    const sides = c.dependency;
    if (!sides || seen.has(c.gap.id)) continue;
    seen.add(c.gap.id);
    const { T } = ctx;
    const p = sides.personIdx;
    const cutSide: string[] = [];
    const leadSide: string[] = [];
    for (let e = T.off[p]!; e < T.off[p + 1]!; e++) {
      const u = T.nbr[e]!;
      if (sides.pieceOf.has(u)) cutSide.push(T.ids[u]!);
      else if (sides.leadSide[u] === 1) leadSide.push(T.ids[u]!);
    }
    for (const t of c.gap.relatedIds) cutSide.push(t, ...(ctx.staff.get(t) ?? []));
    const dept = ctx.deptById.get(c.gap.nodeIds[0] ?? '');
    if (dept?.lead) leadSide.push(...(ctx.staff.get(dept.lead) ?? []));
    const bridge = new Set([T.ids[p]!]);
    const onCut = (x: string) => sides.pieceOf.has(T.index.get(x) ?? -1);
    const onLead = (y: string) => sides.leadSide[T.index.get(y) ?? -1] === 1;
    addAll(
      best(cutSide, C.dependencySide, bridge).filter(onCut),
      best(leadSide, C.dependencySide, bridge).filter(onLead),
      c.gap.severity,
    );
  }
  return out;
}
