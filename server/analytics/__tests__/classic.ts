/**
 * Classic social networks with published answers, for testing the analytics on graphs nobody
 * here drew (as graphology and networkx test their metrics).
 *
 * - Padgett's Florentine families, marriage ties (Padgett & Ansell 1993; Breiger & Pattison
 *   1986), 15 families and 20 ties, as networkx.florentine_families_graph() lists them.
 *   Normalised betweenness to 3 decimals as networkx's test suite asserts them
 *   (networkx/algorithms/centrality/tests/test_betweenness_centrality.py,
 *   test_florentine_families_graph).
 * - Zachary's karate club (Zachary 1977), 34 members and 78 ties, 0-based as
 *   networkx.karate_club_graph(). Its only articulation point is node 0, Mr Hi (networkx
 *   test_biconnected.py, test_biconnected_karate); betweenness and Burt's constraint as
 *   networkx 3.6.1 computes them (betweenness_centrality, constraint; unweighted).
 * - Krackhardt's kite (Krackhardt 1990), 10 nodes, as networkx.krackhardt_kite_graph();
 *   normalised betweenness from the same networkx test file. It has the automorphism
 *   0↔1, 2↔4, 5↔6, so those pairs are structurally identical.
 */
import { G } from './fixtures';

/** Pairs written as "a-b" separated by spaces. */
function pairs(text: string): Array<[number, number]> {
  return text
    .trim()
    .split(/\s+/)
    .map((p) => p.split('-').map(Number) as [number, number]);
}

export const FLORENTINE_TIES: ReadonlyArray<readonly [string, string]> = [
  ['Acciaiuoli', 'Medici'],
  ['Castellani', 'Peruzzi'],
  ['Castellani', 'Strozzi'],
  ['Castellani', 'Barbadori'],
  ['Medici', 'Barbadori'],
  ['Medici', 'Ridolfi'],
  ['Medici', 'Tornabuoni'],
  ['Medici', 'Albizzi'],
  ['Medici', 'Salviati'],
  ['Salviati', 'Pazzi'],
  ['Peruzzi', 'Strozzi'],
  ['Peruzzi', 'Bischeri'],
  ['Strozzi', 'Ridolfi'],
  ['Strozzi', 'Bischeri'],
  ['Ridolfi', 'Tornabuoni'],
  ['Tornabuoni', 'Guadagni'],
  ['Albizzi', 'Ginori'],
  ['Albizzi', 'Guadagni'],
  ['Bischeri', 'Guadagni'],
  ['Guadagni', 'Lamberteschi'],
];

export const FLORENTINE_BETWEENNESS: Readonly<Record<string, number>> = {
  Acciaiuoli: 0.0,
  Albizzi: 0.212,
  Barbadori: 0.093,
  Bischeri: 0.104,
  Castellani: 0.055,
  Ginori: 0.0,
  Guadagni: 0.255,
  Lamberteschi: 0.0,
  Medici: 0.522,
  Pazzi: 0.0,
  Peruzzi: 0.022,
  Ridolfi: 0.114,
  Salviati: 0.143,
  Strozzi: 0.103,
  Tornabuoni: 0.092,
};

export const KARATE_TIES: ReadonlyArray<readonly [number, number]> = pairs(
  '0-1 0-2 0-3 0-4 0-5 0-6 0-7 0-8 0-10 0-11 0-12 0-13 0-17 0-19 0-21 0-31 1-2 1-3 1-7 1-13 ' +
    '1-17 1-19 1-21 1-30 2-3 2-7 2-8 2-9 2-13 2-27 2-28 2-32 3-7 3-12 3-13 4-6 4-10 5-6 5-10 ' +
    '5-16 6-16 8-30 8-32 8-33 9-33 13-33 14-32 14-33 15-32 15-33 18-32 18-33 19-33 20-32 ' +
    '20-33 22-32 22-33 23-25 23-27 23-29 23-32 23-33 24-25 24-27 24-31 25-31 26-29 26-33 ' +
    '27-33 28-31 28-33 29-32 29-33 30-32 30-33 31-32 31-33 32-33',
);

/** networkx 3.6.1 betweenness_centrality(karate_club_graph()), normalised, to 6 decimals. */
export const KARATE_BETWEENNESS: readonly number[] = [
  0.437635, 0.053937, 0.143657, 0.011909, 0.000631, 0.029987, 0.029987, 0.0, 0.055927, 0.000848,
  0.000631, 0.0, 0.0, 0.045863, 0.0, 0.0, 0.0, 0.0, 0.0, 0.032475, 0.0, 0.0, 0.0, 0.017614, 0.00221,
  0.00384, 0.0, 0.022333, 0.001795, 0.002922, 0.014412, 0.138276, 0.145247, 0.304075,
];

/** networkx 3.6.1 constraint(karate_club_graph()) (unweighted), to 6 decimals. */
export const KARATE_CONSTRAINT: readonly number[] = [
  0.155423, 0.279535, 0.185177, 0.39666, 0.529417, 0.477485, 0.477485, 0.442712, 0.303601, 0.5,
  0.529417, 1.0, 0.622504, 0.323335, 0.57368, 0.57368, 0.78125, 0.590869, 0.57368, 0.373719,
  0.57368, 0.590869, 0.57368, 0.305824, 0.459877, 0.459877, 0.670902, 0.285069, 0.386913, 0.449409,
  0.346006, 0.244575, 0.249223, 0.156419,
];

export const KITE_TIES: ReadonlyArray<readonly [number, number]> = pairs(
  '0-1 0-2 0-3 0-5 1-3 1-4 1-6 2-3 2-5 3-4 3-5 3-6 4-6 5-6 5-7 6-7 7-8 8-9',
);

export const KITE_BETWEENNESS: readonly number[] = [
  0.023, 0.023, 0.0, 0.102, 0.0, 0.231, 0.231, 0.389, 0.222, 0.0,
];

/** Two-digit ids keep the sorted order of the nodes equal to their numbers. */
export const numbered = (i: number): string => `person:n${String(i).padStart(2, '0')}`;

/** A graph of persons tied by KNOWS (strength 1) along the given pairs. */
export function personGraph<T extends string | number>(
  ties: ReadonlyArray<readonly [T, T]>,
  id: (x: T) => string,
): G {
  const b = new G();
  const seen = new Set<string>();
  for (const [u, v] of ties) {
    for (const x of [u, v]) {
      if (!seen.has(id(x))) b.person(id(x), { name: String(x) });
      seen.add(id(x));
    }
    b.knows(id(u), id(v));
  }
  return b;
}
