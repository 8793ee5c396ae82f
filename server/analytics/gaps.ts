/**
 * Network gaps (SPEC §4.2), exactly as docs/gaps.md defines them. Severity formulas are in
 * docs/analytics.md.
 */
import type { NetworkGraph } from './graph';
import {
  type Ctx,
  type DeptInfo,
  NK_PERSON,
  buildContext,
  clamp01,
  compareIds,
  daysBetween,
  deptsOfPerson,
  deptsOfSme,
  isLocal,
  isNewcomer,
  isTalent,
  listNames,
  nameOf,
  personCommunities,
  propsOf,
  round4,
  todayIso,
} from './context';
import { type KeyPersonOptions, type KeyPersonScore, keyPersonGroupCtx } from './keyPerson';
import { dfsFrom, dfsState } from './articulation';

import { GAP_KINDS, type GapKind } from '../../common/model';
import type { Gap } from '../../common/answers';

export type { Gap };

export { GAP_KINDS, type GapKind };

export interface NetworkGapsOptions {
  /** YYYY-MM-DD; default today (UTC). */
  asOf?: string;
  followUpDays?: number;
  /** The キーパーソン群 (computed with `keyPersonOptions` when absent). */
  keyPersons?: KeyPersonScore[];
  keyPersonOptions?: KeyPersonOptions;
  kinds?: GapKind[];
}

export const DEFAULT_FOLLOW_UP_DAYS = 60;
export const SILO_MIN_SIZE = 5;

export const FUNCTION_NAMES: Record<string, { ja: string; en: string }> = {
  change_agent: { ja: '変革の推進役（チェンジ・エージェント）', en: 'change agent' },
  strategic_partner: { ja: '戦略パートナー', en: 'strategic partner' },
  hr_expert: { ja: '人事の専門家', en: 'HR expert' },
  employee_advocate: { ja: '従業員の代弁者', en: 'employee advocate' },
};
const FUNCTIONS = Object.keys(FUNCTION_NAMES);

const STAGE_NEED: Record<string, number> = {
  unaware: 1,
  interested: 0.8,
  engaged: 0.5,
  matched: 0.2,
  following_up: 0.1,
};

export function makeGapId(kind: GapKind, nodeIds: string[], detail: string | null): string {
  return `${kind}:${nodeIds.join('+')}${detail ? `#${detail}` : ''}`;
}

function gap(
  kind: GapKind,
  nodeIds: string[],
  fields: Omit<Gap, 'id' | 'kind' | 'nodeIds' | 'detail'> & { detail?: string | null },
): Gap {
  const detail = fields.detail ?? null;
  return {
    id: makeGapId(kind, nodeIds, detail),
    kind,
    nodeIds,
    relatedIds: fields.relatedIds,
    detail,
    deptId: fields.deptId,
    severity: round4(clamp01(fields.severity)),
    explanationJa: fields.explanationJa,
    explanationEn: fields.explanationEn,
  };
}

// ---------------------------------------------------------------------------------------------
// UNSUPPORTED_SME

/** Whether some staff of `smeId` KNOWS some staff of an org in `orgs`. */
function staffKnowsStaffOf(ctx: Ctx, smeId: string, isTeamOrg: (org: string) => boolean): boolean {
  for (const s of ctx.staff.get(smeId) ?? []) {
    for (const q of ctx.knows.get(s)?.keys() ?? []) {
      for (const o of ctx.worksAt.get(q) ?? []) if (isTeamOrg(o)) return true;
    }
  }
  return false;
}

function unsupportedSmeGaps(ctx: Ctx): Gap[] {
  const out: Gap[] = [];
  const smes = new Set<string>();
  for (const d of ctx.depts) for (const s of d.smes) smes.add(s);
  for (const sme of [...smes].sort(compareIds)) {
    const depts = deptsOfSme(ctx, sme)
      .map((id) => ctx.deptById.get(id))
      .filter((d): d is DeptInfo => d !== undefined);
    const teamOrgs = new Set<string>();
    for (const d of depts) for (const o of d.team) teamOrgs.add(o);
    if ((ctx.supportsOf.get(sme) ?? []).some((o) => teamOrgs.has(o))) continue;
    if (staffKnowsStaffOf(ctx, sme, (o) => teamOrgs.has(o))) continue;
    const p = propsOf(ctx.g, sme);
    const need = STAGE_NEED[String(p.stage)] ?? 0.5;
    const prio = (ctx.smeChallenges.get(sme) ?? []).reduce((s, c) => s + c.priority, 0);
    const severity = 0.5 + 0.2 * need + 0.2 * Math.min(1, prio / 6) + (p.hasHrStaff ? 0 : 0.1);
    const dept = depts[0];
    const smeName = nameOf(ctx.g, sme);
    const deptName = dept ? dept.name : '地域の人事部';
    out.push(
      gap('UNSUPPORTED_SME', [sme], {
        relatedIds: depts.map((d) => d.id),
        deptId: dept?.id ?? null,
        severity,
        explanationJa: `${smeName}は${deptName}の主体組織・構成機関のどこからも支援を受けておらず、同社の人と構成機関の職員の間にも面識がありません。`,
        explanationEn: `${smeName} is not supported by the lead or any member of ${dept ? dept.name : 'the regional HR department'}, and none of its people knows anyone at those organisations.`,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// COORDINATION_GAP

function functionsOf(ctx: Ctx, org: string): string[] {
  const f = propsOf(ctx.g, org).functions;
  if (Array.isArray(f)) return f.map(String);
  if (typeof f === 'string')
    return f
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

function eventsOfOrg(ctx: Ctx, org: string): Set<string> {
  const out = new Set<string>(ctx.hosted.get(org) ?? []);
  for (const s of ctx.staff.get(org) ?? []) for (const e of ctx.attended.get(s) ?? []) out.add(e);
  return out;
}

function coordinationGaps(ctx: Ctx): Gap[] {
  const out: Gap[] = [];
  for (const d of ctx.depts) {
    const team = d.team;
    const teamSet = new Set(team);
    const tied = new Set<string>();
    // KNOWS between staff: walk each staff member's acquaintances once.
    for (const a of team) {
      for (const s of ctx.staff.get(a) ?? []) {
        for (const q of ctx.knows.get(s)?.keys() ?? []) {
          for (const b of ctx.worksAt.get(q) ?? []) {
            if (b !== a && teamSet.has(b)) tied.add(a < b ? `${a}|${b}` : `${b}|${a}`);
          }
        }
      }
    }
    const events = new Map(team.map((o) => [o, eventsOfOrg(ctx, o)]));
    for (let i = 0; i < team.length; i++) {
      for (let j = i + 1; j < team.length; j++) {
        const a = team[i] as string;
        const b = team[j] as string;
        if (tied.has(`${a}|${b}`) || ctx.partners.has(`${a}|${b}`)) continue;
        const ea = events.get(a) as Set<string>;
        const eb = events.get(b) as Set<string>;
        let shared = false;
        for (const e of ea) {
          if (eb.has(e)) {
            shared = true;
            break;
          }
        }
        if (shared) continue;
        const leadInvolved = a === d.lead || b === d.lead;
        const eng = (o: string): number => (o === d.lead ? 3 : (d.engagement.get(o) ?? 2));
        const meanEng = (eng(a) + eng(b)) / 2;
        const severity = 0.5 + (leadInvolved ? 0.3 : 0) + (0.2 * (meanEng - 1)) / 2;
        const na = nameOf(ctx.g, a);
        const nb = nameOf(ctx.g, b);
        out.push(
          gap('COORDINATION_GAP', [d.id, a, b], {
            relatedIds: [],
            deptId: d.id,
            severity,
            explanationJa: `${d.name}の${na}と${nb}の間に、職員同士の面識も、共通のイベントも、連携関係もありません（支援機関の連携が不十分）。`,
            explanationEn: `In ${d.name}, ${na} and ${nb} have no staff who know each other, no shared event and no partnership: the support organisations are not working together.`,
          }),
        );
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// KEY_PERSON_DEPENDENCY: articulation points by an iterative Tarjan DFS from each dept's lead

export interface DependencyCut {
  deptId: string;
  personId: string;
  /** The dept's SMEs, members and persons the lead could no longer reach, sorted by id. */
  cutOff: string[];
  /**
   * How many of the dept's SMEs, members and persons the lead reaches before the removal, the
   * person themself not counted: the denominator of the severity.
   */
  reachableBefore: number;
}

/**
 * Every (dept, person) whose removal cuts some of the dept's SMEs, member organisations or
 * persons (docs/gaps.md) off from the dept's lead in T.
 */
export function dependencyCuts(ctx: Ctx, onlyPerson?: string): DependencyCut[] {
  const { T } = ctx;
  const n = T.n;
  const { kind } = T;
  const dfs = dfsState(n);
  const { disc, low, parent, size, order } = dfs;
  const targetMark = new Int32Array(n).fill(-1);
  const pref = new Int32Array(n + 1);
  const only = onlyPerson !== undefined ? T.index.get(onlyPerson) : undefined;
  if (onlyPerson !== undefined && only === undefined) return [];
  const out: DependencyCut[] = [];

  ctx.depts.forEach((d, di) => {
    if (!d.lead) return;
    const root = T.index.get(d.lead);
    if (root === undefined) return;
    for (const t of [...d.smes, ...d.members, ...d.persons]) {
      const ti = T.index.get(t);
      if (ti !== undefined && ti !== root) targetMark[ti] = di;
    }
    disc.fill(-1);
    const time = dfsFrom(T, dfs, root, 0);
    pref[0] = 0;
    for (let k = 0; k < time; k++) pref[k + 1] = pref[k]! + (targetMark[order[k]!] === di ? 1 : 0);
    const reachable = pref[time]!;
    if (reachable === 0) return;
    const cutRanges = new Map<number, Array<[number, number]>>();
    for (let k = 1; k < time; k++) {
      const c = order[k]!;
      const p = parent[c]!;
      if (p === root || kind[p] !== NK_PERSON) continue;
      if (only !== undefined && p !== only) continue;
      if (low[c]! < disc[p]!) continue;
      const s = disc[c]!;
      const e = s + size[c]!;
      if (pref[e]! - pref[s]! === 0) continue;
      const list = cutRanges.get(p);
      if (list) list.push([s, e]);
      else cutRanges.set(p, [[s, e]]);
    }
    for (const [p, ranges] of cutRanges) {
      const cut: string[] = [];
      for (const [s, e] of ranges) {
        for (let k = s; k < e; k++) {
          const v = order[k]!;
          if (targetMark[v] === di) cut.push(T.ids[v] as string);
        }
      }
      cut.sort(compareIds);
      out.push({
        deptId: d.id,
        personId: T.ids[p] as string,
        cutOff: cut,
        reachableBefore: reachable - (targetMark[p] === di ? 1 : 0),
      });
    }
  });
  out.sort((a, b) => compareIds(a.deptId, b.deptId) || compareIds(a.personId, b.personId));
  return out;
}

/** What a cut holds: counts by kind, the counts as text, names with organisations first. */
export interface CutDescription {
  smes: number;
  orgs: number;
  persons: number;
  /** The non-zero counts, e.g. 「企業1社・人2人」 / "1 company, 2 people". */
  counts: { ja: string; en: string };
  names: string[];
}

export function describeCut(ctx: Ctx, cutOff: readonly string[]): CutDescription {
  const kind = (id: string) => ctx.g.getNodeAttribute(id, 'kind');
  const places = cutOff.filter((id) => kind(id) !== 'Person');
  const people = cutOff.filter((id) => kind(id) === 'Person');
  const smes = places.filter((id) => kind(id) === 'SME').length;
  const orgs = places.length - smes;
  const parts = [
    { n: smes, ja: `企業${smes}社`, en: `${smes} ${smes === 1 ? 'company' : 'companies'}` },
    {
      n: orgs,
      ja: `機関${orgs}団体`,
      en: `${orgs} ${orgs === 1 ? 'organisation' : 'organisations'}`,
    },
    {
      n: people.length,
      ja: `人${people.length}人`,
      en: `${people.length} ${people.length === 1 ? 'person' : 'people'}`,
    },
  ].filter((p) => p.n > 0);
  return {
    smes,
    orgs,
    persons: people.length,
    counts: { ja: parts.map((p) => p.ja).join('・'), en: parts.map((p) => p.en).join(', ') },
    names: [...places, ...people].map((id) => nameOf(ctx.g, id)),
  };
}

/** A share as a whole percentage, "<1" when it rounds to 0 but is not 0. */
export function percentText(share: number): string {
  const pct = Math.round(share * 100);
  return pct === 0 && share > 0 ? '<1' : String(pct);
}

function dependencyGaps(ctx: Ctx): Gap[] {
  return dependencyCuts(ctx).map((c) => {
    const d = ctx.deptById.get(c.deptId) as DeptInfo;
    const pn = nameOf(ctx.g, c.personId);
    const lead = nameOf(ctx.g, d.lead as string);
    const what = describeCut(ctx, c.cutOff);
    const names = listNames(what.names);
    const share = c.cutOff.length / c.reachableBefore;
    const pct = percentText(share);
    return gap('KEY_PERSON_DEPENDENCY', [c.deptId, c.personId], {
      relatedIds: c.cutOff,
      deptId: c.deptId,
      severity: share,
      explanationJa: `${pn}さんがいなくなると、${d.name}の主体組織${lead}から${names.ja}に届かなくなります（${what.counts.ja}、主体組織がつながっている相手の${pct}%）。この人だけが橋渡し役です。`,
      explanationEn: `If ${pn} left, ${lead}, the lead of ${d.name}, could no longer reach ${names.en} (${what.counts.en}: ${pct}% of those it reaches): ${pn} is the only bridge.`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// ISOLATED_NEWCOMER

/**
 * ISOLATED_NEWCOMER severity (docs/analytics.md): 0.8 with no local tie, 0.5 with one, 0 from
 * two on; + 0.2 with a contracted or active engagement (at most 1).
 */
export function newcomerSeverity(localTies: number, liveEngagement: boolean): number {
  if (localTies >= 2) return 0;
  return clamp01((localTies === 0 ? 0.8 : 0.5) + (liveEngagement ? 0.2 : 0));
}

/** Persons with a contracted or active engagement. */
export function liveTalent(ctx: Ctx): Set<string> {
  return new Set(
    ctx.engagements
      .filter((e) => e.status === 'active' || e.status === 'contracted')
      .map((e) => e.talentId),
  );
}

function isolatedNewcomerGaps(ctx: Ctx): Gap[] {
  const out: Gap[] = [];
  const activeTalent = liveTalent(ctx);
  for (const p of ctx.persons) {
    if (!isNewcomer(ctx.g, p)) continue;
    const locals = [...(ctx.knows.get(p)?.keys() ?? [])]
      .filter((q) => isLocal(ctx.g, q))
      .sort(compareIds);
    if (locals.length >= 2) continue;
    const severity = newcomerSeverity(locals.length, activeTalent.has(p));
    const pn = nameOf(ctx.g, p);
    const who = isTalent(ctx.g, p)
      ? { ja: '兼業・副業人材', en: 'side-job talent' }
      : { ja: '地域外から来た人', en: 'newcomer from outside the region' };
    const known =
      locals.length === 0
        ? { ja: '地域の知り合いがまだいません', en: 'knows no local person yet' }
        : {
            ja: `地域の知り合いが${nameOf(ctx.g, locals[0] as string)}さん1人だけです`,
            en: `knows only one local person, ${nameOf(ctx.g, locals[0] as string)}`,
          };
    out.push(
      gap('ISOLATED_NEWCOMER', [p], {
        relatedIds: locals,
        deptId: deptsOfPerson(ctx, p)[0] ?? null,
        severity,
        explanationJa: `${pn}さん（${who.ja}）は${known.ja}（2人未満）。定着と活躍のために地域の人との接点が必要です。`,
        explanationEn: `${pn} (${who.en}) ${known.en} (fewer than two). They need local contacts to settle in and succeed.`,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// FOLLOW_UP_OVERDUE

function followUpGaps(ctx: Ctx, asOf: string, days: number): Gap[] {
  const out: Gap[] = [];
  for (const e of ctx.engagements) {
    if (e.status !== 'contracted' && e.status !== 'active') continue;
    const last = e.lastFollowUpAt ?? e.startedAt;
    const since = last ? daysBetween(last, asOf) : Number.NaN;
    const unknown = !Number.isFinite(since);
    if (!unknown && since <= days) continue;
    const severity = unknown ? 1 : 0.5 + (0.5 * (since - days)) / days;
    const tn = nameOf(ctx.g, e.talentId);
    const sn = nameOf(ctx.g, e.smeId);
    const statusJa = e.status === 'active' ? '稼働中' : '契約済み';
    out.push(
      gap('FOLLOW_UP_OVERDUE', [e.talentId, e.smeId], {
        relatedIds: [],
        deptId: deptsOfSme(ctx, e.smeId)[0] ?? null,
        severity,
        explanationJa: unknown
          ? `${tn}さんと${sn}の関わり（${statusJa}）にはフォローアップの記録がありません。`
          : `${tn}さんと${sn}の関わり（${statusJa}）は${since}日間フォローアップがありません（基準は${days}日）。`,
        explanationEn: unknown
          ? `The ${e.status} engagement of ${tn} with ${sn} has no follow-up on record.`
          : `The ${e.status} engagement of ${tn} with ${sn} has had no follow-up for ${since} days (limit ${days}).`,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// COMMUNITY_SILO

function siloGaps(ctx: Ctx, keyPersons: KeyPersonScore[]): Gap[] {
  const K = new Set(keyPersons.filter((k) => k.inGroup).map((k) => k.personId));
  const comm = personCommunities(ctx);
  const groups = new Map<number, string[]>();
  for (const p of ctx.persons) {
    const c = comm.get(p);
    if (c === undefined) continue;
    const a = groups.get(c);
    if (a) a.push(p);
    else groups.set(c, [p]);
  }
  const out: Gap[] = [];
  for (const members of groups.values()) {
    if (members.length < SILO_MIN_SIZE) continue;
    let touches = false;
    for (const p of members) {
      if (K.has(p)) {
        touches = true;
        break;
      }
      for (const q of ctx.knows.get(p)?.keys() ?? []) {
        if (K.has(q)) {
          touches = true;
          break;
        }
      }
      if (touches) break;
    }
    if (touches) continue;
    const ids = [...members].sort(compareIds);
    const deptCount = new Map<string, number>();
    const orgs = new Set<string>();
    for (const p of ids) {
      for (const d of deptsOfPerson(ctx, p)) deptCount.set(d, (deptCount.get(d) ?? 0) + 1);
      for (const o of ctx.worksAt.get(p) ?? []) orgs.add(o);
    }
    const deptId =
      [...deptCount.entries()].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))[0]?.[0] ??
      null;
    const names = listNames(ids.map((p) => nameOf(ctx.g, p)));
    out.push(
      gap('COMMUNITY_SILO', ids, {
        relatedIds: [...orgs].sort(compareIds),
        deptId,
        severity: 0.5 + 0.5 * Math.min(1, (ids.length - SILO_MIN_SIZE) / 15),
        explanationJa: `${ids.length}人のまとまり（${names.ja}）は、キーパーソン群の誰とも面識がなく、地域の人事部の動きから切り離されています。`,
        explanationEn: `A group of ${ids.length} people (${names.en}) has no tie to anyone in the key-person group and is cut off from the regional HR department's work.`,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// FUNCTION_UNCOVERED

function functionGaps(ctx: Ctx): Gap[] {
  const out: Gap[] = [];
  for (const d of ctx.depts) {
    const covered = new Set<string>();
    for (const o of d.team) for (const f of functionsOf(ctx, o)) covered.add(f);
    const missing = FUNCTIONS.filter((f) => !covered.has(f));
    for (const f of missing) {
      const fn = FUNCTION_NAMES[f] as { ja: string; en: string };
      out.push(
        gap('FUNCTION_UNCOVERED', [d.id], {
          detail: f,
          relatedIds: [...d.team],
          deptId: d.id,
          severity: 0.5 + 0.1 * (missing.length - 1),
          explanationJa: `${d.name}には「${fn.ja}」の機能を担う主体組織・構成機関がありません（図24の4機能）。`,
          explanationEn: `No organisation in ${d.name} plays the ${fn.en} role (one of the four functions of Figure 24).`,
        }),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export function sortGaps(gaps: Gap[]): Gap[] {
  return gaps.sort((a, b) => b.severity - a.severity || compareIds(a.id, b.id));
}

export function networkGapsCtx(ctx: Ctx, opts: NetworkGapsOptions = {}): Gap[] {
  const kinds = new Set<GapKind>(opts.kinds && opts.kinds.length > 0 ? opts.kinds : GAP_KINDS);
  const asOf = opts.asOf ?? todayIso();
  const days = opts.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;
  const out: Gap[] = [];
  if (kinds.has('UNSUPPORTED_SME')) out.push(...unsupportedSmeGaps(ctx));
  if (kinds.has('COORDINATION_GAP')) out.push(...coordinationGaps(ctx));
  if (kinds.has('KEY_PERSON_DEPENDENCY')) out.push(...dependencyGaps(ctx));
  if (kinds.has('ISOLATED_NEWCOMER')) out.push(...isolatedNewcomerGaps(ctx));
  if (kinds.has('FOLLOW_UP_OVERDUE')) out.push(...followUpGaps(ctx, asOf, days));
  if (kinds.has('COMMUNITY_SILO')) {
    const kp = opts.keyPersons ?? keyPersonGroupCtx(ctx, opts.keyPersonOptions);
    out.push(...siloGaps(ctx, kp));
  }
  if (kinds.has('FUNCTION_UNCOVERED')) out.push(...functionGaps(ctx));
  return sortGaps(out);
}

/** All gaps of the requested kinds (default all seven), by severity (desc), then id. */
export function networkGaps(g: NetworkGraph, opts: NetworkGapsOptions = {}): Gap[] {
  return networkGapsCtx(buildContext(g), opts);
}
