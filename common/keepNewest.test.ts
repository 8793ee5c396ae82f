import { describe, expect, it } from 'vitest';
import { keepNewest } from './keepNewest';

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
});
