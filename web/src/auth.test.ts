import { describe, expect, it } from 'vitest';
import { csrfToken } from './auth';

describe('auth helpers', () => {
  it("reads the session's CSRF value from the cookies, '' when signed out", () => {
    expect(csrfToken('a=1; cj_csrf=abc%2Fdef; b=2')).toBe('abc/def');
    expect(csrfToken('cj_csrf=x=y')).toBe('x=y');
    expect(csrfToken('a=1')).toBe('');
    expect(csrfToken('')).toBe('');
  });
});
