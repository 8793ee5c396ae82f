import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Me } from '../auth';
import type { MapNode } from '../types';
import { createMapActions } from './mapActions';
import { defaultState, Store } from './state';

const me = (role: Me['role'], regionIds: string[] | null): Me => ({
  username: 'u',
  displayName: 'U',
  role,
  roleLabel: { ja: '', en: '' },
  deptId: null,
  regionIds,
});
const node = (id: string, kind: string, regionIds = ['region:a']) =>
  ({ id, kind, name: id, regionIds, isTalent: false }) as unknown as MapNode;
const NODES = new Map(
  [
    node('p1', 'Person'),
    node('p2', 'Person'),
    node('org', 'Organization'),
    node('sme1', 'SME'),
    node('sme2', 'SME'),
    node('far', 'Person', ['region:b']),
  ].map((n) => [n.id, n]),
);

function setup(account: Me | null = me('coordinator', ['region:a'])) {
  const view = new Store({ ...defaultState(), region: 'region:a' });
  const notes: Array<[string, string | undefined]> = [];
  const a = createMapActions({
    view,
    me: signal(account),
    editable: signal(new Set(['Person', 'Organization', 'SME', 'Event'])),
    node: (id) => NODES.get(id),
    nameOf: (id) => id,
    notify: (m, k) => notes.push([m, k]),
  });
  return { view, a, notes };
}

describe('the map’s node menu and connect mode', () => {
  it('the menu of a node offers what the account may do; a municipality only 詳細', () => {
    const { a } = setup();
    a.openMenu('p1', { x: 10, y: 20 });
    expect(a.menu.value).toEqual({
      nodeId: 'p1',
      x: 10,
      y: 20,
      items: ['detail', 'connect', 'edit', 'delete'],
    });
    const m = setup(me('municipality', ['region:a'])).a;
    m.openMenu('p1', { x: 0, y: 0 });
    expect(m.menu.value?.items).toEqual(['detail']);
    // an item it does not offer does nothing
    m.choose('delete');
    expect(m.request.value).toBeNull();
  });

  it('つなぐ… then a second person: the 詳細 of the first is asked for a KNOWS tie to it', () => {
    const { a, view } = setup();
    a.openMenu('p1', { x: 0, y: 0 });
    a.choose('connect');
    expect(a.menu.value).toBeNull();
    expect(a.connectFrom.value).toBe('p1');
    expect(view.get()).toMatchObject({ selected: 'p1', panel: 'detail' });
    // the background and the node itself are not the other end
    expect(a.tapped(null)).toBe(true);
    expect(a.tapped('p1')).toBe(true);
    expect(a.connectFrom.value).toBe('p1');
    expect(a.tapped('p2')).toBe(true);
    expect(a.connectFrom.value).toBeNull();
    expect(view.get().selected).toBe('p1');
    expect(a.take('p2')).toBeNull();
    expect(a.take('p1')).toEqual({ nodeId: 'p1', open: 'connect', otherId: 'p2', type: 'KNOWS' });
    expect(a.request.value).toBeNull();
    // not connecting: a tap is a selection
    expect(a.tapped('p2')).toBe(false);
  });

  it('a person then an organisation: WORKS_AT', () => {
    const { a } = setup();
    a.openMenu('org', { x: 0, y: 0 });
    a.choose('connect');
    a.tapped('p2');
    expect(a.take('org')).toMatchObject({ otherId: 'p2', type: 'WORKS_AT' });
  });

  it('two SMEs (no tie between them) or a node outside the regions: says why and keeps waiting', () => {
    const { a, notes } = setup();
    a.openMenu('sme1', { x: 0, y: 0 });
    a.choose('connect');
    expect(a.tapped('sme2')).toBe(true);
    expect(a.connectFrom.value).toBe('sme1');
    expect(notes.at(-1)?.[1]).toBe('error');
    a.cancelConnect();
    a.openMenu('p1', { x: 0, y: 0 });
    a.choose('connect');
    expect(a.tapped('far')).toBe(true);
    expect(a.connectFrom.value).toBe('p1');
    expect(a.request.value).toBeNull();
    expect(notes).toHaveLength(3);
  });

  it('Esc closes the menu, then leaves connect mode, then clears the highlight', () => {
    const { a, view } = setup();
    view.update({ overlay: { type: 'gap', id: 'g1' } });
    a.openMenu('p1', { x: 0, y: 0 });
    a.choose('connect');
    a.openMenu('p2', { x: 0, y: 0 });
    expect(a.escape()).toBe(true);
    expect(a.menu.value).toBeNull();
    expect(a.connectFrom.value).toBe('p1');
    expect(a.escape()).toBe(true);
    expect(a.connectFrom.value).toBeNull();
    expect(view.get().overlay).not.toBeNull();
    expect(a.escape()).toBe(true);
    expect(view.get().overlay).toBeNull();
    expect(a.escape()).toBe(false);
  });

  it('編集… and 削除… ask the 詳細 panel; another selection or region forgets the request', () => {
    const { a, view } = setup();
    a.openMenu('p1', { x: 0, y: 0 });
    a.choose('delete');
    expect(a.request.value).toEqual({ nodeId: 'p1', open: 'delete' });
    view.update({ selected: 'p2' });
    expect(a.request.value).toBeNull();
    a.openMenu('p2', { x: 0, y: 0 });
    a.choose('edit');
    a.openMenu('p1', { x: 0, y: 0 });
    a.choose('connect');
    view.update({ region: 'region:b' });
    expect(a.request.value).toBeNull();
    expect(a.connectFrom.value).toBeNull();
  });
});
