/**
 * The acquaintance network of a projection: persons and their KNOWS ties, undirected, as
 * sorted adjacency lists (deterministic whatever the load order). The network stage
 * (stage.ts) is read from it: Krebs & Holley describe how people, not organisations, weave.
 */
import type { NetworkGraph } from '../analytics/graph';

export interface PersonGraph {
  ids: string[];
  /** adjacency by index; each list sorted, no duplicates, no self-loops. */
  adj: number[][];
}

export function personGraph(g: NetworkGraph): PersonGraph {
  const ids = g.filterNodes((_id, a) => a.kind === 'Person').sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const sets = ids.map(() => new Set<number>());
  g.forEachEdge((_k, a, s, t) => {
    if (a.type !== 'KNOWS') return;
    const i = index.get(s);
    const j = index.get(t);
    if (i === undefined || j === undefined || i === j) return;
    sets[i]!.add(j);
    sets[j]!.add(i);
  });
  return { ids, adj: sets.map((s) => [...s].sort((x, y) => x - y)) };
}

/** Connected components as lists of indices (each sorted), largest first. */
export function components(n: number, adj: readonly (readonly number[])[]): number[][] {
  const seen = new Uint8Array(n);
  const out: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    seen[s] = 1;
    const comp = [s];
    for (let k = 0; k < comp.length; k++) {
      for (const v of adj[comp[k]!]!) {
        if (!seen[v]) {
          seen[v] = 1;
          comp.push(v);
        }
      }
    }
    out.push(comp.sort((a, b) => a - b));
  }
  return out.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/**
 * The k-core of the nodes in `within`: the largest subgraph in which every node has at least k
 * neighbours inside it (repeatedly peel nodes of lower degree). Answers a membership mask.
 */
export function kCore(
  n: number,
  adj: readonly (readonly number[])[],
  k: number,
  within: readonly number[],
): Uint8Array {
  const inCore = new Uint8Array(n);
  for (const v of within) inCore[v] = 1;
  const deg = new Int32Array(n);
  for (const v of within) for (const u of adj[v]!) if (inCore[u]) deg[v]!++;
  const queue = within.filter((v) => deg[v]! < k);
  for (const v of queue) inCore[v] = 0;
  for (let q = 0; q < queue.length; q++) {
    for (const u of adj[queue[q]!]!) {
      if (!inCore[u]) continue;
      if (--deg[u]! < k) {
        inCore[u] = 0;
        queue.push(u);
      }
    }
  }
  return inCore;
}
