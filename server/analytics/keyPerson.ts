/**
 * キーパーソン群 (SPEC §4.1): who holds the regional network together. See docs/analytics.md.
 */
import type { NetworkGraph } from './graph';
import {
  type Ctx,
  type Reason,
  type TieGraph,
  NK_PERSON,
  NK_ORG,
  NK_SME,
  R_KNOWS,
  R_WORKS_AT,
  buildContext,
  compareIds,
  hasLabel,
  nameOf,
  personCommunities,
  propsOf,
  round4,
} from './context';
import { tieBetweenness } from './betweenness';
import type { KeyPersonScore } from '../../common/answers';

export type { KeyPersonScore };

export type { Reason } from './context';

export interface KeyPersonOptions {
  /** Exact betweenness up to this many nodes in T; sampled above. Default 10,000. */
  exactMaxNodes?: number;
  /** Number of BFS pivots for sampled betweenness. Default 1024. */
  samplePivots?: number;
  /** Seed of the pivot sample. Default 42. */
  seed?: number;
  /** Worker threads for betweenness (0: none); default one fewer than the cores. */
  threads?: number;
  /** Betweenness already computed for ctx.T (as tieBetweenness returns it): not recomputed. */
  betweenness?: Float64Array;
  /** Group threshold on `score`. Default KEY_PERSON_THRESHOLD (0.8). */
  threshold?: number;
}

/** Weights of the score (docs/analytics.md): they sum to 1. */
export const KEY_PERSON_WEIGHTS = {
  betweenness: 0.4,
  brokerage: 0.15,
  reach: 0.2,
  assessed: 0.25,
} as const;
export const KEY_PERSON_THRESHOLD = 0.8;
/** A reason's "top 10 %" (BRIDGES_ORGS, WIDE_REACH). */
export const TOP_SHARE = 0.1;
/** SPANS_STRUCTURAL_HOLES: at least this many ties and constraint at most this. */
export const HOLES_MIN_TIES = 3;
export const HOLES_MAX_CONSTRAINT = 0.25;
/** ASSESSED_STRONG: assessed ≥ 0.7, i.e. ≥ 11 of 15. */
export const ASSESSED_STRONG = 0.7;

/**
 * Values closer than this (relative to the larger, or absolutely for values near 0) are the
 * same value when ranking: float sums taken in different orders differ in the last bits (a
 * betweenness of 0.0299873737 and 0.0299873737000001 are one value), while genuinely
 * different values differ by far more: on the prefecture seed's largest region by at least
 * 2e-7 of their size (docs/analytics.md "Equal values rank equally").
 */
export const RANK_RELATIVE_TOLERANCE = 1e-9;
export const RANK_ABSOLUTE_TOLERANCE = 1e-12;

export function sameValue(a: number, b: number): boolean {
  const d = Math.abs(a - b);
  return (
    d <= RANK_ABSOLUTE_TOLERANCE ||
    d <= RANK_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))
  );
}

/**
 * Values with float noise removed: sorted, each run of values that are `sameValue` as their
 * predecessor replaced by the run's first (smallest) value. Returns the cleaned values in the
 * original order; equal values become identical numbers, so they rank and compare equally.
 */
export function tieNoise(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Float64Array(n);
  let rep = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const v = values[i]!;
    if (k === 0 || !sameValue(values[order[k - 1]!]!, v)) rep = v;
    out[i] = rep;
  }
  return out;
}

function lowerBound(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Percentile rank of each value among `values`: the share of the other values strictly lower,
 * (#lower) / (n − 1), in 0..1, after float noise is removed (`tieNoise`), so equal values get
 * equal ranks. The lowest value (and every value tied with it) gets 0, the unique highest 1.
 */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n <= 1) return out;
  const clean = tieNoise(values);
  const sorted = Float64Array.from(clean).sort();
  for (let i = 0; i < n; i++) out[i] = lowerBound(sorted, clean[i]!) / (n - 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Burt's constraint on the KNOWS + WORKS_AT network, and reach

function isEgoEdge(T: TieGraph, e: number): boolean {
  const r = T.rel[e];
  return r === R_KNOWS || r === R_WORKS_AT;
}

/**
 * Burt's constraint c_i = Σ_j (p_ij + Σ_q p_iq p_qj)², with p_ij = w_ij / Σ_k w_ik, on the
 * undirected graph of KNOWS (weight = strength) and WORKS_AT (weight 1) edges. A person with no
 * tie has constraint 1 (no brokerage opportunity).
 */
export function personConstraint(T: TieGraph): Float64Array {
  const n = T.n;
  const { off, nbr, w, kind } = T;
  const W = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let e = off[v]!; e < off[v + 1]!; e++) if (isEgoEdge(T, e)) s += w[e]!;
    W[v] = s;
  }
  const out = new Float64Array(n).fill(1);
  const mark = new Int32Array(n).fill(-1);
  const pDirect = new Float64Array(n);
  const indirect = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind[i] !== NK_PERSON || W[i] === 0) continue;
    const Wi = W[i]!;
    for (let e = off[i]!; e < off[i + 1]!; e++) {
      if (!isEgoEdge(T, e)) continue;
      const j = nbr[e]!;
      mark[j] = i;
      pDirect[j] = w[e]! / Wi;
      indirect[j] = 0;
    }
    for (let e = off[i]!; e < off[i + 1]!; e++) {
      if (!isEgoEdge(T, e)) continue;
      const q = nbr[e]!;
      const piq = pDirect[q]!;
      const Wq = W[q]!;
      if (Wq === 0) continue;
      for (let f = off[q]!; f < off[q + 1]!; f++) {
        if (!isEgoEdge(T, f)) continue;
        const j = nbr[f]!;
        if (j === i || mark[j] !== i) continue;
        indirect[j]! += (piq * w[f]!) / Wq;
      }
    }
    let c = 0;
    for (let e = off[i]!; e < off[i + 1]!; e++) {
      if (!isEgoEdge(T, e)) continue;
      const j = nbr[e]!;
      const x = pDirect[j]! + indirect[j]!;
      c += x * x;
    }
    out[i] = Math.min(1, c);
  }
  return out;
}

/** Distinct organisations and SMEs within two hops of each person in T. */
export function personReach(T: TieGraph): Int32Array {
  const n = T.n;
  const { off, nbr, kind } = T;
  const out = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (kind[i] !== NK_PERSON) continue;
    let c = 0;
    seen[i] = i;
    for (let e = off[i]!; e < off[i + 1]!; e++) {
      const a = nbr[e]!;
      if (seen[a] !== i) {
        seen[a] = i;
        if (kind[a] !== NK_PERSON) c++;
      }
      for (let f = off[a]!; f < off[a + 1]!; f++) {
        const b = nbr[f]!;
        if (seen[b] !== i) {
          seen[b] = i;
          if (kind[b] === NK_ORG || kind[b] === NK_SME) c++;
        }
      }
    }
    out[i] = c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function assessedOf(g: NetworkGraph, id: string): number | null {
  const p = propsOf(g, id);
  const vals = [p.mind, p.skill, p.network].map((v) => (typeof v === 'number' ? v : null));
  if (vals.every((v) => v === null)) return null;
  const sum = vals.reduce<number>((s, v) => s + (v ?? 0), 0);
  return Math.max(0, Math.min(1, sum / 15));
}

/** The organisations a person connects: their own workplaces and their contacts' workplaces. */
function bridgedOrgs(ctx: Ctx, id: string): string[] {
  const count = new Map<string, number>();
  for (const o of ctx.worksAt.get(id) ?? []) count.set(o, (count.get(o) ?? 0) + 1000);
  for (const q of ctx.knows.get(id)?.keys() ?? []) {
    for (const o of ctx.worksAt.get(q) ?? []) count.set(o, (count.get(o) ?? 0) + 1);
  }
  return [...count.entries()]
    .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
    .map(([o]) => nameOf(ctx.g, o));
}

export function keyPersonGroupCtx(ctx: Ctx, opts: KeyPersonOptions = {}): KeyPersonScore[] {
  const { T, g } = ctx;
  const threshold = opts.threshold ?? KEY_PERSON_THRESHOLD;
  const bcAll =
    opts.betweenness ??
    tieBetweenness(T, {
      ...(opts.exactMaxNodes !== undefined ? { exactMaxNodes: opts.exactMaxNodes } : {}),
      ...(opts.samplePivots !== undefined ? { pivots: opts.samplePivots } : {}),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
    });
  const consAll = personConstraint(T);
  const reachAll = personReach(T);
  const comm = personCommunities(ctx);

  const pIdx: number[] = [];
  for (let i = 0; i < T.n; i++) if (T.kind[i] === NK_PERSON) pIdx.push(i);
  const N = pIdx.length;
  // Per person (index k of pIdx), float noise removed: equal values are identical numbers.
  const bc = tieNoise(pIdx.map((i) => bcAll[i]!));
  const cons = tieNoise(pIdx.map((i) => consAll[i]!));
  const reach = pIdx.map((i) => reachAll[i]!);
  const bPctOf = percentileRanks(bc);
  const brokPctOf = percentileRanks(cons.map((c) => 1 - c));
  const reachPctOf = percentileRanks(reach);
  const sortedB = Float64Array.from(bc).sort();
  const sortedR = Float64Array.from(reach).sort();
  /** Share of persons whose value is ≥ v (the "top x %" of a reason). */
  const topShare = (sorted: Float64Array, v: number): number =>
    (N - lowerBound(sorted, v)) / Math.max(1, N);
  /** Whether v is among the top 10 % (at least the single top value in a small graph). */
  const inTop = (sorted: Float64Array, v: number): boolean =>
    N - lowerBound(sorted, v) <= Math.max(1, Math.ceil(TOP_SHARE * N));

  const out: KeyPersonScore[] = [];
  pIdx.forEach((i, k) => {
    const id = T.ids[i] as string;
    const b = bc[k]!;
    const bPct = bPctOf[k]!;
    const bTopShare = topShare(sortedB, b);
    const constraint = cons[k]!;
    const r = reach[k]!;
    const assessedRaw = assessedOf(g, id);
    const W = KEY_PERSON_WEIGHTS;
    const structural =
      W.betweenness * bPct + W.brokerage * brokPctOf[k]! + W.reach * reachPctOf[k]!;
    const score =
      assessedRaw === null ? structural / (1 - W.assessed) : structural + W.assessed * assessedRaw;
    const declared = hasLabel(g, id, 'KeyPerson');
    const inGroup = declared || score >= threshold;
    const name = nameOf(g, id);

    const reasons: Reason[] = [];
    if (declared) {
      reasons.push({
        code: 'DECLARED',
        ja: `${name}さんはキーパーソンとして登録されています（自薦・推薦）。`,
        en: `${name} is a declared member of the key-person group.`,
      });
    }
    if (b > 0 && inTop(sortedB, b)) {
      const top = Math.max(1, Math.ceil(bTopShare * 100));
      const orgs = bridgedOrgs(ctx, id).slice(0, 2);
      const between =
        orgs.length >= 2
          ? { ja: `${orgs[0]}と${orgs[1]}などの`, en: ` such as ${orgs[0]} and ${orgs[1]}` }
          : { ja: '', en: '' };
      reasons.push({
        code: 'BRIDGES_ORGS',
        ja: `${between.ja}組織・企業・人の間の橋渡し役です（媒介中心性 上位${top}%）。`,
        en: `Bridges organisations, companies and people${between.en} (betweenness in the top ${top}%).`,
      });
    }
    const contacts = T.off[i + 1]! - T.off[i]!;
    if (contacts >= HOLES_MIN_TIES && constraint <= HOLES_MAX_CONSTRAINT) {
      reasons.push({
        code: 'SPANS_STRUCTURAL_HOLES',
        ja: `互いに面識のない相手同士をつなぐ立場にいます（制約度 ${constraint.toFixed(2)}）。`,
        en: `Connects contacts who do not know each other (Burt's constraint ${constraint.toFixed(2)}).`,
      });
    }
    if (r > 0 && inTop(sortedR, r)) {
      reasons.push({
        code: 'WIDE_REACH',
        ja: `2ステップで${r}の組織・企業に届きます（上位${Math.round(TOP_SHARE * 100)}%）。`,
        en: `Reaches ${r} organisations and companies within two steps (top ${Math.round(TOP_SHARE * 100)}%).`,
      });
    }
    if (assessedRaw !== null && assessedRaw >= ASSESSED_STRONG) {
      const total = Math.round(assessedRaw * 15);
      reasons.push({
        code: 'ASSESSED_STRONG',
        ja: `想い・スキル・ネットワークの評価が高い（${total}/15）。`,
        en: `Rated highly on mind, skill and network (${total}/15).`,
      });
    }
    if (!declared && inGroup) {
      reasons.push({
        code: 'SCORE_ABOVE_THRESHOLD',
        ja: `総合スコア ${score.toFixed(2)} が基準 ${threshold.toFixed(2)} 以上です。`,
        en: `Overall score ${score.toFixed(2)} is at or above the threshold ${threshold.toFixed(2)}.`,
      });
    }
    if (!inGroup && reasons.length === 0) {
      reasons.push({
        code: 'BELOW_THRESHOLD',
        ja: `総合スコア ${score.toFixed(2)} は基準 ${threshold.toFixed(2)} 未満です。`,
        en: `Overall score ${score.toFixed(2)} is below the threshold ${threshold.toFixed(2)}.`,
      });
    }
    out.push({
      personId: id,
      name,
      score: round4(Math.min(1, Math.max(0, score))),
      betweenness: b,
      constraint,
      reach: r,
      community: comm.get(id) ?? -1,
      declared,
      inGroup,
      assessed: round4(assessedRaw ?? 0),
      reasons,
    });
  });
  out.sort((a, b) => b.score - a.score || compareIds(a.personId, b.personId));
  return out;
}

/** The キーパーソン群 scores of every person, sorted by score (desc), then id. */
export function keyPersonGroup(g: NetworkGraph, opts: KeyPersonOptions = {}): KeyPersonScore[] {
  return keyPersonGroupCtx(buildContext(g), opts);
}
