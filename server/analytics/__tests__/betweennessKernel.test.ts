/**
 * The WebAssembly kernel: built from its source, exact where its memory must grow, and shared
 * with the workers without holding the event loop.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { afterAll, describe, expect, it } from 'vitest';
import { type Adjacency, batchOrder, tieBetweenness, tieBetweennessAsync } from '../betweenness';
import { betweennessKernel, kernelLayout, kernelModule } from '../betweennessKernel';
import { lastParallelRun, stopBetweennessWorkers } from '../betweennessThreads';
import { seededRng } from '../context';
import { adjacencyOfEdges } from './adjacency';

afterAll(() => stopBetweennessWorkers());

const wasmDir = fileURLToPath(new URL('../wasm/', import.meta.url));

function randomGraph(n: number, m: number, seed: number): Adjacency {
  const rng = seededRng(seed);
  const seen = new Set<number>();
  const edges: [number, number][] = [];
  for (let v = 1; v < n; v++) edges.push([v, Math.floor(rng() * v)]); // connected
  while (edges.length < m) {
    const a = Math.floor(rng() * n);
    const b = Math.floor(rng() * n);
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    edges.push([a, b]);
  }
  return adjacencyOfEdges(n, edges);
}

describe('the WebAssembly betweenness kernel', () => {
  it('is what its source compiles to (npm run build:kernel)', async () => {
    const outputs = new Map<string, Uint8Array>();
    const { error, stderr } = await asc.main(
      [
        `${wasmDir}brandes.as.ts`,
        '--config',
        `${wasmDir}asconfig.json`,
        '-o',
        `${wasmDir}brandes.wasm`,
      ],
      {
        writeFile: (name: string, contents: Uint8Array | string) => {
          outputs.set(name, typeof contents === 'string' ? Buffer.from(contents) : contents);
        },
      },
    );
    expect(error, stderr.toString()).toBeNull();
    const built = [...outputs].find(([name]) => name.endsWith('brandes.wasm'))?.[1];
    expect(built).toBeDefined();
    expect(Buffer.from(built!).equals(readFileSync(`${wasmDir}brandes.wasm`))).toBe(true);
  });

  it('grows its memory when a batch records more edges than it had room for, and stays exact', () => {
    // On a cycle, the 32 neighbouring sources of a batch reach each vertex at many different
    // distances: far more recorded edges than the 2 × m2 the memory starts with.
    const n = 2000;
    const cycle = adjacencyOfEdges(
      n,
      Array.from({ length: n }, (_, v) => [v, (v + 1) % n] as [number, number]),
    );
    const sources = batchOrder(cycle);
    const kernel = betweennessKernel(kernelModule(), cycle.off, cycle.nbr, sources);
    const sums = new Float64Array(n);
    kernel.sums(0, n, sums);
    expect(kernel.memoryBytes()).toBeGreaterThan(kernelLayout(n, 2 * n, n).bytes);
    // By hand, for even n and h = n/2: from each source, the 2 targets at distance d < h have
    // one path with d − 1 inner vertices, the target at distance h two paths with h − 1 inner
    // vertices, each counted ½. Summed over the n sources and spread over the n vertices (all
    // alike): 2·Σ_{d=1}^{h−1} (d − 1) + (h − 1) = (h − 2)(h − 1) + (h − 1) = (h − 1)².
    const perVertex = (n / 2 - 1) ** 2;
    for (let v = 0; v < n; v++) expect(sums[v]).toBeCloseTo(perVertex, 6);
  });

  it('the async run gives the same bits as the synchronous one and lets the event loop run', async () => {
    const g = randomGraph(3000, 12000, 9);
    const sync = tieBetweenness(g, { threads: 1 });
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const before = turns;
    const async = await tieBetweennessAsync(g, { threads: 1 });
    ticking = false;
    expect([...async]).toEqual([...sync]);
    // Other work ran while it computed (a synchronous run would have let none).
    expect(turns - before).toBeGreaterThan(2);
    expect(lastParallelRun()!.chunks).toBe(Math.ceil(3000 / 128));
  });
});
