import { describe, expect, it } from 'vitest';
import { gapClosure, networkGaps } from '../analytics';
import { declaredGroup, G } from '../analytics/__tests__/fixtures';
import { greedyLimit } from './greedyLimit';

const ASOF = '2024-06-01';

describe('greedyLimit (closure@10 against the limit)', () => {
  it('takes first the tie that closes two gaps at once, then one per remaining gap', () => {
    // dept:d: lead L (staff l, l2), members A (staff a and the newcomer n) and B (staff b, b2).
    // l knows everyone; l2 knows a, b and b2; A's and B's staff never met: COORDINATION_GAP
    // A–B (0.6). n and the newcomer m know only l: ISOLATED_NEWCOMER n and m (0.5 each), and
    // only l leads to m: KEY_PERSON_DEPENDENCY of l (1 of the 8 others). n–b closes the
    // coordination gap and n's (1.1), more than m with a local on the lead side (0.5 + 1/8).
    const t = new G().region('region:r');
    t.org('org:L', ['change_agent', 'strategic_partner', 'hr_expert', 'employee_advocate'])
      .org('org:A')
      .org('org:B');
    t.dept('dept:d', 'org:L', ['org:A', 'org:B'], ['region:r']);
    const people = ['l', 'l2', 'a', 'b', 'b2', 'n', 'm'];
    for (const p of people)
      t.person(`person:${p}`, { origin: p === 'n' || p === 'm' ? 'outside' : 'local' });
    for (const [p, o] of [
      ['l', 'L'],
      ['l2', 'L'],
      ['a', 'A'],
      ['n', 'A'],
      ['b', 'B'],
      ['b2', 'B'],
    ])
      t.works(`person:${p}`, `org:${o}`);
    for (const p of ['l2', 'a', 'b', 'b2', 'n', 'm']) t.knows('person:l', `person:${p}`);
    for (const p of ['a', 'b', 'b2']) t.knows('person:l2', `person:${p}`);
    for (const p of people) t.rel('LOCATED_IN', `person:${p}`, 'region:r');
    const keyPersons = declaredGroup(['person:l']);
    const gaps = networkGaps(t.g, { asOf: ASOF, keyPersons });
    expect(gaps.map((x) => [x.id, x.severity])).toEqual([
      ['COORDINATION_GAP:dept:d+org:A+org:B', 0.6],
      ['ISOLATED_NEWCOMER:person:m', 0.5],
      ['ISOLATED_NEWCOMER:person:n', 0.5],
      ['KEY_PERSON_DEPENDENCY:dept:d+person:l', 0.125],
    ]);
    const r = greedyLimit(t.g, { asOf: ASOF, keyPersons, ties: 10 });
    expect(r.pairs.map((p) => [p.fromId, p.toId])).toEqual([
      ['person:b', 'person:n'],
      ['person:a', 'person:m'],
    ]);
    expect(r.pairs[0]!.modelGain).toBeCloseTo(1.1, 10);
    expect(r.pairs[1]!.modelGain).toBeCloseTo(0.5 + 0.125, 10);
    // every gap is closed: nothing is left for a third tie
    expect(gapClosure(t.g, r.pairs, { asOf: ASOF, keyPersons }).gapsAfter).toEqual([]);
    expect(r.closure).toBeCloseTo(1, 10);
  });

  it('with five newcomers of one broker: five ties, one per newcomer, close everything', () => {
    const t = new G().person('person:k');
    for (const i of [1, 2, 3, 4, 5]) {
      t.person(`person:n${i}`, { origin: 'outside' }).knows(`person:n${i}`, 'person:k');
      t.person(`person:m${i}`).knows(`person:m${i}`, 'person:k');
    }
    // k is a declared key person, so the eleven are no silo
    const r = greedyLimit(t.g, { asOf: ASOF, keyPersons: declaredGroup(['person:k']) });
    expect(r.pairs).toHaveLength(5);
    expect(
      new Set(r.pairs.map((p) => (p.fromId.startsWith('person:n') ? p.fromId : p.toId))).size,
    ).toBe(5);
    expect(r.closure).toBeCloseTo(1, 10);
    // each newcomer with each of the five locals it does not know (newcomers are not local)
    expect(r.candidates).toBe(5 * 5);
  });
});
