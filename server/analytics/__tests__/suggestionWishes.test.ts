/**
 * "Would like to meet" answers of つながり調査 (issue 14) in the introduction suggestions: a wished
 * pair that closes a gap scores WISH_BOOST times higher and says why (WANTS_TO_MEET); a wish
 * that closes nothing raises nothing; wishes naming persons outside the graph are ignored.
 */
import { describe, expect, it } from 'vitest';
import { WISH_BOOST, WISH_REASON_CODE } from '../../../common/surveys';
import { networkGaps } from '../gaps';
import { introductionSuggestions } from '../suggestions';
import { G } from './fixtures';

const ASOF = '2024-06-01';

/** A newcomer n with one local tie (k), and two locals m1, m2 that k knows too. */
function newcomer(): G {
  const t = new G().person('person:k');
  t.person('person:n', { origin: 'outside' }).knows('person:n', 'person:k');
  t.person('person:m1').knows('person:m1', 'person:k');
  t.person('person:m2').knows('person:m2', 'person:k');
  return t;
}

describe('suggestions with survey wishes', () => {
  it('a wished pair that closes a gap is raised, with its own reason', () => {
    const t = newcomer();
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    const plain = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, limit: 10 });
    const base = plain.find((s) => [s.fromId, s.toId].sort().join() === 'person:m2,person:n');
    expect(base).toBeDefined();
    const wished = introductionSuggestions(t.g, {
      gaps,
      keyPersons: [],
      asOf: ASOF,
      limit: 10,
      wishes: [{ fromId: 'person:n', toId: 'person:m2' }],
    });
    const top = wished[0]!;
    expect([top.fromId, top.toId].sort()).toEqual(['person:m2', 'person:n']);
    expect(top.score).toBeCloseTo(base!.score * WISH_BOOST, 6);
    const reason = top.reasons.find((r) => r.code === WISH_REASON_CODE);
    expect(reason?.ja).toMatch(/紹介を希望/);
    expect(reason?.en).toMatch(/asked to be introduced/);
    // the other pairs keep their scores and no such reason
    for (const s of wished.slice(1))
      expect(s.reasons.some((r) => r.code === WISH_REASON_CODE)).toBe(false);
  });

  it('a wish that closes no gap raises nothing; unknown persons are ignored', () => {
    const t = newcomer();
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    const plain = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, limit: 10 });
    const wished = introductionSuggestions(t.g, {
      gaps,
      keyPersons: [],
      asOf: ASOF,
      limit: 10,
      wishes: [
        { fromId: 'person:m1', toId: 'person:m2' },
        { fromId: 'person:n', toId: 'person:nobody' },
      ],
    });
    expect(wished).toEqual(plain);
  });
});
