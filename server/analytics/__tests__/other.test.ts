import { describe, expect, it } from 'vitest';
import { whatIfRemoved } from '../whatIf';
import { connectionPath } from '../path';
import { outreachPlan } from '../outreach';
import { talentMatches } from '../talent';
import { adamicAdarSuggestions } from '../baseline';
import { networkGaps } from '../gaps';
import { G } from './fixtures';
import { FLORENTINE_TIES, personGraph } from './classic';

const ASOF = '2024-06-01';

describe('whatIfRemoved', () => {
  /** L–{x1,x2}–b–{c1,c2}–M; b also works at L, so b's tie to c1 coordinates L and M. */
  function g() {
    const t = new G().region('region:r');
    t.org('org:L', ['change_agent', 'strategic_partner', 'hr_expert', 'employee_advocate']).org(
      'org:M',
    );
    t.dept('dept:d', 'org:L', ['org:M'], ['region:r']);
    t.person('person:b', { name: '橋本' }).works('person:b', 'org:L');
    for (const p of ['x1', 'x2'])
      t.person(`person:${p}`).works(`person:${p}`, 'org:L').knows(`person:${p}`, 'person:b');
    for (const p of ['c1', 'c2'])
      t.person(`person:${p}`).works(`person:${p}`, 'org:M').knows(`person:${p}`, 'person:b');
    t.sme('sme:s', 'region:r').rel('SUPPORTS', 'org:M', 'sme:s', { kind: 'advisory' });
    t.sme('sme:s0', 'region:r').rel('SUPPORTS', 'org:L', 'sme:s0', { kind: 'advisory' });
    return t.g;
  }
  it('lists what is cut off and the gaps that appear', () => {
    const r = whatIfRemoved(g(), 'person:b', { asOf: ASOF, keyPersons: [] });
    expect(r.cutOffIds).toEqual(['org:M', 'person:c1', 'person:c2', 'sme:s']);
    expect(r.cutOffSmes).toBe(1);
    expect(r.cutOffOrgs).toBe(1);
    expect(r.cutOffPersons).toBe(2);
    expect(r.strandedPersons.map((p) => [p.personId, p.role, p.workplaceIds])).toEqual([
      ['person:c1', 'staff', ['org:M']],
      ['person:c2', 'staff', ['org:M']],
    ]);
    expect(r.strandedPersons[0]!.explanationJa).toContain('橋本さんを通っています');
    expect(r.explanationJa).toContain('企業1社・機関1団体・人2人');
    expect(r.lostTies).toBe(5); // KNOWS x1, x2, c1, c2 + WORKS_AT L
    expect(r.newGaps.map((x) => x.id)).toEqual(['COORDINATION_GAP:dept:d+org:L+org:M']);
    expect(r.explanationJa).toContain('橋本');
    expect(r.explanationJa).not.toContain('person:');
  });
  it("Medici's departure strands Acciaiuoli and {Salviati, Pazzi}; the cut vertices are networkx's", () => {
    // Padgett's Florentine families as one dept's persons; the Strozzi and the Medici work at
    // the lead organisation, so the lead reaches the families along two ways.
    const t = personGraph(FLORENTINE_TIES, (f) => `person:${f}`).region('region:firenze');
    t.org('org:signoria').dept('dept:firenze', 'org:signoria', [], ['region:firenze']);
    for (const f of new Set(FLORENTINE_TIES.flat()))
      t.rel('LOCATED_IN', `person:${f}`, 'region:firenze');
    t.works('person:Strozzi', 'org:signoria').works('person:Medici', 'org:signoria');
    t.person('person:Acciaiuoli', { name: 'Acciaiuoli', origin: 'outside' }, ['Talent']);
    t.person('person:Pazzi', { name: 'Pazzi', origin: 'outside' });
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['KEY_PERSON_DEPENDENCY'], keyPersons: [] });
    // networkx.articulation_points(florentine_families_graph()): Albizzi, Guadagni, Medici, Salviati
    expect(gaps.map((x) => x.nodeIds[1]).sort()).toEqual(
      ['Albizzi', 'Guadagni', 'Medici', 'Salviati'].map((f) => `person:${f}`),
    );
    const r = whatIfRemoved(t.g, 'person:Medici', { asOf: ASOF, keyPersons: [] });
    expect(r.cutOffIds).toEqual(['person:Acciaiuoli', 'person:Pazzi', 'person:Salviati']);
    expect(r.strandedPersons.map((p) => [p.name, p.role])).toEqual([
      ['Acciaiuoli', 'talent'],
      ['Pazzi', 'newcomer'],
      ['Salviati', 'other'],
    ]);
    expect(r.strandedPersons[0]!.explanationEn).toBe(
      'Every path between Acciaiuoli (side-job talent) and signoria, the lead organisation, goes through Medici.',
    );
    // 3 of the 14 families the lead reaches besides the Medici
    const medici = gaps.find((x) => x.nodeIds[1] === 'person:Medici')!;
    expect(medici.severity).toBeCloseTo(3 / 14, 4);
  });

  it("removing two newcomers' only local contact cuts them off", () => {
    const t = new G().region('region:r').org('org:L');
    t.dept('dept:d', 'org:L', [], ['region:r']);
    t.person('person:c', { name: '近藤' }).works('person:c', 'org:L');
    t.person('person:d').works('person:d', 'org:L');
    for (const [id, labels] of [
      ['person:n1', ['Talent']],
      ['person:n2', []],
    ] as const) {
      t.person(id, { origin: 'outside' }, [...labels]).knows(id, 'person:c');
      t.rel('LOCATED_IN', id, 'region:r');
    }
    const r = whatIfRemoved(t.g, 'person:c', { asOf: ASOF, keyPersons: [] });
    expect(r.cutOffIds).toEqual(['person:n1', 'person:n2']);
    expect(r.strandedPersons.map((p) => p.role)).toEqual(['talent', 'newcomer']);
    expect(r.explanationJa).toContain('近藤さんがいなくなると');
    expect(r.explanationJa).toContain('（人2人）');
    expect(r.explanationEn).toContain('(2 people)');
    const gaps = networkGaps(t.g, { asOf: ASOF, kinds: ['KEY_PERSON_DEPENDENCY'], keyPersons: [] });
    expect(gaps.map((x) => [x.id, x.relatedIds])).toEqual([
      ['KEY_PERSON_DEPENDENCY:dept:d+person:c', ['person:n1', 'person:n2']],
    ]);
    // the lead reaches d, n1 and n2 besides c: 2 of 3
    expect(gaps[0]!.severity).toBeCloseTo(2 / 3, 4);
  });

  it('a redundant person cuts nothing off', () => {
    const r = whatIfRemoved(g(), 'person:x1', { asOf: ASOF, keyPersons: [] });
    expect(r.cutOffIds).toEqual([]);
    expect(r.newGaps).toEqual([]);
    expect(() => whatIfRemoved(g(), 'org:L', { keyPersons: [] })).toThrow();
  });
});

describe('connectionPath', () => {
  it('prefers two strong ties (cost 1/3 + 1/3) over one weak tie (cost 1)', () => {
    const t = new G().person('person:a').person('person:b').person('person:c').person('person:z');
    t.knows('person:a', 'person:b', 1)
      .knows('person:a', 'person:c', 3)
      .knows('person:b', 'person:c', 3);
    const p = connectionPath(t.g, 'person:a', 'person:b')!;
    expect(p.map((s) => [s.fromId, s.toId, s.relType, s.strength])).toEqual([
      ['person:a', 'person:c', 'KNOWS', 3],
      ['person:c', 'person:b', 'KNOWS', 3],
    ]);
    // with strength 2 the detour costs 1/2 + 1/2 = 1, a tie: the direct tie is found first
    expect(connectionPath(t.g, 'person:a', 'person:z')).toBeNull();
    expect(connectionPath(t.g, 'person:a', 'person:a')).toEqual([]);
  });
  it('crosses WORKS_AT and SUPPORTS', () => {
    const t = new G()
      .region('region:r')
      .org('org:O')
      .sme('sme:s', 'region:r')
      .person('person:p')
      .works('person:p', 'org:O');
    t.rel('SUPPORTS', 'org:O', 'sme:s', { kind: 'lending' });
    const p = connectionPath(t.g, 'person:p', 'sme:s')!;
    expect(p.map((s) => s.relType)).toEqual(['WORKS_AT', 'SUPPORTS']);
  });
});

describe('outreachPlan', () => {
  it('ranks unsupported early-stage SMEs first and names who approaches them', () => {
    const t = new G().region('region:r').org('org:L').org('org:M');
    t.dept('dept:d', 'org:L', ['org:M'], ['region:r']);
    t.person('person:l').works('person:l', 'org:L').person('person:m').works('person:m', 'org:M');
    t.node2('challenge:hire', 'Challenge', { code: 'recruiting', name: '若手の採用' });
    // s1: unsupported, unaware, no HR staff, 50 employees
    t.sme('sme:s1', 'region:r', { stage: 'unaware', employees: 50, hasHrStaff: false });
    // s2: supported by both, matched, has HR staff and evaluation
    t.sme('sme:s2', 'region:r', { stage: 'matched', hasHrStaff: true, hasEvaluationSystem: true });
    t.rel('SUPPORTS', 'org:L', 'sme:s2', { kind: 'lending' }).rel('SUPPORTS', 'org:M', 'sme:s2', {
      kind: 'advisory',
    });
    // s3: supported by M, its staff q knows m strongly, challenge hiring
    t.sme('sme:s3', 'region:r', { stage: 'engaged' }).rel('SUPPORTS', 'org:M', 'sme:s3', {
      kind: 'advisory',
    });
    t.person('person:q').works('person:q', 'sme:s3').knows('person:q', 'person:m', 3);
    t.rel('HAS_CHALLENGE', 'sme:s3', 'challenge:hire', { priority: 3 });
    const plan = outreachPlan(t.g, 'region:r', { limit: 10 });
    expect(plan.map((p) => p.smeId)).toEqual(['sme:s1', 'sme:s3', 'sme:s2']);
    // s1: 0.35×1 + 0.25×1 + 0 + 0.1×1 + 0.1×1 = 0.8
    expect(plan[0]!.priority).toBeCloseTo(0.8, 6);
    expect(plan[0]!.viaOrgId).toBe('org:L');
    expect(plan[0]!.viaPersonId).toBe('person:l');
    expect(plan[0]!.programme.kind).toBe('hearing');
    expect(plan[1]!.viaOrgId).toBe('org:M');
    expect(plan[1]!.viaPersonId).toBe('person:m');
    expect(plan[1]!.programme.kind).toBe('internship');
    expect(plan[1]!.programme.ja).toContain('若手の採用');
    expect(outreachPlan(t.g, 'region:r', { limit: 1 })).toHaveLength(1);
  });
});

describe('talentMatches', () => {
  it('ranks by coverage, hours, location and warm path', () => {
    const t = new G()
      .region('region:r')
      .sme('sme:s', 'region:r')
      .person('person:staff')
      .works('person:staff', 'sme:s');
    t.node2('challenge:c1', 'Challenge', { code: 'dx', name: 'DX' }).node2(
      'challenge:c2',
      'Challenge',
      { code: 'sales', name: '販路開拓' },
    );
    t.rel('HAS_CHALLENGE', 'sme:s', 'challenge:c1', { priority: 3 }).rel(
      'HAS_CHALLENGE',
      'sme:s',
      'challenge:c2',
      { priority: 1 },
    );
    t.node2('skill:k1', 'Skill').node2('skill:k2', 'Skill').node2('skill:k3', 'Skill');
    t.rel('ADDRESSES', 'skill:k1', 'challenge:c1').rel('ADDRESSES', 'skill:k2', 'challenge:c2');
    const talent = (id: string, skills: string[]) => {
      t.person(id, { talentKind: 'side_job', hoursPerMonth: 40 }, ['Talent']).rel(
        'LOCATED_IN',
        id,
        'region:r',
      );
      for (const k of skills) t.rel('HAS_SKILL', id, k, { level: 3 });
    };
    talent('person:t1', ['skill:k1']); // coverage 3/4, knows staff
    talent('person:t2', ['skill:k2']); // coverage 1/4
    talent('person:t3', ['skill:k1', 'skill:k2']); // coverage 1, no path
    talent('person:t4', ['skill:k3']); // coverage 0 → not listed
    t.knows('person:t1', 'person:staff', 2);
    const m = talentMatches(t.g, 'sme:s', { limit: 10 });
    // t1: 0.5×0.75 + 0.15 + 0.15 + 0.2×1 = 0.875; t3: 0.5 + 0.15 + 0.15 + 0 = 0.8; t2: 0.125 + 0.3 = 0.425
    expect(m.map((x) => x.talentId)).toEqual(['person:t1', 'person:t3', 'person:t2']);
    expect(m[0]!.score).toBeCloseTo(0.875, 4);
    expect(m[0]!.pathLength).toBe(1);
    expect(m[1]!.pathLength).toBeNull();
    expect(m[1]!.coveredChallenges).toEqual(['DX', '販路開拓']);
    expect(m[2]!.coverage).toBeCloseTo(0.25, 6);
    expect(() => talentMatches(t.g, 'person:t1', {})).toThrow();
  });
});

describe('adamicAdarSuggestions', () => {
  it('scores non-adjacent pairs by Σ 1/ln(degree) of common neighbours', () => {
    // a–b–c, a–d–c, e–b. deg: a2 b3 c2 d2 e1
    const t = new G();
    for (const p of ['a', 'b', 'c', 'd', 'e']) t.person(`person:${p}`);
    t.knows('person:a', 'person:b')
      .knows('person:b', 'person:c')
      .knows('person:a', 'person:d')
      .knows('person:d', 'person:c')
      .knows('person:e', 'person:b');
    const s = adamicAdarSuggestions(t.g, 10);
    expect(s.map((x) => `${x.fromId}~${x.toId}`)).toEqual([
      'person:b~person:d', // a, c (deg 2 each): 2/ln2
      'person:a~person:c', // b (deg 3), d (deg 2): 1/ln3 + 1/ln2
      'person:a~person:e', // b: 1/ln3
      'person:c~person:e', // b: 1/ln3
    ]);
    expect(s[0]!.score).toBeCloseTo(2 / Math.log(2), 10);
    expect(s[1]!.score).toBeCloseTo(1 / Math.log(3) + 1 / Math.log(2), 10);
    expect(adamicAdarSuggestions(t.g, 2)).toHaveLength(2);
  });
});
