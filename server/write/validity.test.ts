/** Ties with a validity (SPEC §12): the rule of a valid tie and the row check since < until. */
import { describe, expect, it } from 'vitest';
import { relationshipRowSchema, validOn, VALIDITY_REL_TYPES } from '../../common/model';

describe('validity of ties', () => {
  it('is valid from since (inclusive) to until (exclusive); missing ends are open', () => {
    const tie = { since: '2023-04-01', until: '2024-04-01' };
    expect(validOn(tie, '2023-03-31')).toBe(false);
    expect(validOn(tie, '2023-04-01')).toBe(true);
    expect(validOn(tie, '2024-03-31')).toBe(true);
    expect(validOn(tie, '2024-04-01')).toBe(false);
    expect(validOn({}, '1900-01-01')).toBe(true);
    expect(validOn({ until: '2020-01-01' }, '2019-12-31')).toBe(true);
    expect(validOn({ since: '2020-01-01' }, '2019-12-31')).toBe(false);
  });

  it.each(VALIDITY_REL_TYPES)('%s rows take since and until, until after since', (type) => {
    const base = {
      from: 'a',
      to: 'b',
      ...(type === 'SUPPORTS' ? { kind: 'lending' } : {}),
    };
    expect(
      relationshipRowSchema(type).safeParse({ ...base, since: '2022-04-01', until: '2023-04-01' })
        .success,
    ).toBe(true);
    const bad = relationshipRowSchema(type).safeParse({
      ...base,
      since: '2023-04-01',
      until: '2023-04-01',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['until'], message: 'must be after since' });
    expect(relationshipRowSchema(type).safeParse({ ...base, until: '2023-02-30x' }).success).toBe(
      false,
    );
  });
});
