/**
 * An independent check of our measures against networkx on the same graph (SPEC §6): the
 * tie graph T of the evaluated projection, exported as an edge list, and
 * - betweenness: exact (networkx betweenness_centrality) when ours is exact; when ours is
 *   sampled, the dependency sums of the first CHECK_PIVOTS of our pivots against networkx's
 *   betweenness_centrality_subset from the same sources (all targets), so the sampled path is
 *   checked too;
 * - Burt's constraint of every person (a seeded sample of CHECK_CONSTRAINT_PERSONS on large
 *   graphs) on the KNOWS (strength) + WORKS_AT (1) ties (networkx.constraint; capped at 1 and
 *   1 for a person with no tie, as docs/analytics.md says);
 * - articulation points of T (networkx.articulation_points), and that every person with a
 *   KEY_PERSON_DEPENDENCY is one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { articulationPoints } from '../analytics/articulation';
import {
  BETWEENNESS_PIVOTS,
  BETWEENNESS_SEED,
  EXACT_BETWEENNESS_MAX_NODES,
  dependencySums,
  samplePivots,
  tieBetweenness,
} from '../analytics/betweenness';
import { type Ctx, NK_PERSON, R_KNOWS, R_WORKS_AT, seededRng } from '../analytics/context';
import { personConstraint, tieNoise } from '../analytics/keyPerson';
import { spearman } from '../bench/common';
import { readNumbers, runPython, writeTieEdges } from '../bench/python';

/** Sources of the sampled-betweenness check (networkx takes ~0.1 s per source on 50k nodes). */
export const CHECK_PIVOTS = 128;
/**
 * Persons whose constraint networkx recomputes: all up to this many, else a seeded sample of
 * this many (networkx's constraint costs about degree³ per person: hours for every person of
 * the prefecture network, whose hubs have hundreds of ties).
 */
export const CHECK_CONSTRAINT_PERSONS = 1000;

export interface MeasureCheck {
  measure: string;
  what: string;
  values: number;
  rho: number;
  maxDiff: number;
  /** Largest difference relative to the largest value (for unnormalised sums). */
  maxRelDiff: number;
  networkxMs: number;
}

export interface ArticulationCheck {
  ours: number;
  networkx: number;
  /** In one set and not the other. */
  differing: number;
  /** Persons with a KEY_PERSON_DEPENDENCY, and how many of them are articulation points. */
  dependencyPersons: number;
  dependencyPersonsAmongPoints: number;
}

export interface NetworkxCheck {
  nodes: number;
  edges: number;
  networkx: string;
  measures: MeasureCheck[];
  articulation: ArticulationCheck;
}

/** k of `xs` drawn with a seeded rng, in their original order. */
function seededSample(xs: readonly number[], k: number, seed: number): number[] {
  const rng = seededRng(seed);
  const pool = [...xs];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k).sort((a, b) => a - b);
}

function compare(
  measure: string,
  what: string,
  ours: ArrayLike<number>,
  theirs: ArrayLike<number>,
  networkxMs: number,
): MeasureCheck {
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < ours.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
    maxAbs = Math.max(maxAbs, Math.abs(theirs[i]!));
  }
  return {
    measure,
    what,
    values: ours.length,
    // Ranked as the analytics rank: values equal within the documented tolerance are one value.
    rho: spearman(tieNoise(ours), tieNoise(theirs)),
    maxDiff,
    maxRelDiff: maxAbs > 0 ? maxDiff / maxAbs : 0,
    networkxMs,
  };
}

export function networkxCheck(
  venv: string,
  ctx: Ctx,
  dependencyPersons: readonly string[],
): NetworkxCheck {
  const { T } = ctx;
  const dir = mkdtempSync(path.join(tmpdir(), 'chiiki-eval-nx-'));
  try {
    const ties = path.join(dir, 'ties.txt');
    const edges = writeTieEdges(ties, T);
    const egoTies = path.join(dir, 'ego.txt');
    writeTieEdges(egoTies, T, {
      weighted: true,
      keep: (e) => T.rel[e] === R_KNOWS || T.rel[e] === R_WORKS_AT,
    });
    const allPersons: number[] = [];
    for (let i = 0; i < T.n; i++) if (T.kind[i] === NK_PERSON) allPersons.push(i);
    const persons =
      allPersons.length <= CHECK_CONSTRAINT_PERSONS
        ? allPersons
        : seededSample(allPersons, CHECK_CONSTRAINT_PERSONS, BETWEENNESS_SEED);
    const personsFile = path.join(dir, 'persons.txt');
    writeFileSync(personsFile, persons.join('\n'));

    const exact = T.n <= EXACT_BETWEENNESS_MAX_NODES;
    const sources = exact
      ? null
      : samplePivots(T, Math.min(T.n, BETWEENNESS_PIVOTS), BETWEENNESS_SEED).slice(0, CHECK_PIVOTS);
    const sourcesFile = path.join(dir, 'sources.txt');
    if (sources) writeFileSync(sourcesFile, Array.from(sources).join('\n'));
    const out = (name: string) => path.join(dir, `${name}.out`);
    const [bc, cons] = runPython(venv, dir, [
      {
        name: 'betweenness',
        kind: 'betweenness',
        edges: ties,
        k: null,
        seed: BETWEENNESS_SEED,
        ...(sources ? { sources: sourcesFile } : {}),
        out: out('bc'),
      },
      { name: 'constraint', kind: 'constraint', edges: egoTies, nodes: personsFile, out: out('c') },
      { name: 'articulation', kind: 'articulation', edges: ties, out: out('ap') },
    ]);

    const ourBc = sources
      ? dependencySums(T, sources).map((x) => x / 2)
      : tieBetweenness(T, { exactMaxNodes: Number.POSITIVE_INFINITY });
    const measures = [
      compare(
        'betweenness',
        sources
          ? `dependency sums from ${sources.length} of our ${BETWEENNESS_PIVOTS} pivots (betweenness_centrality_subset), all ${T.n.toLocaleString('en-US')} nodes`
          : `exact, normalised (betweenness_centrality), all ${T.n.toLocaleString('en-US')} nodes`,
        ourBc,
        readNumbers(out('bc')),
        bc!.ms,
      ),
    ];
    const ourC = personConstraint(T);
    const theirC = readNumbers(out('c')).map((c) => (Number.isNaN(c) ? 1 : Math.min(1, c)));
    measures.push(
      compare(
        "Burt's constraint",
        persons.length === allPersons.length
          ? `${persons.length.toLocaleString('en-US')} persons, KNOWS + WORKS_AT ties`
          : `a seeded sample of ${persons.length.toLocaleString('en-US')} of the ${allPersons.length.toLocaleString('en-US')} persons, KNOWS + WORKS_AT ties`,
        persons.map((i) => ourC[i]!),
        theirC,
        cons!.ms,
      ),
    );

    const ours = articulationPoints(T);
    const theirs = new Set(readNumbers(out('ap')));
    let differing = 0;
    let count = 0;
    for (let i = 0; i < T.n; i++) {
      if (ours[i] === 1) count++;
      if ((ours[i] === 1) !== theirs.has(i)) differing++;
    }
    const dep = [...new Set(dependencyPersons)];
    return {
      nodes: T.n,
      edges,
      networkx: bc!.networkx,
      measures,
      articulation: {
        ours: count,
        networkx: theirs.size,
        differing,
        dependencyPersons: dep.length,
        dependencyPersonsAmongPoints: dep.filter((p) => ours[T.index.get(p) ?? -1] === 1).length,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
