import { describe, expect, it } from 'vitest';
import { keyPersonGroup, percentileRanks } from '../keyPerson';
import { seededRng } from '../context';
import { G } from './fixtures';
import { KARATE_CONSTRAINT, KARATE_TIES, KITE_TIES, numbered, personGraph } from './classic';

/**
 * Two teams joined by one bridge person b:
 *   org:X ─ x1,x2,x3 (all know each other)      org:Y ─ y1,y2,y3 (all know each other)
 *   x1 ─ b ─ y1
 * plus an isolated person:alone. T has 10 nodes (8 persons + 2 orgs). b is a cut vertex
 * between the 4-node X side and the 4-node Y side, so b lies on all 4×4 = 16 shortest paths
 * between the sides and on no other: normalised betweenness = 16 / ((10−1)(10−2)/2) = 16/36.
 * x1 lies on the paths from {x2,x3,X} to {b,y1,y2,y3,Y}: 15/36.
 * b's ego network: x1 and y1 (strength 1 each, not connected): p = 1/2 each, no indirect
 * paths, constraint = 0.25 + 0.25 = 0.5. b's reach: X (via x1) and Y (via y1) = 2.
 */
function bridge(): G {
  const t = new G().org('org:X').org('org:Y');
  for (const s of ['x', 'y']) {
    for (const i of [1, 2, 3])
      t.person(`person:${s}${i}`).works(`person:${s}${i}`, `org:${s.toUpperCase()}`);
    t.knows(`person:${s}1`, `person:${s}2`)
      .knows(`person:${s}1`, `person:${s}3`)
      .knows(`person:${s}2`, `person:${s}3`);
  }
  t.person('person:b', { mind: 5, skill: 4, network: 3 });
  t.knows('person:x1', 'person:b').knows('person:b', 'person:y1');
  t.person('person:x3', { origin: 'local' }, ['KeyPerson']);
  t.person('person:alone');
  return t;
}

describe('keyPersonGroup', () => {
  it('computes betweenness, constraint and reach by hand', () => {
    const ks = keyPersonGroup(bridge().g);
    const by = new Map(ks.map((k) => [k.personId, k]));
    expect(by.get('person:b')!.betweenness).toBeCloseTo(16 / 36, 10);
    expect(by.get('person:x1')!.betweenness).toBeCloseTo(15 / 36, 10);
    expect(by.get('person:x2')!.betweenness).toBe(0);
    expect(by.get('person:b')!.constraint).toBeCloseTo(0.5, 10);
    expect(by.get('person:b')!.reach).toBe(2);
    expect(by.get('person:x2')!.reach).toBe(1);
    // no tie at all: constraint 1 (no brokerage), reach 0
    expect(by.get('person:alone')!.constraint).toBe(1);
    expect(by.get('person:alone')!.reach).toBe(0);
    expect(by.get('person:b')!.assessed).toBeCloseTo(12 / 15, 4);
  });

  it('ranks the bridge first, with readable reasons; declared persons are in the group', () => {
    const ks = keyPersonGroup(bridge().g);
    expect(ks[0]!.personId).toBe('person:b');
    // b: betweenness pct 1 (×0.4) + reach pct 1 (×0.2) + assessed 0.8 (×0.25) ≥ 0.8
    expect(ks[0]!.inGroup).toBe(true);
    expect(ks[0]!.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['BRIDGES_ORGS', 'ASSESSED_STRONG', 'SCORE_ABOVE_THRESHOLD']),
    );
    expect(ks[0]!.reasons.find((r) => r.code === 'BRIDGES_ORGS')!.ja).toContain('上位');
    const x3 = ks.find((k) => k.personId === 'person:x3')!;
    expect(x3.declared).toBe(true);
    expect(x3.inGroup).toBe(true);
    expect(x3.reasons[0]!.code).toBe('DECLARED');
    const x2 = ks.find((k) => k.personId === 'person:x2')!;
    expect(x2.inGroup).toBe(false);
    // sorted by score desc
    for (let i = 1; i < ks.length; i++)
      expect(ks[i - 1]!.score).toBeGreaterThanOrEqual(ks[i]!.score);
    // the two cliques are different communities; deterministic across runs
    const again = keyPersonGroup(bridge().g);
    expect(again).toEqual(ks);
    const c = new Map(ks.map((k) => [k.personId, k.community]));
    expect(c.get('person:x2')).toBe(c.get('person:x3'));
    expect(c.get('person:x2')).not.toBe(c.get('person:y2'));
  });

  it('percentile ranks: ties share the lower rank, the lowest is 0, the unique top is 1', () => {
    expect([...percentileRanks([0, 0, 5, 10])]).toEqual([0, 0, 2 / 3, 1]);
  });

  it('percentile ranks: values equal but for float noise share a rank, distinct ones do not', () => {
    // 0.1 + 0.2 is 0.30000000000000004; a betweenness a millionth apart is a real difference.
    expect([...percentileRanks([0.1 + 0.2, 0.3, 0.5])]).toEqual([0, 0, 1]);
    expect([...percentileRanks([0.3, 0.3 + 1e-7, 0.5])]).toEqual([0, 0.5, 1]);
    expect([...percentileRanks([1e-17, 0, 2])]).toEqual([0, 0, 1]);
  });
});

describe('keyPersonGroup on classic networks', () => {
  it('karate club: Mr Hi and the Officer first; constraint as networkx computes it', () => {
    const ks = keyPersonGroup(personGraph(KARATE_TIES, numbered).g);
    expect(ks.slice(0, 2).map((k) => k.personId)).toEqual([numbered(0), numbered(33)]);
    const by = new Map(ks.map((k) => [k.personId, k]));
    KARATE_CONSTRAINT.forEach((c, i) => expect(by.get(numbered(i))!.constraint).toBeCloseTo(c, 5));
  });

  it('structurally identical members score equally (karate 5 and 6; the kite 0/1, 2/4, 5/6)', () => {
    // Under 20 relabellings of the nodes (so every sum runs in another order), the pairs an
    // automorphism swaps get identical scores.
    const rng = seededRng(5);
    for (let round = 0; round < 20; round++) {
      for (const [ties, pairs] of [
        [KARATE_TIES, [[5, 6]]],
        [
          KITE_TIES,
          [
            [0, 1],
            [2, 4],
            [5, 6],
          ],
        ],
      ] as const) {
        const n = Math.max(...ties.flat()) + 1;
        const label = [...Array(n).keys()].sort(() => rng() - 0.5);
        const id = (i: number) => numbered(label[i]!);
        const by = new Map(keyPersonGroup(personGraph(ties, id).g).map((k) => [k.personId, k]));
        for (const [a, b] of pairs) {
          const [ka, kb] = [by.get(id(a))!, by.get(id(b))!];
          expect(ka.betweenness, `${a}/${b} round ${round}`).toBe(kb.betweenness);
          expect(ka.constraint, `${a}/${b} round ${round}`).toBe(kb.constraint);
          expect(ka.score, `${a}/${b} round ${round}`).toBe(kb.score);
        }
      }
    }
  });

  it('four persons with constraint exactly 13/49 rank equally, whatever the order of their ties', () => {
    // Each knows four people who do not know each other, with strengths 2, 2, 2, 1 (Σ 7,
    // Σ² 13: constraint 13/49), listed in a different order, so the float sums differ.
    const t = new G();
    const orders = [
      [2, 2, 2, 1],
      [1, 2, 2, 2],
      [2, 1, 2, 2],
      [2, 2, 1, 2],
    ];
    orders.forEach((strengths, i) => {
      const ego = `person:ego${i}`;
      t.person(ego);
      strengths.forEach((s, j) => {
        const alter = `person:ego${i}-alter${j}`;
        t.person(alter).knows(ego, alter, s);
      });
    });
    const ks = keyPersonGroup(t.g);
    const egos = ks.filter((k) => /ego\d$/.test(k.personId));
    expect(egos).toHaveLength(4);
    for (const k of egos) {
      expect(k.constraint).toBeCloseTo(13 / 49, 15);
      expect(k.constraint).toBe(egos[0]!.constraint);
      expect(k.score).toBe(egos[0]!.score);
    }
  });
});
