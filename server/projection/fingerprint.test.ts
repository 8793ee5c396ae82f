import { describe, expect, it } from 'vitest';
import { derivedContent, fingerprintWith, RowDigest } from './fingerprint';

type Row = [string, string[], Record<string, unknown>, [string, string, Record<string, unknown>][]];

const rows = (title = '課長', strength = 2): Row[] => [
  ['a', ['Entity', 'Person', 'KeyPerson'], { id: 'a', name: '上田', title }, []],
  ['b', ['Entity', 'Person'], { id: 'b', name: '佐藤' }, [['KNOWS', 'a', { strength }]]],
];

function digestOf(list: Row[], what = 'region:r1@2026-10-01'): string {
  const d = new RowDigest(what);
  for (const r of list) d.add(...r);
  return d.digest();
}

describe('RowDigest', () => {
  it('is the same for the same rows read again', () => {
    expect(digestOf(rows())).toBe(digestOf(rows()));
  });
  it('changes with a property of a node or a tie, a missing row, or another scope', () => {
    const base = digestOf(rows());
    expect(digestOf(rows('部長'))).not.toBe(base);
    expect(digestOf(rows('課長', 3))).not.toBe(base);
    expect(digestOf(rows().slice(0, 1))).not.toBe(base);
    expect(digestOf(rows(), 'region:r2@2026-10-01')).not.toBe(base);
  });
  it('does not run two rows together into one', () => {
    const d1 = new RowDigest('x');
    d1.add('ab');
    d1.add('c');
    const d2 = new RowDigest('x');
    d2.add('a');
    d2.add('bc');
    expect(d1.digest()).not.toBe(d2.digest());
  });
});

describe('fingerprintWith and derivedContent', () => {
  it('reads the extra inputs whatever the order of their keys', () => {
    expect(fingerprintWith('c', [{ fromId: 'a', toId: 'b' }])).toBe(
      fingerprintWith('c', [{ toId: 'b', fromId: 'a' }]),
    );
  });
  it('changes with the content or the extra inputs', () => {
    const base = fingerprintWith('c', []);
    expect(fingerprintWith('d', [])).not.toBe(base);
    expect(fingerprintWith('c', [{ fromId: 'a', toId: 'b' }])).not.toBe(base);
  });
  it('tells a derived projection from its source and from another derivation', () => {
    expect(derivedContent('c', 'pseudonymised')).not.toBe('c');
    expect(derivedContent('c', 'pseudonymised')).not.toBe(derivedContent('c', 'without-ratings'));
  });
});
