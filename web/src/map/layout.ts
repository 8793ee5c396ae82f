/**
 * Positions for the map: fcose, computed off the main thread (Web Workers running headless
 * Cytoscape) so that thousands of nodes never freeze the page. The groups (regions) are shared
 * out among up to four workers and packed afterwards; if workers are unavailable the layout
 * runs on the main thread. See layoutCore.ts for the grouping and the quality.
 */
import type { LayoutInput, LayoutResult, Part } from './layoutCore';

/** Above this many nodes: larger-graph settings of the renderer (pixel ratio 1, PNG scale 1). */
export const LARGE = 1500;

function inWorker(groups: LayoutInput[]): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error('layout worker timed out'));
    }, 120_000);
    worker.onmessage = (e: MessageEvent<Part[]>) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage(groups);
  });
}

export async function computeLayout(input: LayoutInput): Promise<LayoutResult> {
  const core = await import('./layoutCore');
  const groups = core.splitGroups(input).sort((a, b) => b.nodes.length - a.nodes.length);
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  const n = Math.max(1, Math.min(4, cores, groups.length));
  // Largest groups first, each to the least loaded worker.
  const shares: Array<{ load: number; groups: LayoutInput[]; index: number[] }> = Array.from(
    { length: n },
    () => ({ load: 0, groups: [], index: [] }),
  );
  groups.forEach((g, i) => {
    const s = shares.reduce((a, b) => (b.load < a.load ? b : a));
    s.load += g.nodes.length;
    s.groups.push(g);
    s.index.push(i);
  });
  const parts: Part[] = new Array(groups.length);
  try {
    const results = await Promise.all(shares.map((s) => inWorker(s.groups)));
    results.forEach((res, w) => res.forEach((p, j) => (parts[shares[w]!.index[j]!] = p)));
  } catch (err) {
    console.warn('layout worker failed; laying out on the main thread', err);
    groups.forEach((g, i) => (parts[i] = core.layoutOne(g)));
  }
  // Pack in a stable order: by the group's first node id (region order of the API).
  const order = groups.map((g, i) => ({
    i,
    key: input.nodes.findIndex((x) => x.id === g.nodes[0]!.id),
  }));
  order.sort((a, b) => a.key - b.key);
  return core.pack(order.map((o) => parts[o.i]!));
}
