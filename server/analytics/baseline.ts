/**
 * The evaluation's baseline and metric (SPEC §6): Adamic–Adar "people you may know" and
 * gap closure@k.
 */
import type { NetworkGraph } from './graph';
import { buildContext, nameOf } from './context';
import { type Gap, type NetworkGapsOptions, networkGapsCtx } from './gaps';
import { type KeyPersonScore, keyPersonGroupCtx } from './keyPerson';

export interface AdamicAdarSuggestion {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  score: number;
}

/**
 * Non-adjacent person pairs of the KNOWS graph ranked by Adamic–Adar,
 * Σ over common neighbours w of 1 / ln(deg w), best first (ties by ids). Pairs with no common
 * neighbour score 0 and are never listed. O(Σ deg²) time, O(persons) extra memory.
 */
export function adamicAdarSuggestions(g: NetworkGraph, limit = 10): AdamicAdarSuggestion[] {
  const ctx = buildContext(g);
  const persons = ctx.persons;
  const idx = new Map(persons.map((p, i) => [p, i]));
  const adj: number[][] = persons.map((p) =>
    [...(ctx.knows.get(p)?.keys() ?? [])]
      .map((q) => idx.get(q))
      .filter((q): q is number => q !== undefined)
      .sort((a, b) => a - b),
  );
  const inv = adj.map((a) => (a.length >= 2 ? 1 / Math.log(a.length) : 0));
  const acc = new Float64Array(persons.length);
  const isNbr = new Int32Array(persons.length).fill(-1);
  let best: Array<{ u: number; v: number; s: number }> = [];
  const cmp = (
    a: { u: number; v: number; s: number },
    b: { u: number; v: number; s: number },
  ): number => b.s - a.s || a.u - b.u || a.v - b.v;
  const keep = Math.max(0, limit);
  for (let u = 0; u < persons.length; u++) {
    const nu = adj[u] as number[];
    for (const w of nu) isNbr[w] = u;
    const touched: number[] = [];
    for (const w of nu) {
      const iw = inv[w]!;
      for (const v of adj[w] as number[]) {
        if (v <= u || isNbr[v] === u) continue;
        if (acc[v] === 0) touched.push(v);
        acc[v]! += iw;
      }
    }
    for (const v of touched) {
      best.push({ u, v, s: acc[v]! });
      acc[v] = 0;
    }
    if (best.length > 4 * keep + 1000) best = best.sort(cmp).slice(0, keep);
  }
  return best
    .sort(cmp)
    .slice(0, keep)
    .map(({ u, v, s }) => {
      const a = persons[u] as string;
      const b = persons[v] as string;
      return { fromId: a, fromName: nameOf(g, a), toId: b, toName: nameOf(g, b), score: s };
    });
}

export interface GapClosureOptions extends Omit<NetworkGapsOptions, 'keyPersons'> {
  /** The キーパーソン群 of the original graph; computed when absent. */
  keyPersons?: KeyPersonScore[];
  /** Recompute the キーパーソン群 on the graph with the new ties (default false: keep it fixed). */
  recomputeKeyPersons?: boolean;
}

export interface GapClosure {
  /** Σ severity of the gaps before the new ties. */
  before: number;
  /** Σ severity of the gaps after. */
  after: number;
  /** (before − after) / before; 0 when there was no gap. May be negative. */
  closedShare: number;
  gapsBefore: Gap[];
  gapsAfter: Gap[];
}

/**
 * Gap closure (§6): add each pair as a KNOWS tie (strength 1, source introduction) on a copy,
 * recompute the gaps, and report the share of total severity removed.
 */
export function gapClosure(
  g: NetworkGraph,
  suggestions: Array<{ fromId: string; toId: string }>,
  opts: GapClosureOptions = {},
): GapClosure {
  const ctx = buildContext(g);
  const kp = opts.keyPersons ?? keyPersonGroupCtx(ctx, opts.keyPersonOptions);
  const gapOpts = {
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    ...(opts.followUpDays !== undefined ? { followUpDays: opts.followUpDays } : {}),
    ...(opts.kinds !== undefined ? { kinds: opts.kinds } : {}),
  };
  const gapsBefore = networkGapsCtx(ctx, { ...gapOpts, keyPersons: kp });
  const ctx2 = buildContext(g, {
    extraKnows: suggestions
      .filter((s) => s.fromId !== s.toId)
      .map((s) => ({ from: s.fromId, to: s.toId, strength: 1 })),
  });
  const kp2 = opts.recomputeKeyPersons ? keyPersonGroupCtx(ctx2, opts.keyPersonOptions) : kp;
  const gapsAfter = networkGapsCtx(ctx2, { ...gapOpts, keyPersons: kp2 });
  const before = gapsBefore.reduce((s, x) => s + x.severity, 0);
  const after = gapsAfter.reduce((s, x) => s + x.severity, 0);
  return {
    before,
    after,
    closedShare: before > 0 ? (before - after) / before : 0,
    gapsBefore,
    gapsAfter,
  };
}
