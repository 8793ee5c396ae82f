import { afterAll, describe, expect, it } from 'vitest';
import {
  type Adjacency,
  batchOrder,
  dependencySums,
  EXACT_BETWEENNESS_MAX_NODES,
  tieBetweenness,
} from '../betweenness';
import { lastParallelRun, stopBetweennessWorkers } from '../betweennessThreads';
import { buildContext, seededRng } from '../context';
import { adjacencyOf } from './adjacency';
import {
  FLORENTINE_BETWEENNESS,
  FLORENTINE_TIES,
  KARATE_BETWEENNESS,
  KARATE_TIES,
  KITE_BETWEENNESS,
  KITE_TIES,
  numbered,
  personGraph,
} from './classic';

afterAll(() => stopBetweennessWorkers());

/** Textbook Brandes (one source at a time, plain arrays): the reference the batches must equal. */
function referenceBrandes(g: Adjacency): number[] {
  const bc = new Array<number>(g.n).fill(0);
  for (let s = 0; s < g.n; s++) {
    const dist = new Array<number>(g.n).fill(-1);
    const sigma = new Array<number>(g.n).fill(0);
    const delta = new Array<number>(g.n).fill(0);
    const order: number[] = [s];
    dist[s] = 0;
    sigma[s] = 1;
    for (let h = 0; h < order.length; h++) {
      const v = order[h]!;
      for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
        const u = g.nbr[e]!;
        if (dist[u] === -1) {
          dist[u] = dist[v]! + 1;
          order.push(u);
        }
        if (dist[u] === dist[v]! + 1) sigma[u]! += sigma[v]!;
      }
    }
    for (let h = order.length - 1; h > 0; h--) {
      const u = order[h]!;
      for (let e = g.off[u]!; e < g.off[u + 1]!; e++) {
        const v = g.nbr[e]!;
        if (dist[v] === dist[u]! - 1) delta[v]! += (sigma[v]! / sigma[u]!) * (1 + delta[u]!);
      }
      bc[u]! += delta[u]!;
    }
  }
  const norm = ((g.n - 1) * (g.n - 2)) / 2;
  return bc.map((x) => x / 2 / norm);
}

/** A random graph: a few dense clusters, hubs, chains and isolated vertices, seeded. */
function randomAdjacency(n: number, m: number, seed: number): Adjacency {
  const rng = seededRng(seed);
  const edges = new Set<number>();
  for (let k = 0; k < m; k++) {
    const a = Math.floor(rng() * n);
    // Half the ties stay within a block of 40, a few go to the hubs 0..4.
    const r = rng();
    const b =
      r < 0.5
        ? (Math.floor(a / 40) * 40 + Math.floor(rng() * 40)) % n
        : r < 0.6
          ? Math.floor(rng() * 5)
          : Math.floor(rng() * n);
    if (a !== b && a < n - 3 && b < n - 3) edges.add(Math.min(a, b) * n + Math.max(a, b));
  }
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const k of edges) {
    const a = Math.floor(k / n);
    const b = k % n;
    adj[a]!.push(b);
    adj[b]!.push(a);
  }
  return adjacencyOf(adj);
}

const tieGraphOf = (b: { g: Parameters<typeof buildContext>[0] }) => buildContext(b.g).T;

describe('exact betweenness (batched Brandes)', () => {
  it("equals networkx's published values on the Florentine families", () => {
    const T = tieGraphOf(personGraph(FLORENTINE_TIES, (f) => `person:${f}`));
    const bc = tieBetweenness(T);
    for (const [family, want] of Object.entries(FLORENTINE_BETWEENNESS)) {
      expect(bc[T.index.get(`person:${family}`)!], family).toBeCloseTo(want, 3);
    }
  });

  it('equals the published values on the karate club and the Krackhardt kite', () => {
    for (const [ties, want] of [
      [KARATE_TIES, KARATE_BETWEENNESS],
      [KITE_TIES, KITE_BETWEENNESS],
    ] as const) {
      const T = tieGraphOf(personGraph(ties, numbered));
      const bc = tieBetweenness(T);
      want.forEach((w, i) => expect(bc[T.index.get(numbered(i))!], `node ${i}`).toBeCloseTo(w, 3));
    }
  });

  it('equals textbook Brandes on random graphs, disconnected ones included', () => {
    for (const [n, m, seed] of [
      [3, 2, 1],
      [37, 60, 2],
      [200, 500, 3],
      [333, 1500, 4],
    ] as const) {
      const g = randomAdjacency(n, m, seed);
      const want = referenceBrandes(g);
      const got = tieBetweenness(g, { threads: 0 });
      for (let v = 0; v < n; v++) expect(got[v]).toBeCloseTo(want[v]!, 12);
    }
  });

  it('any order of the sources gives the same sums; the batch order is a permutation', () => {
    const g = randomAdjacency(150, 600, 5);
    const order = batchOrder(g);
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(150).keys()]);
    const byId = dependencySums(g, Int32Array.from(Array(150).keys()), 0);
    const batched = dependencySums(g, order, 0);
    for (let v = 0; v < 150; v++) expect(batched[v]).toBeCloseTo(byId[v]!, 9);
  });

  it('gives bit-identical results on worker threads and on the calling thread', () => {
    const g = randomAdjacency(1200, 5000, 6);
    const alone = tieBetweenness(g, { threads: 0 });
    expect(alone.some((x) => x > 0)).toBe(true);
    // The worker starts with the first run and may take no chunk of it: run until it has.
    let byWorker = 0;
    for (let attempt = 0; attempt < 20 && byWorker === 0; attempt++) {
      const shared = tieBetweenness(g, { threads: 1 });
      expect([...shared]).toEqual([...alone]);
      const run = lastParallelRun()!;
      byWorker = run.chunks - run.byCaller;
    }
    expect(byWorker).toBeGreaterThan(0);
  });

  it('is exact up to 10,000 nodes', () => {
    expect(EXACT_BETWEENNESS_MAX_NODES).toBe(10_000);
  });
});

describe('sampled betweenness (above the exact limit)', () => {
  const g = randomAdjacency(400, 1600, 7);

  it('with every vertex a pivot equals exact', () => {
    const exact = tieBetweenness(g);
    const all = tieBetweenness(g, { exactMaxNodes: 2, pivots: 400 });
    for (let v = 0; v < 400; v++) expect(all[v]).toBeCloseTo(exact[v]!, 12);
  });

  it('is deterministic for a seed, differs across seeds, and estimates the hubs', () => {
    const a = tieBetweenness(g, { exactMaxNodes: 2, pivots: 100, seed: 7 });
    const b = tieBetweenness(g, { exactMaxNodes: 2, pivots: 100, seed: 7 });
    const c = tieBetweenness(g, { exactMaxNodes: 2, pivots: 100, seed: 8 });
    expect([...a]).toEqual([...b]);
    expect([...a]).not.toEqual([...c]);
    const exact = tieBetweenness(g);
    const top = (xs: Float64Array) =>
      [...xs.keys()]
        .sort((x, y) => xs[y]! - xs[x]!)
        .slice(0, 5)
        .sort((x, y) => x - y);
    expect(top(a)).toEqual(top(exact));
  });
});
