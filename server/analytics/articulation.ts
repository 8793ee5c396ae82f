/**
 * Depth-first search with low points on the tie graph T (Hopcroft & Tarjan), iterative (no
 * recursion, so a long chain cannot overflow the stack). A child c of v with
 * low(c) ≥ disc(v) hangs on v: removing v cuts c's subtree, the preorder range
 * [disc(c), disc(c) + size(c)), off from the root's side.
 */
import type { TieGraph } from './context';

/** The DFS arrays, indexed by node (disc, low, parent, size) or by preorder (order). */
export interface DfsState {
  disc: Int32Array;
  low: Int32Array;
  parent: Int32Array;
  size: Int32Array;
  order: Int32Array;
  stackV: Int32Array;
  stackE: Int32Array;
}

export function dfsState(n: number): DfsState {
  return {
    disc: new Int32Array(n).fill(-1),
    low: new Int32Array(n),
    parent: new Int32Array(n),
    size: new Int32Array(n),
    order: new Int32Array(n),
    stackV: new Int32Array(n),
    stackE: new Int32Array(n),
  };
}

/**
 * DFS from `root` over the nodes not yet discovered (disc = −1), numbering them from `start`;
 * returns the next free number. `order[k]` is the node numbered k.
 */
export function dfsFrom(T: TieGraph, s: DfsState, root: number, start: number): number {
  const { off, nbr } = T;
  const { disc, low, parent, size, order, stackV, stackE } = s;
  let time = start;
  let sp = 0;
  disc[root] = low[root] = time;
  order[time++] = root;
  parent[root] = -1;
  size[root] = 1;
  stackV[sp] = root;
  stackE[sp++] = off[root]!;
  while (sp > 0) {
    const v = stackV[sp - 1]!;
    const e = stackE[sp - 1]!;
    if (e < off[v + 1]!) {
      stackE[sp - 1] = e + 1;
      const u = nbr[e]!;
      if (disc[u] === -1) {
        disc[u] = low[u] = time;
        order[time++] = u;
        parent[u] = v;
        size[u] = 1;
        stackV[sp] = u;
        stackE[sp++] = off[u]!;
      } else if (u !== parent[v] && disc[u]! < low[v]!) {
        low[v] = disc[u]!;
      }
    } else {
      sp--;
      const p = parent[v]!;
      if (p >= 0) {
        if (low[v]! < low[p]!) low[p] = low[v]!;
        size[p]! += size[v]!;
      }
    }
  }
  return time;
}

/**
 * Every articulation point of T (1 in the result): a node whose removal disconnects its
 * component — a DFS root with two or more children, or a node with a child hanging on it.
 */
export function articulationPoints(T: TieGraph): Uint8Array {
  const s = dfsState(T.n);
  const out = new Uint8Array(T.n);
  const children = new Int32Array(T.n);
  let time = 0;
  for (let root = 0; root < T.n; root++) {
    if (s.disc[root] !== -1) continue;
    const start = time;
    time = dfsFrom(T, s, root, start);
    for (let k = start + 1; k < time; k++) {
      const c = s.order[k]!;
      const p = s.parent[c]!;
      children[p]!++;
      if (p !== root && s.low[c]! >= s.disc[p]!) out[p] = 1;
    }
    if (children[root]! >= 2) out[root] = 1;
  }
  return out;
}
