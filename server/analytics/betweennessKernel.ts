/**
 * The inner loop of exact betweenness, from TypeScript's side: the WebAssembly kernel
 * (wasm/brandes.as.ts, compiled to wasm/brandes.wasm) given one graph's adjacency and sources
 * in its own memory. The method, and why it is WebAssembly, are in wasm/brandes.as.ts and
 * docs/analytics.md ("Exact betweenness, fast").
 *
 * `kernelLayout` and `betweennessKernel` must stay self-contained (no imports, nothing from
 * this module's scope but each other): the worker threads (betweennessThreads.ts) run their
 * source text, with the compiled module passed to them.
 */
import { readFileSync } from 'node:fs';

/** Byte offsets of the kernel's arrays in its memory (each 64-byte aligned). */
export interface KernelLayout {
  off: number;
  nbr: number;
  sources: number;
  bc: number;
  seen: number;
  next: number;
  sigma: number;
  x: number;
  levelVertex: number;
  levelMask: number;
  levelStart: number;
  pairStart: number;
  masks: number;
  /** The recorded edges, last: the kernel grows the memory when a batch needs more. */
  pairs: number;
  /** Bytes up to the pairs plus room for 2 × m2 of them to start with. */
  bytes: number;
}

/** Where the arrays of a graph of n vertices, m2 adjacency entries and k sources go. */
export function kernelLayout(n: number, m2: number, k: number): KernelLayout {
  // A vertex is listed at most once per source of a batch (32), about 2–3 times in practice.
  const listed = 32 * n + 64;
  const sizes: [keyof KernelLayout, number][] = [
    ['off', 4 * (n + 1)],
    ['nbr', 4 * m2],
    ['sources', 4 * k],
    ['bc', 8 * n],
    ['seen', 4 * n],
    ['next', 4 * n],
    ['sigma', 8 * 32 * n],
    ['x', 8 * 32 * n],
    ['levelVertex', 4 * listed],
    ['levelMask', 4 * listed],
    ['levelStart', 4 * (n + 2)],
    ['pairStart', 4 * (n + 2)],
    ['masks', 64],
  ];
  const layout = {} as KernelLayout;
  let at = 64;
  for (const [name, bytes] of sizes) {
    layout[name] = at;
    at += Math.ceil(bytes / 64) * 64;
  }
  layout.pairs = at;
  layout.bytes = at + 12 * Math.max(64, 2 * m2);
  return layout;
}

/** The kernel set up for one graph and its sources. */
export interface BetweennessKernel {
  /**
   * Sets `out[v]` to the sum of the dependencies δ_s(v) of the sources s in
   * `sources[from..to)` (v ≠ s), both directions of every pair.
   */
  sums(from: number, to: number, out: Float64Array): void;
  /** The size of its memory now (it grows when a batch records more edges than it had room for). */
  memoryBytes(): number;
}

/**
 * An instance of the compiled kernel in a memory of its own, holding the CSR adjacency of an
 * undirected graph (`off`/`nbr`, each edge in both lists) and the sources.
 */
export function betweennessKernel(
  module: WebAssembly.Module,
  off: Int32Array,
  nbr: Int32Array,
  sources: Int32Array,
): BetweennessKernel {
  const n = off.length - 1;
  const at = kernelLayout(n, off[n]!, sources.length);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(at.bytes / 65536) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const batches = instance.exports.batches as (...args: number[]) => void;
  new Int32Array(memory.buffer, at.off, n + 1).set(off);
  new Int32Array(memory.buffer, at.nbr, off[n]!).set(nbr);
  new Int32Array(memory.buffer, at.sources, sources.length).set(sources);
  // Lane masks for two lanes at a time: entry b (two bits) keeps lane 0 if b&1, lane 1 if b&2.
  const masks = new Int32Array(memory.buffer, at.masks, 16);
  for (let b = 0; b < 4; b++) {
    const lo = b & 1 ? -1 : 0;
    const hi = b & 2 ? -1 : 0;
    masks.set([lo, lo, hi, hi], b * 4);
  }
  return {
    sums(from: number, to: number, out: Float64Array): void {
      // The memory may have grown (and its old buffer been detached): views made afresh.
      new Float64Array(memory.buffer, at.bc, n).fill(0);
      batches(
        n,
        at.off,
        at.nbr,
        at.sources,
        from,
        to,
        at.bc,
        at.seen,
        at.next,
        at.sigma,
        at.x,
        at.levelVertex,
        at.levelMask,
        at.levelStart,
        at.pairStart,
        at.masks,
        at.pairs,
      );
      out.set(new Float64Array(memory.buffer, at.bc, n));
    },
    memoryBytes(): number {
      return memory.buffer.byteLength;
    },
  };
}

let compiled: WebAssembly.Module | null = null;

/** The compiled kernel (wasm/brandes.wasm), compiled once per thread. */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(
    readFileSync(new URL('./wasm/brandes.wasm', import.meta.url)),
  );
  return compiled;
}
