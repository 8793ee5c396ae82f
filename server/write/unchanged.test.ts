import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { sameProperties, sameValue } from './unchanged';

describe('telling unchanged rows (only when sure)', () => {
  it('compares stored values (integers as numbers) with values to write (integers as Neo4j integers)', () => {
    expect(sameValue('桜岡', '桜岡')).toBe(true);
    expect(sameValue('桜岡', '桜岡市')).toBe(false);
    expect(sameValue(3, neo4j.int(3))).toBe(true);
    expect(sameValue(3, neo4j.int(4))).toBe(false);
    expect(sameValue(neo4j.int(3), neo4j.int(3))).toBe(true);
    expect(sameValue(2.5, 2.5)).toBe(true);
    expect(sameValue(true, true)).toBe(true);
    expect(sameValue(true, false)).toBe(false);
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue([1, 2], [neo4j.int(1), neo4j.int(2)])).toBe(true);
  });

  it('treats "not set" as equal only to "not set"', () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue('x', null)).toBe(false);
    expect(sameValue(undefined, 'x')).toBe(false);
    expect(sameValue([], null)).toBe(false);
  });

  it('calls anything it cannot judge different (the write statement then decides)', () => {
    expect(sameValue('3', neo4j.int(3))).toBe(false);
    expect(sameValue(3, '3')).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(false);
    expect(sameValue(2 ** 60, neo4j.int('1152921504606846976'))).toBe(false); // beyond 2^53
    expect(sameValue({ a: 1 }, { a: 1 })).toBe(false);
    expect(sameValue('2026-01-01', new Date('2026-01-01'))).toBe(false);
  });

  it('checks every given property, and only those', () => {
    const stored = { name: '一', title: '課長', level: 3 };
    expect(sameProperties(stored, { name: '一', level: neo4j.int(3) })).toBe(true);
    expect(sameProperties(stored, {})).toBe(true);
    expect(sameProperties(stored, { name: '一', title: '部長' })).toBe(false);
    expect(sameProperties(stored, { email: null })).toBe(true);
    expect(sameProperties(stored, { title: null })).toBe(false); // given as "not set": a removal
  });
});
