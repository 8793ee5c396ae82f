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
  seededRng,
} from './context';
import type { KeyPersonScore } from '../../common/answers';

export type { KeyPersonScore };

export type { Reason } from './context';

export interface KeyPersonOptions {
  /** Exact betweenness up to this many nodes in T; sampled above. Default 3000. */
  exactMaxNodes?: number;
  /** Number of BFS pivots for sampled betweenness. Default 300. */
  samplePivots?: number;
  /** Seed of the pivot sample. Default 42. */
  seed?: number;
  /** Group threshold on `score`. Default 0.6. */
  threshold?: number;
}

export const KEY_PERSON_WEIGHTS = {
  betweenness: 0.4,
  brokerage: 0.15,
  reach: 0.2,
  assessed: 0.25,
} as const;
export const KEY_PERSON_THRESHOLD = 0.8;

function lowerBound(sorted: number[], v: number): number {
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
 * (#lower) / (n − 1), in 0..1. The lowest value (and every value tied with it) gets 0, the
 * unique highest 1.
 */
export function percentileRanks(values: number[]): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n <= 1) return out;
  const sorted = [...values].sort((a, b) => a - b);
  for (let i = 0; i < n; i++) out[i] = lowerBound(sorted, values[i]!) / (n - 1);
  return out;
}
export const EXACT_BETWEENNESS_MAX_NODES = 3000;
export const BETWEENNESS_PIVOTS = 300;

// ---------------------------------------------------------------------------------------------
// Betweenness (Brandes, unweighted, undirected) on the CSR tie graph

/**
 * Betweenness of every node of T, normalised by (n−1)(n−2)/2 (undirected). Exact when
 * n ≤ exactMaxNodes; otherwise estimated from `pivots` BFS sources drawn with a seeded rng
 * and scaled by n / pivots (Brandes & Pich 2007), then clamped to 1.
 */
export function tieBetweenness(
  T: TieGraph,
  opts: { exactMaxNodes?: number; pivots?: number; seed?: number } = {},
): Float64Array {
  const n = T.n;
  const bc = new Float64Array(n);
  if (n < 3) return bc;
  const exactMax = opts.exactMaxNodes ?? EXACT_BETWEENNESS_MAX_NODES;
  let sources: Int32Array;
  if (n <= exactMax) {
    sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
  } else {
    const k = Math.min(n, Math.max(1, opts.pivots ?? BETWEENNESS_PIVOTS));
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    const rng = seededRng(opts.seed ?? 42);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng() * (n - i));
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    sources = perm.slice(0, k);
  }
  const { off, nbr } = T;
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (const s of sources) {
    // BFS
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = order[head++]!;
      const dv = dist[v]!;
      const sv = sigma[v]!;
      for (let e = off[v]!, end = off[v + 1]!; e < end; e++) {
        const u = nbr[e]!;
        if (dist[u] === -1) {
          dist[u] = dv + 1;
          order[tail++] = u;
        }
        if (dist[u] === dv + 1) sigma[u]! += sv;
      }
    }
    // accumulation in reverse BFS order
    for (let i = tail - 1; i > 0; i--) {
      const u = order[i]!;
      const du = dist[u]!;
      const coeff = (1 + delta[u]!) / sigma[u]!;
      for (let e = off[u]!, end = off[u + 1]!; e < end; e++) {
        const v = nbr[e]!;
        if (dist[v] === du - 1) delta[v]! += sigma[v]! * coeff;
      }
      bc[u]! += delta[u]!;
    }
    for (let i = 0; i < tail; i++) {
      const u = order[i]!;
      dist[u] = -1;
      sigma[u] = 0;
      delta[u] = 0;
    }
  }
  // Each unordered pair is counted from both ends when all sources are used: halve.
  const scale = (n / sources.length) * 0.5;
  const norm = ((n - 1) * (n - 2)) / 2;
  for (let i = 0; i < n; i++) bc[i] = Math.min(1, (bc[i]! * scale) / norm);
  return bc;
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
  const bc = tieBetweenness(T, {
    ...(opts.exactMaxNodes !== undefined ? { exactMaxNodes: opts.exactMaxNodes } : {}),
    ...(opts.samplePivots !== undefined ? { pivots: opts.samplePivots } : {}),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  });
  const cons = personConstraint(T);
  const reach = personReach(T);
  const comm = personCommunities(ctx);

  const pIdx: number[] = [];
  for (let i = 0; i < T.n; i++) if (T.kind[i] === NK_PERSON) pIdx.push(i);
  const N = pIdx.length;
  const bPctOf = percentileRanks(pIdx.map((i) => bc[i]!));
  const brokPctOf = percentileRanks(pIdx.map((i) => 1 - cons[i]!));
  const reachPctOf = percentileRanks(pIdx.map((i) => reach[i]!));
  const sortedB = pIdx.map((i) => bc[i]!).sort((a, b) => a - b);
  const sortedR = pIdx.map((i) => reach[i]!).sort((a, b) => a - b);
  /** Share of persons whose value is ≥ v (the "top x %" of a reason). */
  const topShare = (sorted: number[], v: number): number =>
    (N - lowerBound(sorted, v)) / Math.max(1, N);
  /** Whether v is among the top 10 % (at least the single top value in a small graph). */
  const inTop10 = (sorted: number[], v: number): boolean =>
    N - lowerBound(sorted, v) <= Math.max(1, Math.ceil(0.1 * N));

  const out: KeyPersonScore[] = [];
  pIdx.forEach((i, k) => {
    const id = T.ids[i] as string;
    const b = bc[i]!;
    const bPct = bPctOf[k]!;
    const bTopShare = topShare(sortedB, b);
    const constraint = cons[i]!;
    const r = reach[i]!;
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
    if (b > 0 && inTop10(sortedB, b)) {
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
    if (contacts >= 3 && constraint <= 0.25) {
      reasons.push({
        code: 'SPANS_STRUCTURAL_HOLES',
        ja: `互いに面識のない相手同士をつなぐ立場にいます（制約度 ${constraint.toFixed(2)}）。`,
        en: `Connects contacts who do not know each other (Burt's constraint ${constraint.toFixed(2)}).`,
      });
    }
    if (r > 0 && inTop10(sortedR, r)) {
      reasons.push({
        code: 'WIDE_REACH',
        ja: `2ステップで${r}の組織・企業に届きます（上位10%）。`,
        en: `Reaches ${r} organisations and companies within two steps (top 10%).`,
      });
    }
    if (assessedRaw !== null && assessedRaw >= 0.7) {
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
