import { describe, expect, it } from 'vitest';
import { networkGaps, type Gap } from '../gaps';
import type { KeyPersonScore } from '../keyPerson';
import { declaredGroup, G } from './fixtures';

const ASOF = '2024-06-01';
const kpList = (inGroup: string[]): KeyPersonScore[] => declaredGroup(inGroup);
const ids = (gs: Gap[]): string[] => gs.map((g) => g.id).sort();

/**
 * dept:d covers region:r. Lead org:L (3 of the 4 functions), members org:A, org:B.
 * Staff: l (L), a (A), b (B). l knows a and b; a and b do not know each other.
 * SMEs in region:r: s1 (SUPPORTS from A), s2 (no support; its staff q2 knows nobody),
 * s3 (no SUPPORTS, but its staff q3 knows b).
 */
function dept(): G {
  const t = new G().region('region:r');
  t.org('org:L', ['change_agent', 'strategic_partner', 'hr_expert']).org('org:A').org('org:B');
  t.dept('dept:d', 'org:L', ['org:A', 'org:B'], ['region:r']);
  t.person('person:l').works('person:l', 'org:L');
  t.person('person:a').works('person:a', 'org:A');
  t.person('person:b').works('person:b', 'org:B');
  t.knows('person:l', 'person:a', 2).knows('person:b', 'person:l', 2);
  t.sme('sme:s1', 'region:r').rel('SUPPORTS', 'org:A', 'sme:s1', { kind: 'lending' });
  t.sme('sme:s2', 'region:r', { stage: 'unaware', hasHrStaff: false });
  t.person('person:q2').works('person:q2', 'sme:s2');
  t.sme('sme:s3', 'region:r');
  t.person('person:q3').works('person:q3', 'sme:s3').knows('person:q3', 'person:b');
  return t;
}

describe('networkGaps', () => {
  it('COORDINATION_GAP: only the one member pair with no tie, event or partnership', () => {
    const gs = networkGaps(dept().g, { asOf: ASOF, kinds: ['COORDINATION_GAP'], keyPersons: [] });
    expect(ids(gs)).toEqual(['COORDINATION_GAP:dept:d+org:A+org:B']);
    // two members, engagement 2 each: 0.5 + 0 + 0.2 × (2 − 1) / 2
    expect(gs[0]!.severity).toBeCloseTo(0.6, 6);
    expect(gs[0]!.explanationJa).toContain('A');
    expect(gs[0]!.explanationJa).not.toContain('org:');
  });

  it('COORDINATION_GAP is closed by a shared event or a partnership', () => {
    const t = dept().node2('event:e', 'Event', { kind: 'council', date: '2024-01-01' });
    t.rel('HOSTED', 'org:A', 'event:e').rel('ATTENDED', 'person:b', 'event:e');
    expect(networkGaps(t.g, { asOf: ASOF, kinds: ['COORDINATION_GAP'], keyPersons: [] })).toEqual(
      [],
    );
    const u = dept().rel('PARTNERS_WITH', 'org:B', 'org:A');
    expect(networkGaps(u.g, { asOf: ASOF, kinds: ['COORDINATION_GAP'], keyPersons: [] })).toEqual(
      [],
    );
  });

  it('UNSUPPORTED_SME: s2 only (s1 is supported, s3 knows a member’s staff)', () => {
    const gs = networkGaps(dept().g, { asOf: ASOF, kinds: ['UNSUPPORTED_SME'], keyPersons: [] });
    expect(ids(gs)).toEqual(['UNSUPPORTED_SME:sme:s2']);
    // unaware (need 1), no challenges, no HR staff: 0.5 + 0.2 + 0 + 0.1
    expect(gs[0]!.severity).toBeCloseTo(0.8, 6);
    expect(gs[0]!.deptId).toBe('dept:d');
  });

  it('KEY_PERSON_DEPENDENCY: who cuts which SMEs, members and persons off the lead, by hand', () => {
    // T: L–l–a–A–s1, l–b–B, b–q3–s3; q2–s2 apart. The dept's targets: members A, B; SMEs s1,
    // s2, s3; persons l, a, b (team staff) and q2, q3 (staff of SMEs in region:r). The lead
    // reaches 8 of them (not s2, q2). Severity = cut off ÷ those reached, the person excluded.
    const gs = networkGaps(dept().g, {
      asOf: ASOF,
      kinds: ['KEY_PERSON_DEPENDENCY'],
      keyPersons: [],
    });
    const by = new Map(gs.map((g) => [g.id, g]));
    expect([...by.keys()].sort()).toEqual([
      'KEY_PERSON_DEPENDENCY:dept:d+person:a',
      'KEY_PERSON_DEPENDENCY:dept:d+person:b',
      'KEY_PERSON_DEPENDENCY:dept:d+person:l',
      'KEY_PERSON_DEPENDENCY:dept:d+person:q3',
    ]);
    const l = by.get('KEY_PERSON_DEPENDENCY:dept:d+person:l')!;
    expect(l.relatedIds).toEqual([
      'org:A',
      'org:B',
      'person:a',
      'person:b',
      'person:q3',
      'sme:s1',
      'sme:s3',
    ]);
    expect(l.severity).toBe(1); // 7 of the 7 others
    expect(l.explanationJa).toContain('企業2社・機関2団体・人3人');
    expect(by.get('KEY_PERSON_DEPENDENCY:dept:d+person:a')!.relatedIds).toEqual([
      'org:A',
      'sme:s1',
    ]);
    expect(by.get('KEY_PERSON_DEPENDENCY:dept:d+person:a')!.severity).toBeCloseTo(2 / 7, 4);
    expect(by.get('KEY_PERSON_DEPENDENCY:dept:d+person:b')!.relatedIds).toEqual([
      'org:B',
      'person:q3',
      'sme:s3',
    ]);
    expect(by.get('KEY_PERSON_DEPENDENCY:dept:d+person:b')!.severity).toBeCloseTo(3 / 7, 4);
    expect(by.get('KEY_PERSON_DEPENDENCY:dept:d+person:q3')!.relatedIds).toEqual(['sme:s3']);
    expect(by.get('KEY_PERSON_DEPENDENCY:dept:d+person:q3')!.severity).toBeCloseTo(1 / 7, 4);
    // sorted by severity desc
    expect(gs[0]!.id).toBe('KEY_PERSON_DEPENDENCY:dept:d+person:l');
  });

  it('KEY_PERSON_DEPENDENCY: path L–x–b–c–M, x and c doubled, only b is the articulation point', () => {
    const t = new G().region('region:r').org('org:L').org('org:M');
    t.dept('dept:d', 'org:L', ['org:M'], ['region:r']);
    for (const p of ['x1', 'x2']) t.person(`person:${p}`).works(`person:${p}`, 'org:L');
    for (const p of ['c1', 'c2']) t.person(`person:${p}`).works(`person:${p}`, 'org:M');
    t.person('person:b');
    for (const p of ['x1', 'x2', 'c1', 'c2']) t.knows('person:b', `person:${p}`);
    t.sme('sme:s', 'region:r').rel('SUPPORTS', 'org:M', 'sme:s', { kind: 'advisory' });
    t.sme('sme:s0', 'region:r').rel('SUPPORTS', 'org:L', 'sme:s0', { kind: 'advisory' });
    const gs = networkGaps(t.g, { asOf: ASOF, kinds: ['KEY_PERSON_DEPENDENCY'], keyPersons: [] });
    expect(gs.map((g) => g.id)).toEqual(['KEY_PERSON_DEPENDENCY:dept:d+person:b']);
    expect(gs[0]!.relatedIds).toEqual(['org:M', 'person:c1', 'person:c2', 'sme:s']);
    // reachable before: M, s, s0 and the staff x1, x2, c1, c2 (b has no workplace or region)
    expect(gs[0]!.severity).toBeCloseTo(4 / 7, 4);
  });

  it('ISOLATED_NEWCOMER: fewer than 2 local ties; outside persons and talent', () => {
    const t = dept();
    t.person('person:n1', { origin: 'outside' }).knows('person:n1', 'person:a');
    t.person('person:n2', { origin: 'outside' })
      .knows('person:n2', 'person:a')
      .knows('person:n2', 'person:b');
    t.person('person:n3', { origin: 'outside' })
      .knows('person:n3', 'person:a')
      .knows('person:n3', 'person:n1');
    t.person('person:t', { origin: 'local', talentKind: 'side_job' }, ['Talent']);
    const gs = networkGaps(t.g, { asOf: ASOF, kinds: ['ISOLATED_NEWCOMER'], keyPersons: [] });
    // n2 has 2 local ties; n3 has 1 local (n1 is outside)
    expect(ids(gs)).toEqual([
      'ISOLATED_NEWCOMER:person:n1',
      'ISOLATED_NEWCOMER:person:n3',
      'ISOLATED_NEWCOMER:person:t',
    ]);
    const by = new Map(gs.map((g) => [g.id, g]));
    expect(by.get('ISOLATED_NEWCOMER:person:t')!.severity).toBeCloseTo(0.8, 6);
    expect(by.get('ISOLATED_NEWCOMER:person:n1')!.severity).toBeCloseTo(0.5, 6);
    expect(by.get('ISOLATED_NEWCOMER:person:n1')!.relatedIds).toEqual(['person:a']);
  });

  it('FOLLOW_UP_OVERDUE: 61 days is overdue, 59 and 60 are not; completed never', () => {
    const t = dept();
    const talent = (id: string) => t.person(id, { talentKind: 'side_job' }, ['Talent']);
    talent('person:t61').rel('ENGAGED_WITH', 'person:t61', 'sme:s1', {
      status: 'active',
      startedAt: '2024-01-01',
      lastFollowUpAt: '2024-04-01',
    });
    talent('person:t59').rel('ENGAGED_WITH', 'person:t59', 'sme:s1', {
      status: 'active',
      lastFollowUpAt: '2024-04-03',
    });
    talent('person:t60').rel('ENGAGED_WITH', 'person:t60', 'sme:s1', {
      status: 'contracted',
      startedAt: '2024-04-02',
    });
    talent('person:tc').rel('ENGAGED_WITH', 'person:tc', 'sme:s3', {
      status: 'contracted',
      startedAt: '2024-02-01',
    });
    talent('person:td').rel('ENGAGED_WITH', 'person:td', 'sme:s3', {
      status: 'completed',
      startedAt: '2023-01-01',
    });
    const gs = networkGaps(t.g, { asOf: ASOF, kinds: ['FOLLOW_UP_OVERDUE'], keyPersons: [] });
    expect(ids(gs)).toEqual([
      'FOLLOW_UP_OVERDUE:person:t61+sme:s1',
      'FOLLOW_UP_OVERDUE:person:tc+sme:s3',
    ]);
    const by = new Map(gs.map((g) => [g.id, g]));
    // 61 days: 0.5 + 0.5 × 1/60; tc: startedAt 2024-02-01 → 121 days: 0.5 + 0.5 × 61/60 → 1
    expect(by.get('FOLLOW_UP_OVERDUE:person:t61+sme:s1')!.severity).toBeCloseTo(0.5 + 0.5 / 60, 4);
    expect(by.get('FOLLOW_UP_OVERDUE:person:tc+sme:s3')!.severity).toBe(1);
    expect(by.get('FOLLOW_UP_OVERDUE:person:t61+sme:s1')!.explanationJa).toContain('61日');
    // configurable: with 30 days, t59 and t60 are overdue too
    const g30 = networkGaps(t.g, {
      asOf: ASOF,
      kinds: ['FOLLOW_UP_OVERDUE'],
      followUpDays: 30,
      keyPersons: [],
    });
    expect(g30).toHaveLength(4);
  });

  it('COMMUNITY_SILO: a 5-person group with no tie to the key persons; not the 4-person one', () => {
    const t = new G();
    const clique = (names: string[]) => {
      for (const n of names) t.person(`person:${n}`);
      for (let i = 0; i < names.length; i++)
        for (let j = i + 1; j < names.length; j++)
          t.knows(`person:${names[i]}`, `person:${names[j]}`, 2);
    };
    clique(['a1', 'a2', 'a3', 'a4', 'a5']);
    clique(['b1', 'b2', 'b3', 'b4']);
    clique(['k', 'c1', 'c2', 'c3', 'c4']);
    const gs = networkGaps(t.g, {
      asOf: ASOF,
      kinds: ['COMMUNITY_SILO'],
      keyPersons: kpList(['person:k']),
    });
    expect(gs.map((g) => g.id)).toEqual([
      'COMMUNITY_SILO:person:a1+person:a2+person:a3+person:a4+person:a5',
    ]);
    expect(gs[0]!.severity).toBeCloseTo(0.5, 6);
    // one KNOWS tie from the group to a key person removes the silo
    t.knows('person:a5', 'person:k', 1);
    expect(
      networkGaps(t.g, { asOf: ASOF, kinds: ['COMMUNITY_SILO'], keyPersons: kpList(['person:k']) }),
    ).toEqual([]);
  });

  it('FUNCTION_UNCOVERED: one gap per missing function, id with #detail', () => {
    const gs = networkGaps(dept().g, { asOf: ASOF, kinds: ['FUNCTION_UNCOVERED'], keyPersons: [] });
    expect(ids(gs)).toEqual(['FUNCTION_UNCOVERED:dept:d#employee_advocate']);
    expect(gs[0]!.detail).toBe('employee_advocate');
    expect(gs[0]!.explanationJa).toContain('従業員の代弁者');
  });

  it('orders by severity across kinds, not grouped by kind: a mild unsupported SME comes after a coordination gap', () => {
    // s4 has its own HR staff and is already engaged: less urgent than s2, and than the gap
    // between the members A and B
    const t = dept();
    t.sme('sme:s4', 'region:r', { stage: 'engaged', hasHrStaff: true });
    const gs = networkGaps(t.g, { asOf: ASOF });
    const at = (kind: string, node: string) =>
      gs.findIndex((g) => g.kind === kind && g.nodeIds.includes(node));
    const coordination = gs.findIndex((g) => g.kind === 'COORDINATION_GAP');
    expect(coordination).toBeGreaterThanOrEqual(0);
    expect(at('UNSUPPORTED_SME', 'sme:s2')).toBeLessThan(coordination);
    expect(at('UNSUPPORTED_SME', 'sme:s4')).toBeGreaterThan(coordination);
    const sev = gs.map((g) => g.severity);
    expect(sev).toEqual([...sev].sort((a, b) => b - a));
  });

  it('all kinds together are sorted by severity then id, and ids are unique', () => {
    const gs = networkGaps(dept().g, { asOf: ASOF });
    for (let i = 1; i < gs.length; i++) {
      const a = gs[i - 1]!;
      const b = gs[i]!;
      expect(a.severity > b.severity || (a.severity === b.severity && a.id < b.id)).toBe(true);
    }
    expect(new Set(gs.map((g) => g.id)).size).toBe(gs.length);
  });
});
