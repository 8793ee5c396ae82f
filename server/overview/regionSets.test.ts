/** summariseRegions: counts per region and links between two, from groups by region set. */
import { describe, expect, it } from 'vitest';
import { emptyCounts, summariseRegions, type MemberGroup } from './regionSets';

const group = (
  kind: MemberGroup['kind'],
  regions: string[],
  n: number,
  other: string[] = [],
  talent = 0,
  keyPersons = 0,
): MemberGroup => ({ kind, regions, other, n, talent, keyPersons });

describe('summariseRegions', () => {
  it('counts members in every region of their set, and shared ones on each pair', () => {
    const { counts, links } = summariseRegions(
      ['a', 'b', 'c'],
      [
        group('Organization', ['a'], 4),
        group('Organization', ['a', 'b', 'c'], 1),
        group('SME', ['c'], 2),
        group('Person', ['b'], 7, [], 2, 1),
        group('Person', ['a', 'b'], 3, [], 1, 0),
      ],
    );
    expect(counts.get('a')).toEqual({ ...emptyCounts(), organizations: 5, persons: 3, talent: 1 });
    expect(counts.get('b')).toEqual({
      ...emptyCounts(),
      organizations: 1,
      persons: 10,
      talent: 3,
      declaredKeyPersons: 1,
    });
    expect(counts.get('c')).toEqual({ ...emptyCounts(), organizations: 1, smes: 2 });
    expect(links).toEqual([
      { a: 'a', b: 'b', knowsTies: 0, sharedOrganizations: 1, sharedPersons: 3 },
      { a: 'a', b: 'c', knowsTies: 0, sharedOrganizations: 1, sharedPersons: 0 },
      { a: 'b', b: 'c', knowsTies: 0, sharedOrganizations: 1, sharedPersons: 0 },
    ]);
  });

  it('counts a tie inside the regions of both ends, and across only between regions of one end each', () => {
    const { counts, links } = summariseRegions(
      ['a', 'b', 'c', 'd'],
      [
        group('KNOWS', ['a'], 5, ['a']), // inside a
        group('KNOWS', ['b'], 2, ['a']), // a–b
        group('KNOWS', ['a'], 1, ['a', 'b']), // inside a; not a–b again
        group('KNOWS', ['a', 'b'], 3, ['b', 'c']), // inside b; a–c
        group('KNOWS', ['a', 'd'], 1, ['b', 'c']), // a–b, a–c, d–b, d–c
      ],
    );
    expect(counts.get('a')!.knowsTies).toBe(6);
    expect(counts.get('b')!.knowsTies).toBe(3);
    expect(counts.get('c')!.knowsTies).toBe(0);
    expect(links.map((l) => [l.a, l.b, l.knowsTies])).toEqual([
      ['a', 'b', 3],
      ['a', 'c', 4],
      ['b', 'd', 1],
      ['c', 'd', 1],
    ]);
  });

  it('ignores regions outside the list (no count, no link)', () => {
    const { counts, links } = summariseRegions(
      ['a'],
      [group('Person', ['a', 'x'], 2), group('KNOWS', ['a'], 1, ['x'])],
    );
    expect([...counts.keys()]).toEqual(['a']);
    expect(counts.get('a')!.persons).toBe(2);
    expect(links).toEqual([]);
  });
});
