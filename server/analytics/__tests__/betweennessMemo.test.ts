import { describe, expect, it } from 'vitest';
import { tieBetweenness } from '../betweenness';
import { rememberedBetweenness, tieGraphKey } from '../betweennessMemo';

/** A path a–b–c–d (CSR, both directions), with the ids in the given order. */
function path(ids = ['a', 'b', 'c', 'd']) {
  return {
    n: 4,
    ids,
    off: Int32Array.from([0, 1, 3, 5, 6]),
    nbr: Int32Array.from([1, 0, 2, 1, 3, 2]),
  };
}

describe('rememberedBetweenness', () => {
  it('computes once for one tie graph, and gives each caller its own copy', () => {
    let computed = 0;
    const compute = (T: ReturnType<typeof path>) => () => {
      computed++;
      return tieBetweenness(T);
    };
    const T = path(['memo-a', 'b', 'c', 'd']);
    const first = rememberedBetweenness(T, compute(T));
    // b and c lie on 2 of the 3 pairs' paths that do not end at them: 2 / C(3,2) = 2/3
    expect([...first].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 0.666667, 0.666667, 0]);
    first[1] = 99;
    const again = rememberedBetweenness(path(['memo-a', 'b', 'c', 'd']), compute(T));
    expect(computed).toBe(1);
    expect(again[1]).toBeCloseTo(2 / 3, 12);
  });

  it('tells apart graphs with another tie or other ids', () => {
    const base = tieGraphKey(path());
    expect(tieGraphKey(path())).toBe(base);
    expect(tieGraphKey(path(['a', 'b', 'c', 'e']))).not.toBe(base);
    // a–b, b–c, b–d: a star instead of the path
    const star = {
      n: 4,
      ids: ['a', 'b', 'c', 'd'],
      off: Int32Array.from([0, 1, 4, 5, 6]),
      nbr: Int32Array.from([1, 0, 2, 3, 1, 1]),
    };
    expect(tieGraphKey(star)).not.toBe(base);
  });
});
