import { describe, expect, it } from 'vitest';
import { tieChoices, tiesBetween } from './ties';

const person = { kind: 'Person' };
const talent = { kind: 'Person', isTalent: true };
const types = (a: { kind: string; isTalent?: boolean }, b: { kind: string; isTalent?: boolean }) =>
  tiesBetween(a, b).map((o) => `${o.type}:${o.from}`);

describe('tiesBetween: the tie types offered for two nodes', () => {
  it('two persons: KNOWS only, once, from the first', () => {
    expect(types(person, person)).toEqual(['KNOWS:a']);
  });

  it('a person and an organisation: WORKS_AT, from the person whichever was picked first', () => {
    expect(types(person, { kind: 'Organization' })).toEqual(['WORKS_AT:a']);
    expect(types({ kind: 'Organization' }, person)).toEqual(['WORKS_AT:b']);
  });

  it('an organisation and an SME: SUPPORTS from the organisation', () => {
    expect(types({ kind: 'SME' }, { kind: 'Organization' })).toEqual(['SUPPORTS:b']);
  });

  it('an organisation and a 地域の人事部: MEMBER_OF (the model has no person member)', () => {
    expect(types({ kind: 'Organization' }, { kind: 'RegionalHRDept' })).toEqual(['MEMBER_OF:a']);
    expect(types(person, { kind: 'RegionalHRDept' })).toEqual([]);
  });

  it('a person and an SME: WORKS_AT first, but a talent is matched first (ENGAGED_WITH)', () => {
    expect(types(person, { kind: 'SME' })).toEqual(['WORKS_AT:a', 'ENGAGED_WITH:a']);
    expect(types({ kind: 'SME' }, talent)).toEqual(['ENGAGED_WITH:b', 'WORKS_AT:b']);
  });

  it('meetings: attended by persons, hosted by organisations, SMEs participate', () => {
    expect(types({ kind: 'Event' }, person)).toEqual(['ATTENDED:b']);
    expect(types({ kind: 'Organization' }, { kind: 'Event' })).toEqual(['HOSTED:a']);
    expect(types({ kind: 'SME' }, { kind: 'Event' })).toEqual(['PARTICIPATED:a']);
  });

  it('no kept tie between two SMEs, nor to a region (LOCATED_IN is set by the form)', () => {
    expect(types({ kind: 'SME' }, { kind: 'SME' })).toEqual([]);
    expect(types(person, { kind: 'Region' })).toEqual([]);
  });

  it('agrees with tieChoices: every type offered for a pair is a choice of both kinds', () => {
    const kinds = [
      'Person',
      'Organization',
      'SME',
      'Event',
      'RegionalHRDept',
      'Skill',
      'Challenge',
    ];
    for (const a of kinds)
      for (const b of kinds)
        for (const o of tiesBetween({ kind: a }, { kind: b })) {
          expect(tieChoices(a).map((c) => c.type)).toContain(o.type);
          expect(tieChoices(b).map((c) => c.type)).toContain(o.type);
        }
  });
});
