/**
 * Betweenness remembered by the content of its tie graph, across graph versions. Most writes
 * (a title, a note, an SME's challenge, a follow-up) change no tie: the next projection's tie
 * graph is the same, and so is its betweenness, the one costly part of the キーパーソン群 (about
 * 250 ms of one thread for a national region's 4,663-node tie graph with the WebAssembly kernel,
 * measured 2026-12-07). The key is a hash of everything betweenness reads — the vertex ids in
 * their order and the CSR adjacency — so a remembered value is the one a new computation would
 * give; any other change misses and computes. Per process, and coherent across processes by
 * construction: the key is the content, not a version.
 */
import { createHash } from 'node:crypto';
import { rememberRecent } from '../../common/keepNewest';

/** Tie graphs remembered (one 5k-node region's values: 40 KB). */
const KEPT = 64;

const kept = new Map<string, Float64Array>();

/** What betweenness reads of a tie graph (TieGraph has these fields). */
export interface BetweennessInput {
  n: number;
  ids: string[];
  off: Int32Array;
  nbr: Int32Array;
}

/** A hash of a tie graph's vertex ids, in order, and its adjacency. */
export function tieGraphKey(T: BetweennessInput): string {
  const h = createHash('sha256');
  h.update(`${T.n}\n`);
  h.update(JSON.stringify(T.ids));
  h.update(new Uint8Array(T.off.buffer, T.off.byteOffset, T.off.byteLength));
  h.update(new Uint8Array(T.nbr.buffer, T.nbr.byteOffset, T.nbr.byteLength));
  return h.digest('base64');
}

/** `compute()`'s value for this tie graph, computed once while the same graph is seen. */
export function rememberedBetweenness(
  T: BetweennessInput,
  compute: () => Float64Array,
): Float64Array {
  const value = rememberRecent(kept, tieGraphKey(T), KEPT, compute);
  // A copy: the caller may not change what the next caller reads.
  return value.slice();
}

/** `rememberedBetweenness` for a computation that lets the event loop run while it works. */
export async function rememberedBetweennessAsync(
  T: BetweennessInput,
  compute: () => Promise<Float64Array>,
): Promise<Float64Array> {
  const key = tieGraphKey(T);
  const value = kept.get(key) ?? (await compute());
  return rememberRecent(kept, key, KEPT, () => value).slice();
}
