/**
 * The answers of all regions combined from each region's (server/analytics/combine.ts): each
 * person and gap once with its best value, suggestions re-ranked with the broker cap.
 */
import { describe, expect, it } from 'vitest';
import type { Gap, IntroductionSuggestion, KeyPersonScore } from '../../../common/answers';
import { combineGaps, combineKeyPersons, combineSuggestions } from '../combine';
import { BROKER_CAP, BROKER_CAP_WINDOW } from '../suggestionWeights';

function kp(personId: string, score: number, inGroup = score >= 0.8): KeyPersonScore {
  return {
    personId,
    name: personId,
    score,
    betweenness: 0,
    constraint: 1,
    reach: 0,
    community: 0,
    declared: false,
    inGroup,
    assessed: 0,
    reasons: [],
  };
}

function gap(id: string, severity: number): Gap {
  return {
    id,
    kind: 'COORDINATION_GAP',
    nodeIds: [],
    relatedIds: [],
    detail: null,
    deptId: null,
    severity,
    explanationJa: '',
    explanationEn: '',
  };
}

function sug(id: string, score: number, viaId: string | null): IntroductionSuggestion {
  return { id, score, viaId } as IntroductionSuggestion;
}

describe('combineKeyPersons', () => {
  it('keeps each person once with their best entry, the group first, then by score', () => {
    const north = [kp('p:a', 0.9), kp('p:shared', 0.5), kp('p:b', 0.3)];
    // p:shared works at a bank of both regions: in the group of the south only.
    const south = [kp('p:shared', 0.85), kp('p:c', 0.95), kp('p:declared', 0.2, true)];
    const out = combineKeyPersons([north, south]);
    expect(out.map((k) => [k.personId, k.score])).toEqual([
      ['p:c', 0.95],
      ['p:a', 0.9],
      ['p:shared', 0.85],
      ['p:declared', 0.2],
      ['p:b', 0.3],
    ]);
    expect(combineKeyPersons([north, south], 2).map((k) => k.personId)).toEqual(['p:c', 'p:a']);
  });
  it('ranks equal scores by id, whatever the order of the regions', () => {
    const a = [kp('p:2', 0.5)];
    const b = [kp('p:1', 0.5)];
    expect(combineKeyPersons([a, b]).map((k) => k.personId)).toEqual(['p:1', 'p:2']);
    expect(combineKeyPersons([b, a]).map((k) => k.personId)).toEqual(['p:1', 'p:2']);
  });
});

describe('combineGaps', () => {
  it('counts a gap seen from several regions once, at its highest severity', () => {
    const out = combineGaps([
      [gap('COORDINATION_GAP:o1+o2', 0.4), gap('UNSUPPORTED_SME:s1', 0.7)],
      [gap('COORDINATION_GAP:o1+o2', 0.6)],
    ]);
    expect(out.map((g) => [g.id, g.severity])).toEqual([
      ['UNSUPPORTED_SME:s1', 0.7],
      ['COORDINATION_GAP:o1+o2', 0.6],
    ]);
  });
});

describe('combineSuggestions', () => {
  it('ranks by score, each pair once, and caps one broker among the first ten', () => {
    // Region A's best five all go through the same key person; region B has five more.
    const a = [0.99, 0.98, 0.97, 0.96, 0.95].map((s, i) => sug(`a${i}`, s, 'p:broker'));
    const b = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3].map((s, i) =>
      sug(`b${i}`, s, i % 2 ? null : `p:v${i}`),
    );
    const out = combineSuggestions([a, b, [sug('a0', 0.5, 'p:broker')]], 20);
    const top = out.slice(0, BROKER_CAP_WINDOW);
    expect(top.filter((s) => s.viaId === 'p:broker')).toHaveLength(BROKER_CAP);
    expect(top.map((s) => s.id)).toEqual([
      'a0',
      'a1',
      'a2',
      'b0',
      'b1',
      'b2',
      'b3',
      'b4',
      'b5',
      'b6',
    ]);
    // The two over the cap follow the window, still by score; a0 appears once, at its best.
    expect(out.slice(BROKER_CAP_WINDOW).map((s) => s.id)).toEqual(['a3', 'a4']);
    expect(out.filter((s) => s.id === 'a0')).toEqual([sug('a0', 0.99, 'p:broker')]);
    expect(combineSuggestions([a, b], 4).map((s) => s.id)).toEqual(['a0', 'a1', 'a2', 'b0']);
  });
});
