/**
 * Network metrics (SPEC §12) on small graphs worked out by hand (docs/metrics.md): one graph
 * of each Krebs & Holley stage, every metric of a tiny region, and the comparison of two dates.
 */
import { describe, expect, it } from 'vitest';
import { buildContext } from '../analytics/context';
import { networkGapsCtx } from '../analytics/gaps';
import { declaredGroup, G } from '../analytics/__tests__/fixtures';
import { compareMetrics, networkDifference } from './compare';
import { networkMetrics } from './networkMetrics';
import { personGraph } from './personGraph';
import { networkStage } from './stage';

/** A graph of persons p:<name> with the given KNOWS pairs. */
function people(pairs: Array<[string, string]>, extra: string[] = []): G {
  const g = new G();
  for (const id of new Set([...pairs.flat(), ...extra])) g.person(`p:${id}`);
  for (const [a, b] of pairs) g.knows(`p:${a}`, `p:${b}`);
  return g;
}

function star(hub: string, spokes: string[]): Array<[string, string]> {
  return spokes.map((s) => [hub, s]);
}

function clique(ids: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) out.push([ids[i]!, ids[j]!]);
  return out;
}

describe('network stage (Krebs & Holley)', () => {
  it('three separate triangles are scattered clusters (largest component 3/9 < 0.5)', () => {
    const g = people([
      ...clique(['a', 'b', 'c']),
      ...clique(['d', 'e', 'f']),
      ...clique(['g', 'h', 'i']),
    ]);
    const r = networkStage(personGraph(g.g));
    expect(r.measures.connectedShare).toBeCloseTo(3 / 9, 4);
    expect(r.stage).toBe('scattered_clusters');
  });

  it('a star of one hub and 8 spokes is single hub-and-spoke (centralisation 56/56 = 1, one hub)', () => {
    const g = people(star('h', ['1', '2', '3', '4', '5', '6', '7', '8']));
    const r = networkStage(personGraph(g.g));
    expect(r.measures).toMatchObject({
      connectedShare: 1,
      hubs: 1,
      centralisation: 1,
      coreSize: 0,
    });
    expect(r.stage).toBe('hub_and_spoke');
  });

  it('three stars whose hubs know each other are a multi-hub small world', () => {
    // degrees: hubs 5, 6, 5; spokes 1 (12); mean 28/15; hub threshold max(4, 3.73) = 4.
    // centralisation = (1 + 0 + 1 + 12·5) / (14·13) = 62/182; no 3-core.
    const g = people([
      ...star('h1', ['a1', 'a2', 'a3', 'a4']),
      ...star('h2', ['b1', 'b2', 'b3', 'b4']),
      ...star('h3', ['c1', 'c2', 'c3', 'c4']),
      ['h1', 'h2'],
      ['h2', 'h3'],
    ]);
    const r = networkStage(personGraph(g.g));
    expect(r.measures.hubs).toBe(3);
    expect(r.measures.centralisation).toBeCloseTo(62 / 182, 4);
    expect(r.measures.coreSize).toBe(0);
    expect(r.stage).toBe('multi_hub_small_world');
  });

  it('a clique of five, each with one contact outside, is core/periphery (core 5, reach 10/10)', () => {
    const core = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const g = people([...clique(core), ...core.map((c, i) => [c, `q${i}`] as [string, string])]);
    const r = networkStage(personGraph(g.g));
    expect(r.measures).toMatchObject({ coreSize: 5, coreReach: 1, connectedShare: 1 });
    expect(r.stage).toBe('core_periphery');
  });

  it('a core that reaches too few is not core/periphery (reach 6/15 < 0.8)', () => {
    const core = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const chain = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10'];
    const pairs: Array<[string, string]> = [...clique(core), ['c1', 'x1']];
    for (let i = 1; i < chain.length; i++) pairs.push([chain[i - 1]!, chain[i]!]);
    const r = networkStage(personGraph(people(pairs).g));
    expect(r.measures.coreSize).toBe(5);
    expect(r.measures.coreReach).toBeCloseTo(6 / 15, 4);
    expect(r.stage).not.toBe('core_periphery');
  });

  it('fewer than three persons, or none, are scattered', () => {
    expect(networkStage(personGraph(people([['a', 'b']]).g)).stage).toBe('scattered_clusters');
    expect(networkStage(personGraph(new G().g)).stage).toBe('scattered_clusters');
  });
});

/**
 * A tiny region: dept d led by L with members A, B; L covers change_agent, A hr_expert, B
 * nothing; staff pl (L, declared key person), pa (A), pb (B, from outside); pl knows pa; L
 * supports s1, s2 has no support; talent t is active at s2, last followed up 100 days ago.
 */
function tinyRegion(): G {
  return new G()
    .region('r:x')
    .org('o:L', ['change_agent'], 'r:x')
    .org('o:A', ['hr_expert'], 'r:x')
    .org('o:B', [], 'r:x')
    .dept('d:x', 'o:L', ['o:A', 'o:B'], ['r:x'])
    .person('p:pl', {}, ['KeyPerson'])
    .person('p:pa')
    .person('p:pb', { origin: 'outside' })
    .person('p:t', { origin: 'outside', talentKind: 'side_job' }, ['Talent'])
    .works('p:pl', 'o:L')
    .works('p:pa', 'o:A')
    .works('p:pb', 'o:B')
    .knows('p:pl', 'p:pa')
    .sme('s:1', 'r:x')
    .sme('s:2', 'r:x')
    .rel('SUPPORTS', 'o:L', 's:1', { kind: 'lending' })
    .rel('ENGAGED_WITH', 'p:t', 's:2', { status: 'active', lastFollowUpAt: '2026-01-01' });
}

function metricsOf(g: G, introductionsMade = 0) {
  const ctx = buildContext(g.g);
  const keyPersons = declaredGroup(['p:pl']);
  const gaps = networkGapsCtx(ctx, { asOf: '2026-04-11', keyPersons });
  return networkMetrics({ ctx, keyPersons, gaps, introductionsMade });
}

describe('networkMetrics', () => {
  it('computes every metric of a tiny region as worked out by hand', () => {
    const m = metricsOf(tinyRegion(), 2);
    expect(m.values).toEqual({
      persons: 4,
      organizations: 3,
      smes: 2,
      // T: 4 persons, 3 orgs, 2 SMEs = 9 nodes; WORKS_AT ×3, KNOWS, SUPPORTS = 5 ties
      ties: 5,
      density: Math.round((5 / 36) * 10_000) / 10_000,
      // {L, pl, pa, A, s1}, {B, pb}, {s2}, {t}
      components: 4,
      largestComponentShare: Math.round((5 / 9) * 10_000) / 10_000,
      keyPersonGroupSize: 1,
      // without pl the lead no longer reaches pa and A: 2 of the 3 it reached besides pl
      maxDependencySeverity: Math.round((2 / 3) * 10_000) / 10_000,
      // team pairs (L,A) (L,B) (A,B): only L–A tied
      coordinationGapShare: Math.round((2 / 3) * 10_000) / 10_000,
      // change_agent and hr_expert of four
      functionsCovered: 0.5,
      // s1 of s1, s2
      smeSupportedShare: 0.5,
      // pb and t know no local person
      isolatedNewcomers: 2,
      overdueFollowUps: 1,
      introductionsMade: 2,
      // persons: pl–pa only, 2 of 4 connected (not < 0.5), no hub → hub-and-spoke
      stageLevel: 2,
    });
    expect(m.stage).toBe('hub_and_spoke');
  });

  it('leaves a share of nothing undefined (null), not 0 or 1', () => {
    const m = metricsOf(new G().region('r:x').person('p:a'));
    expect(m.values.coordinationGapShare).toBeNull();
    expect(m.values.functionsCovered).toBeNull();
    expect(m.values.smeSupportedShare).toBeNull();
    expect(m.values.density).toBeNull();
  });
});

describe('compare two dates', () => {
  it('shows a tie that ended and one that began, the person who came and who left, and nothing else', () => {
    const before = tinyRegion();
    // a year later: pl and pa no longer know each other; pb got to know pl; q joined A; t left
    const after = tinyRegion();
    after.g.dropEdge('KNOWS:p:pl->p:pa');
    after.knows('p:pb', 'p:pl').person('p:q').works('p:q', 'o:A');
    after.g.dropNode('p:t');
    const d = networkDifference(before.g, after.g);
    expect(d.newTies.map((t) => t.id)).toEqual(['KNOWS:p:pb->p:pl', 'WORKS_AT:p:q->o:A']);
    expect(d.endedTies.map((t) => t.id)).toEqual(['KNOWS:p:pl->p:pa']);
    expect(d.newPersons).toEqual([{ id: 'p:q', name: 'q' }]);
    expect(d.departedPersons).toEqual([{ id: 'p:t', name: 't' }]);
    expect(networkDifference(before.g, tinyRegion().g)).toEqual({
      newTies: [],
      endedTies: [],
      newPersons: [],
      departedPersons: [],
    });
  });

  it('reads a symmetric tie stored the other way round as the same tie', () => {
    const a = people([['a', 'b']]);
    const b = people([['b', 'a']]);
    expect(networkDifference(a.g, b.g).newTies).toEqual([]);
  });

  it('gives every metric its change and whether it is better or worse', () => {
    const before = metricsOf(tinyRegion());
    const after = tinyRegion();
    // pb now knows pl: B's staff know L's, so fewer coordination gaps; one newcomer less
    after.knows('p:pb', 'p:pl');
    const changes = compareMetrics(before, metricsOf(after, 1));
    const by = new Map(changes.map((c) => [c.key, c]));
    expect(by.get('coordinationGapShare')).toMatchObject({
      from: 0.6667,
      to: 0.3333,
      change: -0.3334,
      direction: 'better',
    });
    expect(by.get('ties')).toMatchObject({ from: 5, to: 6, change: 1, direction: 'better' });
    expect(by.get('components')).toMatchObject({ from: 4, to: 3, direction: 'better' });
    expect(by.get('introductionsMade')).toMatchObject({ change: 1, direction: 'better' });
    expect(by.get('persons')).toMatchObject({ change: 0, direction: 'same' });
    expect(by.get('overdueFollowUps')).toMatchObject({ direction: 'same' });
    // but now L reaches pa, A, pb and B only through pl: 4 of the 5 it reaches besides pl
    expect(by.get('maxDependencySeverity')).toMatchObject({
      from: 0.6667,
      to: 0.8,
      direction: 'worse',
    });
    expect(changes).toHaveLength(16);
  });
});
