/**
 * The measured error of sampled betweenness (SPEC §13: above 10,000 nodes, sampled with an
 * error bound that is measured): the seeded pivot estimate against exact Brandes on the same
 * tie graph, as Spearman ρ (all nodes, persons), the overlap of the 100 persons ranked highest,
 * and the agreement of the キーパーソン群 computed from each (the persons the group gains or
 * loses by sampling).
 */
import { tieBetweenness } from '../analytics/betweenness';
import { type Ctx, NK_PERSON, type TieGraph } from '../analytics/context';
import { keyPersonGroupCtx } from '../analytics/keyPerson';
import { spearman } from './common';

export interface GroupAgreement {
  sampled: number;
  exact: number;
  common: number;
  jaccard: number;
}

export interface SamplingRow {
  graph: string;
  n: number;
  m: number;
  pivots: number;
  sampledMs: number;
  exactMs: number;
  rhoAll: number;
  rhoPersons: number;
  /** Of the 100 persons with the highest sampled betweenness, how many are in exact's 100. */
  top100: number;
  group: GroupAgreement | null;
}

/** The sub tie graph induced by `keep` (indices of T), as CSR. */
export function inducedTieGraph(T: TieGraph, keep: Int32Array): TieGraph {
  const map = new Int32Array(T.n).fill(-1);
  keep.forEach((v, i) => (map[v] = i));
  const n = keep.length;
  const off = new Int32Array(n + 1);
  const nbrs: number[] = [];
  const ws: number[] = [];
  const rels: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = keep[i]!;
    for (let e = T.off[v]!; e < T.off[v + 1]!; e++) {
      const u = map[T.nbr[e]!]!;
      if (u >= 0) {
        nbrs.push(u);
        ws.push(T.w[e]!);
        rels.push(T.rel[e]!);
      }
    }
    off[i + 1] = nbrs.length;
  }
  const ids = Array.from(keep, (v) => T.ids[v]!);
  return {
    n,
    ids,
    index: new Map(ids.map((id, i) => [id, i])),
    kind: Uint8Array.from(keep, (v) => T.kind[v]!),
    off,
    nbr: Int32Array.from(nbrs),
    w: Float64Array.from(ws),
    rel: Uint8Array.from(rels),
  };
}

/** The first `size` nodes reached by a BFS from the highest-degree node (a connected piece). */
export function bfsBall(T: TieGraph, size: number): Int32Array {
  let start = 0;
  for (let v = 1; v < T.n; v++)
    if (T.off[v + 1]! - T.off[v]! > T.off[start + 1]! - T.off[start]!) start = v;
  const seen = new Uint8Array(T.n);
  const order: number[] = [start];
  seen[start] = 1;
  for (let h = 0; h < order.length && order.length < size; h++) {
    const v = order[h]!;
    for (let e = T.off[v]!; e < T.off[v + 1]! && order.length < size; e++) {
      const u = T.nbr[e]!;
      if (!seen[u]) {
        seen[u] = 1;
        order.push(u);
      }
    }
  }
  return Int32Array.from(order).sort();
}

function group(ctx: Ctx, betweenness: Float64Array): Set<string> {
  return new Set(
    keyPersonGroupCtx(ctx, { betweenness })
      .filter((k) => k.inGroup)
      .map((k) => k.personId),
  );
}

/**
 * Sampled (each pivot count) against exact on T; the group agreement too when `ctx` is the
 * context T belongs to (null for a piece of it).
 */
export function samplingRows(
  label: string,
  T: TieGraph,
  ctx: Ctx | null,
  pivots: readonly number[],
): SamplingRow[] {
  const t0 = performance.now();
  const exact = tieBetweenness(T, { exactMaxNodes: Number.POSITIVE_INFINITY });
  const exactMs = performance.now() - t0;
  const persons: number[] = [];
  for (let i = 0; i < T.n; i++) if (T.kind[i] === NK_PERSON) persons.push(i);
  const pick = (xs: Float64Array) => persons.map((i) => xs[i]!);
  const top = (xs: number[]) =>
    new Set(
      xs
        .map((_, i) => i)
        .sort((a, b) => xs[b]! - xs[a]!)
        .slice(0, 100),
    );
  const exactTop = top(pick(exact));
  const exactGroup = ctx ? group(ctx, exact) : null;
  return pivots.map((k) => {
    const s0 = performance.now();
    const sampled = tieBetweenness(T, { exactMaxNodes: 0, pivots: k });
    const sampledMs = performance.now() - s0;
    let top100 = 0;
    for (const v of top(pick(sampled))) if (exactTop.has(v)) top100++;
    let agreement: GroupAgreement | null = null;
    if (ctx && exactGroup) {
      const g = group(ctx, sampled);
      let common = 0;
      for (const p of g) if (exactGroup.has(p)) common++;
      agreement = {
        sampled: g.size,
        exact: exactGroup.size,
        common,
        jaccard: common / (g.size + exactGroup.size - common),
      };
    }
    return {
      graph: label,
      n: T.n,
      m: T.off[T.n]! / 2,
      pivots: k,
      sampledMs,
      exactMs,
      rhoAll: spearman(sampled, exact),
      rhoPersons: spearman(pick(sampled), pick(exact)),
      top100,
      group: agreement,
    };
  });
}
