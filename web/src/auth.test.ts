import { describe, expect, it } from 'vitest';
import { canWrite, csrfToken, seesContact, type Me } from './auth';
import { FIELDS, hideFields } from './fields';

const me = (role: Me['role']): Me => ({
  username: 'u',
  displayName: 'U',
  role,
  roleLabel: { ja: 'x', en: 'x' },
  deptId: null,
  regionIds: null,
});

describe('auth helpers', () => {
  it("reads the session's CSRF value from the cookies, '' when signed out", () => {
    expect(csrfToken('a=1; cj_csrf=abc%2Fdef; b=2')).toBe('abc/def');
    expect(csrfToken('cj_csrf=x=y')).toBe('x=y');
    expect(csrfToken('a=1')).toBe('');
    expect(csrfToken('')).toBe('');
  });

  it('offers writing and contact fields only to admins and coordinators', () => {
    expect(
      ['admin', 'coordinator', 'municipality', 'analyst'].map((r) => canWrite(me(r as Me['role']))),
    ).toEqual([true, true, false, false]);
    expect(seesContact(me('municipality'))).toBe(false);
    expect(seesContact(me('coordinator'))).toBe(true);
  });

  it('hides fields from every form', () => {
    expect(FIELDS.Person!.some((f) => f.name === 'email')).toBe(true);
    hideFields(['email', 'phone']);
    expect(FIELDS.Person!.some((f) => f.name === 'email' || f.name === 'phone')).toBe(false);
    expect(FIELDS.Person!.some((f) => f.name === 'title')).toBe(true);
  });
});
