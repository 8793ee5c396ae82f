import { describe, expect, it } from 'vitest';
import { mayTie, menuItems, standing } from './nodeMenu';

const FORMS = new Set(['Person', 'Organization', 'SME', 'Event', 'RegionalHRDept', 'Region']);
const coordinator = { role: 'coordinator' as const, regionIds: ['region:shiojiri'] };
const admin = { role: 'admin' as const, regionIds: null };
const municipality = { role: 'municipality' as const, regionIds: ['region:shiojiri'] };
const analyst = { role: 'analyst' as const, regionIds: null };

const local = { id: 'p:1', kind: 'Person', regionIds: ['region:shiojiri'] };
const elsewhere = { id: 'p:2', kind: 'Person', regionIds: ['region:tsubame'] };
const bank = {
  id: 'org:bank',
  kind: 'Organization',
  regionIds: ['region:shiojiri', 'region:matsumoto'],
};
const skill = { id: 'skill:1', kind: 'Skill', regionIds: [] };
const region = { id: 'region:shiojiri', kind: 'Region', regionIds: ['region:shiojiri'] };

describe('menuItems: who sees which items of a node’s menu', () => {
  it('a coordinator of the node’s region: 詳細, つなぐ, 編集, 削除', () => {
    expect(menuItems(coordinator, local, FORMS)).toEqual(['detail', 'connect', 'edit', 'delete']);
  });

  it('municipality and analyst accounts see only 詳細, as does nobody signed in', () => {
    expect(menuItems(municipality, local, FORMS)).toEqual(['detail']);
    expect(menuItems(analyst, local, FORMS)).toEqual(['detail']);
    expect(menuItems(null, local, FORMS)).toEqual(['detail']);
  });

  it('a coordinator of another region sees only 詳細', () => {
    expect(menuItems(coordinator, elsewhere, FORMS)).toEqual(['detail']);
  });

  it('a node shared with another region: a coordinator may tie to it, not edit or delete it', () => {
    expect(menuItems(coordinator, bank, FORMS)).toEqual(['detail', 'connect']);
    expect(menuItems(admin, bank, FORMS)).toEqual(['detail', 'connect', 'edit', 'delete']);
  });

  it('skills are shared reference data: tied to by a coordinator, never edited', () => {
    expect(menuItems(coordinator, skill, FORMS)).toEqual(['detail', 'connect']);
  });

  it('a region is an administrator’s to edit; no kept tie starts or ends at it', () => {
    expect(menuItems(coordinator, region, FORMS)).toEqual(['detail']);
    expect(menuItems(admin, region, FORMS)).toEqual(['detail', 'edit', 'delete']);
  });

  it('without the server’s edit mutation (no editable kinds) only 詳細', () => {
    expect(menuItems(coordinator, local, new Set())).toEqual(['detail']);
  });
});

describe('standing and mayTie', () => {
  const own = new Set(['region:shiojiri']);
  it('theirs, shared, outside', () => {
    expect(standing(local, own)).toBe('theirs');
    expect(standing(bank, own)).toBe('shared');
    expect(standing(elsewhere, own)).toBe('outside');
    expect(standing({ id: 'x', kind: 'Person', regionIds: [] }, own)).toBe('outside');
  });

  it('a tie needs one end of theirs and no end outside', () => {
    expect(mayTie(coordinator, local, bank)).toBe(true);
    expect(mayTie(coordinator, bank, skill)).toBe(false);
    expect(mayTie(coordinator, local, elsewhere)).toBe(false);
    expect(mayTie(admin, bank, skill)).toBe(true);
    expect(mayTie(municipality, local, local)).toBe(false);
  });
});
