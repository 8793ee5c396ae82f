import { describe, expect, it } from 'vitest';
import { keyPersonGroup, percentileRanks, tieBetweenness } from '../keyPerson';
import { buildContext } from '../context';
import { G } from './fixtures';

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

  it('sampled betweenness with all nodes as pivots equals exact; fewer pivots is deterministic', () => {
    const ctx = buildContext(bridge().g);
    const exact = tieBetweenness(ctx.T);
    const sampledAll = tieBetweenness(ctx.T, { exactMaxNodes: 2, pivots: ctx.T.n });
    for (let i = 0; i < ctx.T.n; i++) expect(sampledAll[i]).toBeCloseTo(exact[i]!, 10);
    const s1 = tieBetweenness(ctx.T, { exactMaxNodes: 2, pivots: 4, seed: 7 });
    const s2 = tieBetweenness(ctx.T, { exactMaxNodes: 2, pivots: 4, seed: 7 });
    expect([...s1]).toEqual([...s2]);
  });

  it('percentile ranks: ties share the lower rank, the lowest is 0, the unique top is 1', () => {
    expect([...percentileRanks([0, 0, 5, 10])]).toEqual([0, 0, 2 / 3, 1]);
  });
});
