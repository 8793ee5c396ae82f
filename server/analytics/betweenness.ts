/**
 * Betweenness centrality of the tie graph T (docs/analytics.md): Brandes' definition on the
 * unweighted, undirected graph, normalised by (n−1)(n−2)/2.
 *
 * - **Exact** up to `EXACT_BETWEENNESS_MAX_NODES` nodes (SPEC §13): every vertex a source, 32
 *   sources per bit-parallel batch (the WebAssembly kernel, wasm/brandes.as.ts), the batches
 *   shared between this thread and worker threads (betweennessThreads.ts) when the graph is big
 *   enough to pay for it.
 * - **Sampled** above: `BETWEENNESS_PIVOTS` sources drawn uniformly with a seeded rng, the sum
 *   scaled by n / pivots (Brandes & Pich 2007), an unbiased estimate whose error is measured
 *   against exact in docs/BENCHMARKS.md.
 *
 * The result does not depend on the number of threads: the sources are cut into fixed chunks,
 * each chunk's sum is computed by one thread alone, and the chunks are added in order.
 */
import { betweennessKernel, kernelModule } from './betweennessKernel';
import { runChunks, runChunksAsync } from './betweennessThreads';
import { seededRng } from './context';

export const EXACT_BETWEENNESS_MAX_NODES = 10_000;
export const BETWEENNESS_PIVOTS = 1024;
export const BETWEENNESS_SEED = 42;
/** Batches of 32 sources per chunk, the unit of work a thread takes. */
export const CHUNK_BATCHES = 4;
/** Below this many source × edge visits the work stays on the calling thread. */
export const PARALLEL_MIN_WORK = 4_000_000;

/** The undirected adjacency betweenness needs (a subset of the TieGraph CSR). */
export interface Adjacency {
  n: number;
  off: Int32Array;
  nbr: Int32Array;
}

export interface BetweennessOptions {
  /** Exact when n ≤ this; sampled above. Default 10,000. */
  exactMaxNodes?: number;
  /** Sources of the sampled estimate. Default 1024. */
  pivots?: number;
  /** Seed of the pivot sample. Default 42. */
  seed?: number;
  /**
   * Worker threads beside the calling one: default one fewer than the machine's cores when
   * the graph is big enough (PARALLEL_MIN_WORK); 0 keeps everything on the calling thread.
   */
  threads?: number;
}

/**
 * The order in which sources are batched: each vertex, highest degree first, followed by its
 * neighbours not yet placed. Neighbours of one hub are within two hops of each other, so their
 * BFS levels mostly agree and the batch's bit masks are dense (fewer edge scans per source).
 * Any order gives the same sums; this one only makes them cheaper.
 */
export function batchOrder(g: Adjacency): Int32Array {
  const { n, off, nbr } = g;
  const byDegree = Array.from({ length: n }, (_, v) => v).sort(
    (a, b) => off[b + 1]! - off[b]! - (off[a + 1]! - off[a]!) || a - b,
  );
  const placed = new Uint8Array(n);
  const out = new Int32Array(n);
  let k = 0;
  for (const h of byDegree) {
    if (!placed[h]) {
      placed[h] = 1;
      out[k++] = h;
    }
    for (let e = off[h]!; e < off[h + 1]!; e++) {
      const u = nbr[e]!;
      if (!placed[u]) {
        placed[u] = 1;
        out[k++] = u;
      }
    }
  }
  return out;
}

/** The pivots of the sampled estimate: a seeded uniform sample of k vertices, in batch order. */
export function samplePivots(g: Adjacency, k: number, seed: number): Int32Array {
  const n = g.n;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const rng = seededRng(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  const chosen = new Uint8Array(n);
  for (let i = 0; i < k; i++) chosen[perm[i]!] = 1;
  return batchOrder(g).filter((v) => chosen[v] === 1);
}

/**
 * Σ over `sources` of Brandes' dependencies, per vertex (both directions of each pair), cut
 * into chunks of CHUNK_BATCHES × 32 sources that threads take one at a time.
 */
export function dependencySums(g: Adjacency, sources: Int32Array, threads?: number): Float64Array {
  const plan = chunkPlan(g, sources, threads);
  const perChunk = plan.parallel
    ? runChunks(g, sources, plan.chunkSize, plan.chunks, plan.threads)
    : null;
  return perChunk ? addChunks(g.n, plan.chunks, perChunk) : sumHere(g, sources, plan);
}

/**
 * `dependencySums` without holding the event loop for long: this thread's share is computed
 * in stretches of a few milliseconds (betweennessThreads.ts, `runChunksAsync`). The same sums.
 */
export async function dependencySumsAsync(
  g: Adjacency,
  sources: Int32Array,
  threads?: number,
): Promise<Float64Array> {
  const plan = chunkPlan(g, sources, threads);
  const perChunk = plan.parallel
    ? await runChunksAsync(g, sources, plan.chunkSize, plan.chunks, plan.threads)
    : null;
  return perChunk ? addChunks(g.n, plan.chunks, perChunk) : sumHere(g, sources, plan);
}

interface ChunkPlan {
  chunkSize: number;
  chunks: number;
  /** Worth sharing with worker threads. */
  parallel: boolean;
  threads: number | undefined;
}

function chunkPlan(g: Adjacency, sources: Int32Array, threads?: number): ChunkPlan {
  const chunkSize = CHUNK_BATCHES * 32;
  const chunks = Math.ceil(sources.length / chunkSize);
  const work = sources.length * (g.off[g.n]! + g.n);
  const parallel = threads ?? (work >= PARALLEL_MIN_WORK ? undefined : 0);
  return { chunkSize, chunks, parallel: parallel !== 0 && chunks >= 2, threads: parallel };
}

/** The chunks' sums added in chunk order (so the result does not depend on who computed them). */
function addChunks(n: number, chunks: number, perChunk: Float64Array): Float64Array {
  const sums = new Float64Array(n);
  for (let c = 0; c < chunks; c++) {
    const part = perChunk.subarray(c * n, (c + 1) * n);
    for (let v = 0; v < n; v++) sums[v]! += part[v]!;
  }
  return sums;
}

/** Every chunk on this thread, added in the same order. */
function sumHere(g: Adjacency, sources: Int32Array, plan: ChunkPlan): Float64Array {
  const sums = new Float64Array(g.n);
  const kernel = betweennessKernel(kernelModule(), g.off, g.nbr, sources);
  const part = new Float64Array(g.n);
  for (let c = 0; c < plan.chunks; c++) {
    const from = c * plan.chunkSize;
    kernel.sums(from, Math.min(sources.length, from + plan.chunkSize), part);
    for (let v = 0; v < g.n; v++) sums[v]! += part[v]!;
  }
  return sums;
}

/**
 * Betweenness of every vertex, normalised by (n−1)(n−2)/2: exact when n ≤ exactMaxNodes,
 * otherwise the seeded pivot estimate scaled by n / pivots and clamped to 1.
 */
export function tieBetweenness(g: Adjacency, opts: BetweennessOptions = {}): Float64Array {
  if (g.n < 3) return new Float64Array(g.n);
  const { sources, scale } = betweennessSources(g, opts);
  return scaled(dependencySums(g, sources, opts.threads), scale);
}

/** `tieBetweenness` without holding the event loop for long (see dependencySumsAsync). */
export async function tieBetweennessAsync(
  g: Adjacency,
  opts: BetweennessOptions = {},
): Promise<Float64Array> {
  if (g.n < 3) return new Float64Array(g.n);
  const { sources, scale } = betweennessSources(g, opts);
  return scaled(await dependencySumsAsync(g, sources, opts.threads), scale);
}

/** The sources (all, or the pivots) and the factor that turns their sums into betweenness. */
function betweennessSources(
  g: Adjacency,
  opts: BetweennessOptions,
): { sources: Int32Array; scale: number } {
  const n = g.n;
  const exact = n <= (opts.exactMaxNodes ?? EXACT_BETWEENNESS_MAX_NODES);
  const k = exact ? n : Math.min(n, Math.max(1, Math.floor(opts.pivots ?? BETWEENNESS_PIVOTS)));
  const sources = exact ? batchOrder(g) : samplePivots(g, k, opts.seed ?? BETWEENNESS_SEED);
  // Each unordered pair is counted from both ends: halve; scale a sample up to all sources.
  return { sources, scale: ((n / k) * 0.5) / (((n - 1) * (n - 2)) / 2) };
}

function scaled(bc: Float64Array, scale: number): Float64Array {
  for (let v = 0; v < bc.length; v++) bc[v] = Math.min(1, bc[v]! * scale);
  return bc;
}
