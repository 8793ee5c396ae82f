/**
 * Strongest-tie path (SPEC §4.4 `connectionPath`): Dijkstra in T with cost 1 / weight, so a
 * path over strong KNOWS ties (strength 3, cost 1/3) beats a shorter path over weak ones.
 */
import type { NetworkGraph } from './graph';
import { AnalyticsInputError, REL_NAMES, type TieRel, buildContext, nameOf } from './context';
import type { PathStep } from '../../common/answers';

export type { PathStep };

/** Binary min-heap on (priority, node index): deterministic ties. */
class Heap {
  private p: number[] = [];
  private v: number[] = [];
  get size(): number {
    return this.v.length;
  }
  private less(i: number, j: number): boolean {
    const a = this.p[i]!;
    const b = this.p[j]!;
    return a < b || (a === b && this.v[i]! < this.v[j]!);
  }
  private swap(i: number, j: number): void {
    [this.p[i], this.p[j]] = [this.p[j]!, this.p[i]!];
    [this.v[i], this.v[j]] = [this.v[j]!, this.v[i]!];
  }
  push(pr: number, node: number): void {
    this.p.push(pr);
    this.v.push(node);
    let i = this.v.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.less(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.p[0]!, this.v[0]!];
    const lp = this.p.pop()!;
    const lv = this.v.pop()!;
    if (this.v.length > 0) {
      this.p[0] = lp;
      this.v[0] = lv;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.v.length && this.less(l, m)) m = l;
        if (r < this.v.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

/**
 * The strongest-tie path from `fromId` to `toId` as steps, `[]` when they are the same node,
 * `null` when there is no path in T (or an endpoint is not a person, organisation or SME).
 */
export function connectionPath(g: NetworkGraph, fromId: string, toId: string): PathStep[] | null {
  for (const id of [fromId, toId]) {
    if (!g.hasNode(id)) throw new AnalyticsInputError(`No node with id ${id}`, 'NOT_FOUND');
  }
  if (fromId === toId) return [];
  const { T } = buildContext(g);
  const s = T.index.get(fromId);
  const t = T.index.get(toId);
  if (s === undefined || t === undefined) return null;
  const dist = new Float64Array(T.n).fill(Infinity);
  const prev = new Int32Array(T.n).fill(-1);
  const prevEdge = new Int32Array(T.n).fill(-1);
  const done = new Uint8Array(T.n);
  dist[s] = 0;
  const heap = new Heap();
  heap.push(0, s);
  while (heap.size > 0) {
    const [d, v] = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    if (v === t) break;
    for (let e = T.off[v]!; e < T.off[v + 1]!; e++) {
      const u = T.nbr[e]!;
      const nd = d + 1 / T.w[e]!;
      if (nd < dist[u]! - 1e-12) {
        dist[u] = nd;
        prev[u] = v;
        prevEdge[u] = e;
        heap.push(nd, u);
      }
    }
  }
  if (!done[t]) return null;
  const steps: PathStep[] = [];
  for (let v = t; v !== s; v = prev[v]!) {
    const p = prev[v]!;
    const e = prevEdge[v]!;
    const a = T.ids[p] as string;
    const b = T.ids[v] as string;
    steps.push({
      fromId: a,
      fromName: nameOf(g, a),
      toId: b,
      toName: nameOf(g, b),
      relType: REL_NAMES[T.rel[e]!] as TieRel,
      strength: T.w[e]!,
    });
  }
  return steps.reverse();
}
