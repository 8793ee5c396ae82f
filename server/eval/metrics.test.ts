import { describe, expect, it } from 'vitest';
import { scoreGaps } from './metrics';

describe('scoreGaps', () => {
  it('counts exact subject matches per kind (hand-worked: 2 planted, 3 detected, 1 common)', () => {
    const planted = [
      { kind: 'ISOLATED_NEWCOMER', nodeIds: ['p:1'] },
      { kind: 'ISOLATED_NEWCOMER', nodeIds: ['p:2'] },
    ];
    const detected = [
      { kind: 'ISOLATED_NEWCOMER', nodeIds: ['p:1'] },
      { kind: 'ISOLATED_NEWCOMER', nodeIds: ['p:3'] },
      { kind: 'ISOLATED_NEWCOMER', nodeIds: ['p:4'] },
      { kind: 'UNSUPPORTED_SME', nodeIds: ['p:2'] }, // other kind: no match for p:2
    ];
    const [s] = scoreGaps(['ISOLATED_NEWCOMER'], planted, detected);
    expect(s).toMatchObject({ planted: 2, detected: 3, found: 1, correct: 1 });
    expect(s!.recall).toBe(0.5);
    expect(s!.precision).toBeCloseTo(1 / 3);
  });

  it('needs the same detail for FUNCTION_UNCOVERED', () => {
    const [s] = scoreGaps(
      ['FUNCTION_UNCOVERED'],
      [{ kind: 'FUNCTION_UNCOVERED', nodeIds: ['d:1'], detail: 'hr_expert' }],
      [{ kind: 'FUNCTION_UNCOVERED', nodeIds: ['d:1'], detail: 'change_agent' }],
    );
    expect(s).toMatchObject({ found: 0, correct: 0, recall: 0, precision: 0 });
  });

  it('matches silos by Jaccard ≥ 0.5: 4 of 6 shared (4/6 ≥ .5) yes, 2 of 6 (2/8) no', () => {
    const planted = [{ kind: 'COMMUNITY_SILO', nodeIds: ['a', 'b', 'c', 'd', 'e'] }];
    const close = [{ kind: 'COMMUNITY_SILO', nodeIds: ['a', 'b', 'c', 'd', 'f'] }]; // 4/6
    const far = [{ kind: 'COMMUNITY_SILO', nodeIds: ['a', 'b', 'x', 'y', 'z'] }]; // 2/8
    expect(scoreGaps(['COMMUNITY_SILO'], planted, close)[0]).toMatchObject({
      recall: 1,
      precision: 1,
    });
    expect(scoreGaps(['COMMUNITY_SILO'], planted, far)[0]).toMatchObject({
      recall: 0,
      precision: 0,
    });
  });

  it('scores an empty kind as perfect, and nothing detected as zero precision', () => {
    expect(scoreGaps(['COORDINATION_GAP'], [], [])[0]).toMatchObject({ precision: 1, recall: 1 });
    expect(
      scoreGaps(
        ['COORDINATION_GAP'],
        [{ kind: 'COORDINATION_GAP', nodeIds: ['d', 'a', 'b'] }],
        [],
      )[0],
    ).toMatchObject({ precision: 0, recall: 0 });
  });
});
