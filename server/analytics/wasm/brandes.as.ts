/**
 * The inner loop of exact betweenness in AssemblyScript, compiled to WebAssembly
 * (brandes.wasm, `npm run build:kernel`): Brandes' algorithm (unweighted, undirected) for 32
 * sources at once, bit-parallel, after the multi-source BFS of Then et al., "The More the
 * Merrier: Efficient Multi-Source Graph Traversal" (VLDB 2014). docs/analytics.md, "Exact
 * betweenness, fast", explains the method and why it is WebAssembly.
 *
 * Bit i of a vertex's mask stands for source i of the batch. The forward pass walks the BFS
 * levels of all 32 sources together: a vertex enters level d+1 for the sources whose level-d
 * neighbours reach it first, so one scan of an edge serves every source for which it lies on a
 * shortest path. The number of shortest paths σ is added per source only along those edges,
 * which the forward pass records (v, u, mask) so that the backward pass revisits exactly them.
 * Backward, with x = δ/σ, Brandes' rule δ(v) = Σ_w σ(v)/σ(w)·(1 + δ(w)) becomes
 * x(v) = Σ_w (1/σ(w) + x(w)), so both passes are the same gather-add, and each vertex's
 * betweenness grows by σ·x = δ.
 *
 * A vertex's σ and x are 32 doubles each (one per source of the batch). Where a recorded edge
 * serves many sources (DENSE or more bits), all 32 lanes are added two at a time with SIMD,
 * the lanes of the other sources masked to +0 (x + 0 = x, so the sums are exactly those of
 * adding lane by lane); where it serves few, lane by lane. The result is exactly Brandes' sum of
 * dependencies, in a fixed order of additions, the same as the TypeScript kernel this replaced.
 *
 * Memory is laid out by the caller (betweennessKernel.ts, `kernelLayout`); the recorded edges
 * are the last region and grow the memory when a batch needs more room.
 */

/** Bits set from which an edge's 32 lanes are added with SIMD rather than one by one. */
const DENSE: i32 = 8;
/** Bytes per recorded edge: v, u (vertex numbers) and the mask, as i32. */
const PAIR: usize = 12;

function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}

function setI32(base: usize, i: i32, value: i32): void {
  store<i32>(base + ((<usize>i) << 2), value);
}

/** Room for `count` recorded edges after `pairs`: grows the memory if needed. */
function ensurePairs(pairs: usize, count: i32): void {
  const need = pairs + <usize>count * PAIR;
  const have = (<usize>memory.size()) << 16;
  if (need > have) {
    const pages = <i32>((need - have + 0xffff) >> 16);
    // At least double, so a long batch grows the memory a few times, not once per vertex.
    if (memory.grow(max(pages, memory.size())) < 0) unreachable();
  }
}

/** dst[lane] += src[lane] for the lanes whose bit is set in m (lane = bit number). */
function addLanes(dst: usize, src: usize, m: i32, masks: usize): void {
  if (popcnt(m) >= DENSE) {
    for (let j: usize = 0; j < 16; j++) {
      const keep = v128.load(masks + (((<usize>(m >>> ((<i32>j) << 1))) & 3) << 4));
      const q = j << 4;
      v128.store(dst + q, f64x2.add(v128.load(dst + q), v128.and(v128.load(src + q), keep)));
    }
  } else {
    while (m != 0) {
      const s = 31 - clz(m);
      m ^= 1 << s;
      const q = (<usize>s) << 3;
      store<f64>(dst + q, load<f64>(dst + q) + load<f64>(src + q));
    }
  }
}

/**
 * Adds to bc[v] the dependencies δ_s(v) of every source s in sources[from..to) (v ≠ s), in
 * batches of 32 consecutive sources. n vertices; off/nbr: the CSR adjacency of an undirected graph (each
 * edge in both lists). Sums both directions of every pair. seen, next, sigma and x must be zero
 * on entry and are zero again on return.
 */
export function batches(
  n: i32,
  off: usize,
  nbr: usize,
  sources: usize,
  from: i32,
  to: i32,
  bc: usize,
  seen: usize,
  next: usize,
  sigma: usize,
  x: usize,
  levelVertex: usize,
  levelMask: usize,
  levelStart: usize,
  pairStart: usize,
  masks: usize,
  pairs: usize,
): void {
  for (let b0 = from; b0 < to; b0 += 32) {
    const bn = min(32, to - b0);
    // ---- level 0: the sources (a vertex listed twice gets two bits)
    let top: i32 = 0;
    for (let i = 0; i < bn; i++) {
      const s = i32At(sources, b0 + i);
      if (i32At(seen, s) == 0) setI32(levelVertex, top++, s);
      setI32(seen, s, i32At(seen, s) | (1 << i));
      store<f64>(sigma + ((((<usize>s) << 5) + <usize>i) << 3), 1.0);
    }
    for (let k = 0; k < top; k++) setI32(levelMask, k, i32At(seen, i32At(levelVertex, k)));
    setI32(levelStart, 0, 0);
    setI32(levelStart, 1, top);
    setI32(pairStart, 0, 0);
    let levels: i32 = 0;
    let np: i32 = 0;
    // ---- forward: level by level, pushing from the vertices of level d
    for (;;) {
      const a = i32At(levelStart, levels);
      const z = i32At(levelStart, levels + 1);
      let t = z;
      for (let k = a; k < z; k++) {
        const v = i32At(levelVertex, k);
        const fv = i32At(levelMask, k);
        const vs = sigma + ((<usize>v) << 8);
        const e0 = i32At(off, v);
        const e1 = i32At(off, v + 1);
        ensurePairs(pairs, np + e1 - e0);
        for (let e = e0; e < e1; e++) {
          const u = i32At(nbr, e);
          const m = fv & ~i32At(seen, u);
          if (m == 0) continue;
          const nu = i32At(next, u);
          if (nu == 0) setI32(levelVertex, t++, u);
          setI32(next, u, nu | m);
          const rec = pairs + <usize>np * PAIR;
          store<i32>(rec, v);
          store<i32>(rec, u, 4);
          store<i32>(rec, m, 8);
          np++;
          addLanes(sigma + ((<usize>u) << 8), vs, m, masks);
        }
      }
      setI32(pairStart, levels + 1, np);
      if (t == z) break;
      for (let k = z; k < t; k++) {
        const u = i32At(levelVertex, k);
        const m = i32At(next, u);
        setI32(levelMask, k, m);
        setI32(seen, u, i32At(seen, u) | m);
        setI32(next, u, 0);
      }
      levels++;
      setI32(levelStart, levels + 1, t);
    }
    // ---- backward: deepest level first; x(v) = Σ over recorded successors of 1/σ(w) + x(w)
    for (let d = levels; d >= 1; d--) {
      const pz = i32At(pairStart, d + 1);
      for (let p = i32At(pairStart, d); p < pz; p++) {
        const rec = pairs + <usize>p * PAIR;
        const v = load<i32>(rec);
        const u = load<i32>(rec, 4);
        addLanes(x + ((<usize>v) << 8), x + ((<usize>u) << 8), load<i32>(rec, 8), masks);
      }
      const kz = i32At(levelStart, d + 1);
      for (let k = i32At(levelStart, d); k < kz; k++) {
        const v = i32At(levelVertex, k);
        let m = i32At(levelMask, k);
        const vs = sigma + ((<usize>v) << 8);
        const vx = x + ((<usize>v) << 8);
        let acc: f64 = 0;
        while (m != 0) {
          const s = 31 - clz(m);
          m ^= 1 << s;
          const q = (<usize>s) << 3;
          const sg = load<f64>(vs + q);
          const xv = load<f64>(vx + q);
          acc += sg * xv;
          store<f64>(vx + q, 1.0 / sg + xv);
          store<f64>(vs + q, 0.0);
        }
        store<f64>(bc + ((<usize>v) << 3), load<f64>(bc + ((<usize>v) << 3)) + acc);
      }
    }
    // ---- reset: σ was cleared as each level was finished, except the sources' own
    const listed = i32At(levelStart, levels + 1);
    for (let k = 0; k < listed; k++) setI32(seen, i32At(levelVertex, k), 0);
    for (let i = 0; i < bn; i++) {
      store<f64>(sigma + ((((<usize>i32At(sources, b0 + i)) << 5) + <usize>i) << 3), 0.0);
    }
    memory.fill(x, 0, (<usize>n) << 8);
  }
}
