import { describe, expect, it } from 'vitest';
import { articulationPoints } from '../articulation';
import { buildContext } from '../context';
import { FLORENTINE_TIES, KARATE_TIES, numbered, personGraph } from './classic';
import { G } from './fixtures';

const cutVertices = (b: G): string[] => {
  const { T } = buildContext(b.g);
  const ap = articulationPoints(T);
  return T.ids.filter((_, i) => ap[i] === 1);
};

describe('articulationPoints', () => {
  it("are networkx's on the karate club (Mr Hi only) and the Florentine families", () => {
    expect(cutVertices(personGraph(KARATE_TIES, numbered))).toEqual([numbered(0)]);
    expect(cutVertices(personGraph(FLORENTINE_TIES, (f) => `person:${f}`))).toEqual(
      ['Albizzi', 'Guadagni', 'Medici', 'Salviati'].map((f) => `person:${f}`),
    );
  });

  it('a DFS root is one only with two children; each component on its own; a long chain', () => {
    // a–b–c and a–d: the root a has two children; e–f apart has none; a path of 50,000 nodes
    // (no recursion) has every inner node as articulation point.
    const t = new G();
    for (const p of ['a', 'b', 'c', 'd', 'e', 'f']) t.person(`person:${p}`);
    t.knows('person:a', 'person:b').knows('person:b', 'person:c').knows('person:a', 'person:d');
    t.knows('person:e', 'person:f');
    expect(cutVertices(t)).toEqual(['person:a', 'person:b']);
    const chain = new G();
    const id = (i: number) => `person:x${String(i).padStart(5, '0')}`;
    for (let i = 0; i < 50_000; i++) chain.person(id(i));
    for (let i = 1; i < 50_000; i++) chain.knows(id(i - 1), id(i));
    expect(cutVertices(chain)).toHaveLength(49_998);
  });
});
