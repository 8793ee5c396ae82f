import { describe, expect, it } from 'vitest';
import { networkGaps } from '../gaps';
import type { KeyPersonScore } from '../keyPerson';
import { introductionSuggestions } from '../suggestions';
import { gapClosure } from '../baseline';
import { declaredGroup, G } from './fixtures';

const ASOF = '2024-06-01';
const kp = (inGroup: string[]): KeyPersonScore[] => declaredGroup(inGroup, 0.9);

/** dept:d: lead L (staff l), members A (staff a), B (staff b); l knows a (3) and b (3). */
function coord(): G {
  const t = new G().region('region:r');
  t.org('org:L', ['change_agent', 'strategic_partner', 'hr_expert', 'employee_advocate'])
    .org('org:A')
    .org('org:B');
  t.dept('dept:d', 'org:L', ['org:A', 'org:B'], ['region:r']);
  t.person('person:l').works('person:l', 'org:L');
  t.person('person:a').works('person:a', 'org:A');
  t.person('person:b').works('person:b', 'org:B');
  t.knows('person:l', 'person:a', 3).knows('person:l', 'person:b', 3);
  t.person('person:a2')
    .works('person:a2', 'org:A')
    .knows('person:a2', 'person:l', 1)
    .knows('person:a2', 'person:a', 1);
  return t;
}

/**
 * A broker k (local) who knows 5 newcomers n1..n5 (each: 1 local tie = k) and 5 locals m1..m5.
 * Every newcomer–local pair closes that newcomer's gap (1 → 2 local ties) and has k as mutual
 * contact, so without the cap the whole top 10 would go through k.
 */
function brokerStar(): G {
  const t = new G().person('person:k');
  for (const i of [1, 2, 3, 4, 5]) {
    t.person(`person:n${i}`, { origin: 'outside' }).knows(`person:n${i}`, 'person:k');
    t.person(`person:m${i}`).knows(`person:m${i}`, 'person:k');
  }
  return t;
}

describe('introductionSuggestions', () => {
  it('COORDINATION_GAP → the staff pair of the two orgs, via the strongest mutual contact', () => {
    const t = coord();
    const gaps = networkGaps(t.g, { asOf: ASOF, keyPersons: [] });
    expect(gaps.map((g) => g.id)).toContain('COORDINATION_GAP:dept:d+org:A+org:B');
    const s = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF });
    const ab = s.find((x) => x.id === 'intro:person:a+person:b')!;
    expect(ab).toBeDefined();
    // l knows a (3) and b (3): mutual strength 6 → feasibility 0.7 + 0.3 × (6 − 2) / 4 = 1
    expect(ab.viaId).toBe('person:l');
    expect(ab.feasibility).toBeCloseTo(1, 6);
    expect(ab.closes).toContain('COORDINATION_GAP:dept:d+org:A+org:B');
    expect(ab.score).toBeCloseTo(ab.gapValue * ab.feasibility * ab.fit, 3);
    // a2–b also closes it but only via l with strength 1 + 3: a–b ranks higher
    const a2b = s.find((x) => x.id === 'intro:person:a2+person:b')!;
    expect(a2b.feasibility).toBeCloseTo(0.85, 6);
    expect(s.indexOf(ab)).toBeLessThan(s.indexOf(a2b));
    // never an existing tie
    for (const x of s)
      expect(
        t.g.hasEdge(`KNOWS:${x.fromId}->${x.toId}`) || t.g.hasEdge(`KNOWS:${x.toId}->${x.fromId}`),
      ).toBe(false);
    // closing it for real removes the gap
    const c = gapClosure(t.g, [ab], { asOf: ASOF, keyPersons: [] });
    expect(c.gapsAfter.map((g) => g.id)).not.toContain('COORDINATION_GAP:dept:d+org:A+org:B');
    expect(c.closedShare).toBeCloseTo((c.before - c.after) / c.before, 10);
    expect(c.closedShare).toBeGreaterThan(0);
  });

  it('no more than 3 of the top 10 through the same broker', () => {
    const t = brokerStar();
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    expect(gaps).toHaveLength(5);
    const s = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, limit: 10 });
    expect(s).toHaveLength(10);
    expect(s.filter((x) => x.viaId === 'person:k')).toHaveLength(3);
    expect(s.slice(0, 3).every((x) => x.viaId === 'person:k')).toBe(true);
    const rest = s.slice(3);
    expect(rest.every((x) => x.viaId === null && x.feasibility === 0.3)).toBe(true);
    expect(rest[0]!.reasons.map((r) => r.code)).toContain('BROKER_BUSY');
    // every suggestion closes exactly its newcomer's gap
    for (const x of s) {
      expect(x.closes).toEqual([`ISOLATED_NEWCOMER:${x.fromId}`]);
      expect(x.toId.startsWith('person:m')).toBe(true);
    }
  });

  it('excludes pairs declined in the last 180 days (either direction), not older ones', () => {
    const t = brokerStar();
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    const all = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, limit: 100 });
    const pair = all[0]!;
    const recent = introductionSuggestions(t.g, {
      gaps,
      keyPersons: [],
      asOf: ASOF,
      limit: 100,
      declined: [{ fromId: pair.toId, toId: pair.fromId, decidedAt: '2024-03-01T10:00:00Z' }], // 92 days
    });
    expect(recent.map((x) => x.id)).not.toContain(pair.id);
    expect(recent).toHaveLength(all.length - 1);
    const old = introductionSuggestions(t.g, {
      gaps,
      keyPersons: [],
      asOf: ASOF,
      limit: 100,
      declined: [{ fromId: pair.fromId, toId: pair.toId, decidedAt: '2023-11-01' }], // 213 days
    });
    expect(old.map((x) => x.id)).toContain(pair.id);
  });

  it('forId keeps only suggestions involving that person', () => {
    const t = brokerStar();
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    const s = introductionSuggestions(t.g, {
      gaps,
      keyPersons: [],
      asOf: ASOF,
      forId: 'person:n2',
      limit: 100,
    });
    expect(s.length).toBeGreaterThan(0);
    for (const x of s) expect([x.fromId, x.toId]).toContain('person:n2');
    expect(() =>
      introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, forId: 'person:nobody' }),
    ).toThrow();
  });

  it('a newcomer with no local tie: the first tie only reduces the gap (not in closes)', () => {
    const t = new G().region('region:r').org('org:O', [], 'region:r');
    t.person('person:n', { origin: 'outside' }).works('person:n', 'org:O');
    t.person('person:c').works('person:c', 'org:O');
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    const s = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF });
    expect(s).toHaveLength(1);
    expect(s[0]!.closes).toEqual([]);
    // 0 local ties: severity 0.8, partial weight 0.5 → gapValue 0.4; colleagues: feasibility 0.6
    expect(s[0]!.gapValue).toBeCloseTo(0.4, 6);
    expect(s[0]!.feasibility).toBeCloseTo(0.6, 6);
    expect(s[0]!.reasons[0]!.code).toBe('NEWCOMER_FIRST_LOCAL_TIE');
  });

  it('COMMUNITY_SILO → a silo member with a key person; KEY_PERSON_DEPENDENCY → a second bridge', () => {
    // silo: s1..s5 clique; key person k with friends
    const t = new G();
    const names = ['s1', 's2', 's3', 's4', 's5'];
    for (const n of names) t.person(`person:${n}`);
    for (let i = 0; i < 5; i++)
      for (let j = i + 1; j < 5; j++) t.knows(`person:${names[i]}`, `person:${names[j]}`);
    t.person('person:k').person('person:f').knows('person:k', 'person:f');
    const keyPersons = kp(['person:k']);
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['COMMUNITY_SILO'], keyPersons });
    expect(gaps).toHaveLength(1);
    const s = introductionSuggestions(t.g, { gaps, keyPersons, asOf: ASOF });
    expect(s.length).toBeGreaterThan(0);
    for (const x of s) {
      expect(x.toId).toBe('person:k');
      expect(x.closes).toEqual([gaps[0]!.id]);
      expect(x.viaId).toBeNull();
    }

    // dependency: L–x–b–c–M with b the only bridge; suggestion pairs x (lead side) with c (cut side)
    const d = new G().region('region:r').org('org:L').org('org:M');
    d.dept('dept:d', 'org:L', ['org:M'], ['region:r']);
    d.person('person:x')
      .works('person:x', 'org:L')
      .person('person:b')
      .person('person:c')
      .works('person:c', 'org:M');
    d.knows('person:x', 'person:b', 2).knows('person:b', 'person:c', 2);
    const dg = networkGaps(d.g, { asOf: ASOF, kinds: ['KEY_PERSON_DEPENDENCY'], keyPersons: [] });
    const bGap = dg.find((g) => g.id === 'KEY_PERSON_DEPENDENCY:dept:d+person:b')!;
    expect(bGap).toBeDefined();
    const ds = introductionSuggestions(d.g, { gaps: dg, keyPersons: [], asOf: ASOF });
    const xc = ds.find((x) => x.id === 'intro:person:c+person:x')!;
    expect(xc.closes).toContain(bGap.id);
    expect(xc.viaId).toBe('person:b');
    expect(ds.every((x) => x.fromId !== 'person:b' && x.toId !== 'person:b')).toBe(true);
  });

  it("KEY_PERSON_DEPENDENCY of two newcomers' only contact → a newcomer with the lead's other staff", () => {
    // c is the only local contact of n1 and n2; d works at the lead too. A tie n1–d gives n1 a
    // second local tie (closes its gap) and a second way to the lead (reduces c's dependency:
    // n2 still hangs on c alone).
    const t = new G().region('region:r').org('org:L');
    t.dept('dept:d', 'org:L', [], ['region:r']);
    t.person('person:c').works('person:c', 'org:L');
    t.person('person:d').works('person:d', 'org:L').knows('person:d', 'person:c');
    for (const n of ['person:n1', 'person:n2']) {
      t.person(n, { origin: 'outside' }).knows(n, 'person:c');
      t.rel('LOCATED_IN', n, 'region:r');
    }
    const gaps = networkGaps(t.g, { asOf: ASOF, keyPersons: [] });
    const dep = gaps.find((g) => g.id === 'KEY_PERSON_DEPENDENCY:dept:d+person:c')!;
    expect(dep.relatedIds).toEqual(['person:n1', 'person:n2']);
    const s = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, limit: 100 });
    const n1d = s.find((x) => x.id === 'intro:person:d+person:n1')!;
    expect(n1d.closes).toEqual(['ISOLATED_NEWCOMER:person:n1']);
    expect(n1d.reasons.map((r) => r.code)).toContain('REDUCES_KEY_PERSON_DEPENDENCY');
    expect(n1d.viaId).toBe('person:c');
    // closing for real: n1's gap goes, c's dependency shrinks to n2 alone
    const after = gapClosure(t.g, [n1d], { asOf: ASOF, keyPersons: [] }).gapsAfter;
    expect(after.find((g) => g.id === dep.id)!.relatedIds).toEqual(['person:n2']);
    expect(after.map((g) => g.id)).not.toContain('ISOLATED_NEWCOMER:person:n1');
  });

  it('the top ranks close different gaps: a second way to close the same gap comes after', () => {
    // coord(): a–b (feasibility 1) and a2–b (0.85) both close the A–B coordination gap (0.6).
    // A newcomer n whose only local tie is l: n–a closes n's gap (0.5) via l. On its own n–a
    // scores below a2–b, but a2–b adds nothing once a–b is taken: n–a comes second.
    const t = coord();
    t.person('person:n', { origin: 'outside' }).knows('person:n', 'person:l', 2);
    const gaps = networkGaps(t.g, {
      asOf: ASOF,
      kinds: ['COORDINATION_GAP', 'ISOLATED_NEWCOMER'],
      keyPersons: [],
    });
    const s = introductionSuggestions(t.g, { gaps, keyPersons: [], asOf: ASOF, limit: 100 });
    const ids = s.map((x) => x.id);
    const na = s.find((x) => x.id === 'intro:person:a+person:n')!;
    const a2b = s.find((x) => x.id === 'intro:person:a2+person:b')!;
    expect(ids[0]).toBe('intro:person:a+person:b');
    expect(na.score).toBeLessThan(a2b.score);
    expect(ids.indexOf(na.id)).toBeLessThan(ids.indexOf(a2b.id));
    expect(a2b.reasons.map((r) => r.code)).toContain('ALTERNATIVE');
    expect(na.reasons.map((r) => r.code)).not.toContain('ALTERNATIVE');
    expect(a2b.reasons.find((r) => r.code === 'ALTERNATIVE')!.en).toContain('a and b');
  });
});
