import { describe, expect, it } from 'vitest';
import { keepNewest, rememberRecent } from './keepNewest';

describe('keepNewest', () => {
  it('drops the oldest entries until the map holds at most max', () => {
    const m = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    m.delete('a');
    m.set('a', 4); // used again: now the newest
    keepNewest(m, 2);
    expect([...m.keys()]).toEqual(['c', 'a']);
    keepNewest(m, 5);
    expect(m.size).toBe(2);
  });

  it('rememberRecent computes a missing value once and keeps the recently used', () => {
    const m = new Map<string, number>();
    let computed = 0;
    const get = (k: string) => rememberRecent(m, k, 2, () => ++computed);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(2);
    expect(get('a')).toBe(1); // kept, now the newest
    expect(get('c')).toBe(3); // drops b, the least recently used
    expect([...m.keys()]).toEqual(['a', 'c']);
    expect(get('b')).toBe(4);
    expect(computed).toBe(4);
  });
});
