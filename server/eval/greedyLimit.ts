/**
 * "closure@10 against the limit" (SPEC §6): the best closure any 10 new ties could reach,
 * found greedily over every candidate pair that closes or reduces at least one gap.
 *
 * Each step recomputes the gaps on the graph with the ties chosen so far (the same
 * キーパーソン群, as gapClosure keeps it), takes every gap's closers (which person pairs close or
 * reduce it by definition, server/analytics/closers.ts), and adds the pair that removes the
 * most severity by the severity formulas: the sum of the severity of the gaps it closes and of
 * the part of the gaps it reduces (a newcomer's first local tie, one cut-off piece of a bridge
 * reconnected). Every pair that closes a gap is a candidate, not a few per gap as in the
 * suggestions: one newcomer with every local person, a bridge's cut-off side with its whole lead
 * side. Coverage objectives like this one are submodular up to the newcomer's two ties, so the
 * greedy choice is the usual (1 − 1/e) approximation of the optimum; the result is then measured
 * exactly as our suggestions are, with gapClosure.
 */
import { buildContext, compareIds, type Ctx } from '../analytics/context';
import { type GapCloser, gapClosers } from '../analytics/closers';
import { gapClosure, type NetworkGraph } from '../analytics';
import { networkGapsCtx } from '../analytics/gaps';
import type { KeyPersonScore } from '../analytics/keyPerson';

export interface GreedyOptions {
  asOf: string;
  /** The キーパーソン群 of the original graph, kept fixed (as gapClosure does). */
  keyPersons: KeyPersonScore[];
  /** Ties to choose. Default 10. */
  ties?: number;
  followUpDays?: number;
}

export interface GreedyPair {
  fromId: string;
  toId: string;
  /** Severity the pair removes by the formulas, when it was chosen. */
  modelGain: number;
}

export interface GreedyLimit {
  pairs: GreedyPair[];
  /** gapClosure of the chosen pairs: the share of severity they remove, recomputed. */
  closure: number;
  /** Candidate pairs (with a positive gain) at the first step. */
  candidates: number;
}

interface Best {
  u: number;
  v: number;
  gain: number;
}

const better = (ctx: Ctx, a: Best, b: Best | null): boolean => {
  if (!b) return true;
  if (a.gain !== b.gain) return a.gain > b.gain;
  const ka = [ctx.T.ids[a.u]!, ctx.T.ids[a.v]!].sort(compareIds).join('+');
  const kb = [ctx.T.ids[b.u]!, ctx.T.ids[b.v]!].sort(compareIds).join('+');
  return ka < kb;
};

/**
 * The pair of persons with the largest total gain over the closers, and how many pairs have a
 * positive one. A pair (u, v) collects the gain of a closer when one of them is on its near
 * side and the other on its far side; every such pair has an endpoint on a near side, so
 * walking the near-side persons finds them all.
 */
export function bestPair(
  ctx: Ctx,
  closers: readonly GapCloser[],
): { best: Best | null; pairs: number } {
  const { T } = ctx;
  const acc = new Float64Array(T.n);
  // stamp[v] = the (person, closer) visit that last counted v; seen[v] = the person.
  const stamp = new Int32Array(T.n).fill(-1);
  const seen = new Int32Array(T.n).fill(-1);
  let visit = 0;
  const touched: number[] = [];
  const useful = closers.filter((c) => c.gain > 0);
  const nearOf = new Map<string, Set<GapCloser>>();
  for (const c of useful) {
    for (const p of c.near) {
      const set = nearOf.get(p);
      if (set) set.add(c);
      else nearOf.set(p, new Set([c]));
    }
  }
  const nearPersons = [...nearOf.keys()].sort(compareIds);
  const rank = new Map(nearPersons.map((p, i) => [p, i]));
  let best: Best | null = null;
  let pairs = 0;
  for (const up of nearPersons) {
    const u = T.index.get(up);
    if (u === undefined) continue;
    const mine = nearOf.get(up) as Set<GapCloser>;
    const give = (gain: number, ids: Iterable<string>): void => {
      for (const vp of ids) {
        const v = T.index.get(vp);
        if (v === undefined || v === u || stamp[v] === visit) continue;
        stamp[v] = visit;
        if (seen[v] !== u) {
          seen[v] = u;
          touched.push(v);
        }
        acc[v]! += gain;
      }
    };
    for (const c of useful) {
      visit++;
      if (mine.has(c)) give(c.gain, c.farList());
      if (c.far(up)) give(c.gain, c.near);
    }
    const known = ctx.knows.get(up);
    for (const v of touched) {
      const vp = T.ids[v]!;
      const gain = acc[v]!;
      acc[v] = 0;
      if (known?.has(vp)) continue;
      // A pair of two near-side persons is met from both ends: count it once.
      const r = rank.get(vp);
      if (r === undefined || r > (rank.get(up) as number)) pairs++;
      const cand = { u, v, gain };
      if (better(ctx, cand, best)) best = cand;
    }
    touched.length = 0;
  }
  return { best, pairs };
}

export function greedyLimit(g: NetworkGraph, opts: GreedyOptions): GreedyLimit {
  const ties = opts.ties ?? 10;
  const gapOpts = {
    asOf: opts.asOf,
    keyPersons: opts.keyPersons,
    ...(opts.followUpDays !== undefined ? { followUpDays: opts.followUpDays } : {}),
  };
  const pairs: GreedyPair[] = [];
  let candidates = 0;
  for (let step = 0; step < ties; step++) {
    const ctx = buildContext(g, {
      extraKnows: pairs.map((p) => ({ from: p.fromId, to: p.toId, strength: 1 })),
    });
    const gaps = networkGapsCtx(ctx, gapOpts);
    const { best, pairs: n } = bestPair(
      ctx,
      gapClosers(ctx, gaps, { keyPersons: opts.keyPersons }),
    );
    if (step === 0) candidates = n;
    if (!best) break;
    const [a, b] = [ctx.T.ids[best.u]!, ctx.T.ids[best.v]!].sort(compareIds) as [string, string];
    pairs.push({ fromId: a, toId: b, modelGain: best.gain });
  }
  const closure = gapClosure(g, pairs, gapOpts).closedShare;
  return { pairs, closure, candidates };
}
