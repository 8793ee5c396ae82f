import type { Adjacency } from '../betweenness';

/** The CSR adjacency of an undirected graph given each vertex's neighbours (lists sorted). */
export function adjacencyOf(lists: number[][]): Adjacency {
  const n = lists.length;
  const off = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) off[v + 1] = off[v]! + lists[v]!.length;
  const nbr = new Int32Array(off[n]!);
  lists.forEach((list, v) =>
    nbr.set(
      [...list].sort((x, y) => x - y),
      off[v]!,
    ),
  );
  return { n, off, nbr };
}

/** The CSR adjacency of an undirected graph of n vertices from its edges (each listed once). */
export function adjacencyOfEdges(n: number, edges: [number, number][]): Adjacency {
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    lists[a]!.push(b);
    lists[b]!.push(a);
  }
  return adjacencyOf(lists);
}
