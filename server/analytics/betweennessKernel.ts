/**
 * The inner loop of exact betweenness: Brandes' algorithm (unweighted, undirected) run for 32
 * sources at once, bit-parallel, after the multi-source BFS of Then et al., "The More the
 * Merrier: Efficient Multi-Source Graph Traversal" (VLDB 2014).
 *
 * Bit i of a vertex's mask stands for source i of the batch. The forward pass walks the BFS
 * levels of all 32 sources together: a vertex enters level d+1 for the sources whose level-d
 * neighbours reach it first, so one scan of an edge serves every source for which it lies on a
 * shortest path, and the scan of an edge that serves none costs one AND. The number of shortest
 * paths σ is added per source only along those edges, which the forward pass records
 * (v, u, mask) so that the backward pass revisits exactly them. Backward, with x = δ/σ Brandes'
 * dependency rule δ(v) = Σ_w σ(v)/σ(w)·(1 + δ(w)) becomes x(v) = Σ_w (1/σ(w) + x(w)), so both
 * passes are the same gather-add, and each vertex's betweenness grows by σ·x = δ.
 *
 * Sources are grouped into batches of vertices that lie close together (see `batchOrder`),
 * so a vertex tends to be at the same distance from most sources of a batch and the masks are
 * dense. The result is exactly Brandes' sum of dependencies, in a fixed order of additions.
 *
 * These three functions must stay self-contained (no imports, no closures, no nested
 * functions): the worker threads (betweennessThreads.ts) run their source text.
 */

/** A copy of `a` with twice the length (the lists grow when a batch needs more room). */
export function doubled(a: Int32Array): Int32Array {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

/** Scratch arrays for `betweennessBatches` on graphs of n vertices, reused across calls. */
export interface BetweennessWorkspace {
  n: number;
  seen: Int32Array;
  next: Int32Array;
  sigma: Float64Array;
  x: Float64Array;
  levelVertex: Int32Array;
  levelMask: Int32Array;
  levelStart: Int32Array;
  pairStart: Int32Array;
  pairV: Int32Array;
  pairU: Int32Array;
  pairMask: Int32Array;
}

export function betweennessWorkspace(n: number, edgeSlots: number): BetweennessWorkspace {
  const cells = n * 32;
  // A vertex is listed once per distinct distance from the batch's sources: at most 32 times,
  // about 2–3 times in practice. Both lists grow when needed.
  const listed = Math.min(cells, 4 * n) + 64;
  const pairs = Math.max(64, edgeSlots * 2);
  return {
    n,
    seen: new Int32Array(n),
    next: new Int32Array(n),
    sigma: new Float64Array(cells),
    x: new Float64Array(cells),
    levelVertex: new Int32Array(listed),
    levelMask: new Int32Array(listed),
    levelStart: new Int32Array(n + 2),
    pairStart: new Int32Array(n + 2),
    pairV: new Int32Array(pairs),
    pairU: new Int32Array(pairs),
    pairMask: new Int32Array(pairs),
  };
}

/**
 * Adds to `bc[v]` the dependencies δ_s(v) of every source s in `sources[from..to)` (for
 * v ≠ s), in batches of 32 consecutive sources. `off`/`nbr` are the CSR adjacency of an
 * undirected graph (each edge in both lists). Sums both directions of every pair: an
 * undirected betweenness is half of what is added over all sources.
 */
export function betweennessBatches(
  ws: BetweennessWorkspace,
  off: Int32Array,
  nbr: Int32Array,
  sources: Int32Array,
  from: number,
  to: number,
  bc: Float64Array,
): void {
  const W = 32;
  const seen = ws.seen;
  const next = ws.next;
  const sigma = ws.sigma;
  const x = ws.x;
  let lv = ws.levelVertex;
  let lm = ws.levelMask;
  let lcap = lv.length;
  const lstart = ws.levelStart;
  const pstart = ws.pairStart;
  let pv = ws.pairV;
  let pu = ws.pairU;
  let pm = ws.pairMask;
  let pcap = pv.length;
  for (let b0 = from; b0 < to; b0 += W) {
    const bn = Math.min(W, to - b0);
    // ---- level 0: the sources (a vertex listed twice gets two bits)
    let top = 0;
    for (let i = 0; i < bn; i++) {
      const s = sources[b0 + i]!;
      if (seen[s] === 0) lv[top++] = s;
      seen[s]! |= 1 << i;
      sigma[s * W + i] = 1;
    }
    for (let k = 0; k < top; k++) lm[k] = seen[lv[k]!]!;
    lstart[0] = 0;
    lstart[1] = top;
    pstart[0] = 0;
    let levels = 0;
    let np = 0;
    // ---- forward: level by level, pushing from the vertices of level d
    for (;;) {
      const a = lstart[levels]!;
      const z = lstart[levels + 1]!;
      let t = z;
      for (let k = a; k < z; k++) {
        const v = lv[k]!;
        const fv = lm[k]!;
        const vb = v * W;
        for (let e = off[v]!, end = off[v + 1]!; e < end; e++) {
          const u = nbr[e]!;
          let m = fv & ~seen[u]!;
          if (m === 0) continue;
          if (next[u] === 0) {
            if (t === lcap) {
              lcap *= 2;
              lv = ws.levelVertex = doubled(lv);
              lm = ws.levelMask = doubled(lm);
            }
            lv[t++] = u;
          }
          next[u]! |= m;
          if (np === pcap) {
            pcap *= 2;
            pv = ws.pairV = doubled(pv);
            pu = ws.pairU = doubled(pu);
            pm = ws.pairMask = doubled(pm);
          }
          const ub = u * W;
          pv[np] = vb;
          pu[np] = ub;
          pm[np++] = m;
          while (m !== 0) {
            const s = 31 - Math.clz32(m);
            m ^= 1 << s;
            sigma[ub + s]! += sigma[vb + s]!;
          }
        }
      }
      pstart[levels + 1] = np;
      if (t === z) break;
      for (let k = z; k < t; k++) {
        const u = lv[k]!;
        const m = next[u]!;
        lm[k] = m;
        seen[u]! |= m;
        next[u] = 0;
      }
      levels++;
      lstart[levels + 1] = t;
    }
    // ---- backward: deepest level first; x(v) = Σ over recorded successors of 1/σ(w) + x(w)
    for (let d = levels; d >= 1; d--) {
      for (let p = pstart[d]!, pz = pstart[d + 1]!; p < pz; p++) {
        const vb = pv[p]!;
        const ub = pu[p]!;
        let m = pm[p]!;
        while (m !== 0) {
          const s = 31 - Math.clz32(m);
          m ^= 1 << s;
          x[vb + s]! += x[ub + s]!;
        }
      }
      for (let k = lstart[d]!, z = lstart[d + 1]!; k < z; k++) {
        const v = lv[k]!;
        let m = lm[k]!;
        const vb = v * W;
        let acc = 0;
        while (m !== 0) {
          const s = 31 - Math.clz32(m);
          m ^= 1 << s;
          const sg = sigma[vb + s]!;
          const xv = x[vb + s]!;
          acc += sg * xv;
          x[vb + s] = 1 / sg + xv;
          sigma[vb + s] = 0;
        }
        bc[v]! += acc;
      }
    }
    // ---- reset: σ was cleared as each level was finished, except the sources' own
    for (let k = 0, z = lstart[levels + 1]!; k < z; k++) seen[lv[k]!] = 0;
    for (let i = 0; i < bn; i++) sigma[sources[b0 + i]! * W + i] = 0;
    x.fill(0);
  }
}
