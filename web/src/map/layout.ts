/**
 * Positions for the map: fcose, computed off the main thread (Web Workers running headless
 * Cytoscape) so that thousands of nodes never freeze the page. The parts (communities, cores)
 * are shared out among up to four workers and placed afterwards; if workers are unavailable
 * the layout runs on the main thread. See layoutCore.ts for the parts and the quality.
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
  const { partition, inputs, links } = core.splitParts(input);
  // Largest parts first, each to the least loaded worker.
  const order = inputs
    .map((_, i) => i)
    .sort((a, b) => inputs[b]!.nodes.length - inputs[a]!.nodes.length);
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  const n = Math.max(1, Math.min(4, cores, inputs.length));
  const shares: Array<{ load: number; parts: LayoutInput[]; index: number[] }> = Array.from(
    { length: n },
    () => ({ load: 0, parts: [], index: [] }),
  );
  for (const i of order) {
    const s = shares.reduce((a, b) => (b.load < a.load ? b : a));
    s.load += inputs[i]!.nodes.length;
    s.parts.push(inputs[i]!);
    s.index.push(i);
  }
  const parts: Part[] = new Array(inputs.length);
  try {
    const results = await Promise.all(shares.map((s) => inWorker(s.parts)));
    results.forEach((res, w) => res.forEach((p, j) => (parts[shares[w]!.index[j]!] = p)));
  } catch (err) {
    console.warn('layout worker failed; laying out on the main thread', err);
    inputs.forEach((g, i) => (parts[i] = core.layoutOne(g)));
  }
  return core.assemble(partition, parts, links, input.aspect);
}
