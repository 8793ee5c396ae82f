import { describe, expect, it } from 'vitest';
import type { Me } from '../auth';
import type { MapNode, NetworkMap } from '../types';
import { createStore, type Gql } from './app';
import { defaultState } from './state';

const ADMIN: Me = {
  username: 'a',
  displayName: 'A',
  role: 'admin',
  roleLabel: { ja: '管理者', en: 'Admin' },
  deptId: null,
  regionIds: null,
};

/** A fake API: records what is asked and answers when the test says so. */
function fakeApi() {
  const asked: Array<{ op: string; vars: Record<string, unknown>; answer(v: unknown): void }> = [];
  const gql: Gql = <T>(query: string, vars: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const op = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '?';
      asked.push({ op, vars, answer: (v) => resolve(v as T) });
    });
  const ops = () => asked.map((a) => a.op);
  const take = (op: string) => {
    const i = asked.findIndex((a) => a.op === op);
    if (i < 0) throw new Error(`${op} was not asked (asked: ${ops().join(', ')})`);
    return asked.splice(i, 1)[0]!;
  };
  return { gql, asked, ops, take };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A map answer of persons (the store reads only their ids). */
function networkMap(version: number, ids: string[]): { networkMap: NetworkMap } {
  const nodes = ids.map((id) => ({ id, kind: 'Person', name: id }) as MapNode);
  return { networkMap: { graphVersion: version, nodes, edges: [] } };
}

describe('the store: server answers keyed by the view and the graph version', () => {
  it('asks nothing before sign-in; then the map; the panels for its version once it is drawn', async () => {
    const api = fakeApi();
    const store = createStore({ ...defaultState(), region: 'region:a' }, api.gql);
    expect(api.asked).toHaveLength(0);
    store.me.value = ADMIN;
    expect(api.ops().sort()).toEqual(['NetworkMap', 'Regions', 'SchemaInfo']);
    expect(api.take('NetworkMap').vars).toEqual({
      regionId: 'region:a',
      includeUnconfirmed: true,
    });
    expect(api.ops()).not.toContain('Gaps');

    // (the map answer of an earlier ask is the test's to give)
    api.asked.length = 0;
    store.view.update({ region: 'region:b' });
    const mapB = api.take('NetworkMap');
    mapB.answer(networkMap(7, ['p1', 'p2']));
    await tick();
    expect(store.graph.value?.version).toBe(7);
    // asked at once for version 7 …
    expect(api.ops().sort()).toEqual([
      'Gaps',
      'IntroductionLog',
      'KeyPersons',
      'Outreach',
      'Suggestions',
    ]);
    api.take('Gaps').answer({ networkGaps: [{ id: 'g1' }] });
    await tick();
    // … but shown only once the map of version 7 is drawn
    expect(store.gaps.state.value.status).toBe('loading');
    store.drawn.value = store.drawKey.value;
    expect(store.gaps.state.value).toEqual({ status: 'ok', value: [{ id: 'g1' }] });
    store.dispose();
  });

  it('never shows the late answer of a region left behind', async () => {
    const api = fakeApi();
    const store = createStore({ ...defaultState(), region: 'region:a' }, api.gql);
    store.me.value = ADMIN;
    const mapA = api.take('NetworkMap');
    store.view.update({ region: 'region:b' });
    const mapB = api.take('NetworkMap');
    mapB.answer(networkMap(3, ['b1']));
    await tick();
    mapA.answer(networkMap(3, ['a1']));
    await tick();
    expect(store.graph.value?.region).toBe('region:b');
    expect(store.graph.value?.nodes.map((n) => n.id)).toEqual(['b1']);
    store.dispose();
  });

  it('after a write, reads the map again and with its new version the rest, keeping what is shown meanwhile', async () => {
    const api = fakeApi();
    const store = createStore({ ...defaultState(), region: 'region:a', selected: 'p1' }, api.gql);
    store.me.value = ADMIN;
    api.take('SchemaInfo').answer({
      __schema: { mutationType: { fields: [{ name: 'updateNode' }] } },
      Person: { fields: [{ name: 'name' }, { name: 'title' }, { name: 'isTalent' }] },
    });
    api.take('NetworkMap').answer(networkMap(1, ['p1']));
    await tick();
    store.drawn.value = store.drawKey.value;
    // the selected person's record: only the fields this account's schema has
    const entity = api.take('Entity');
    expect(entity.vars).toEqual({ id: 'p1' });
    entity.answer({ people: [{ id: 'p1', name: 'p1', title: '課長' }] });
    api.take('Gaps').answer({ networkGaps: [] });
    await tick();
    expect(store.editable.value.has('Person')).toBe(true);
    expect(store.entity.state.value).toMatchObject({ status: 'ok', value: { title: '課長' } });

    // a save that changed nothing (same version): nothing is read again
    api.asked.length = 0;
    store.actions.refresh(1);
    expect(api.asked).toHaveLength(0);

    // a save that changed the graph: the map again, then everything of version 2
    store.actions.refresh(2);
    api.take('NetworkMap').answer(networkMap(2, ['p1']));
    await tick();
    expect(store.entity.state.value).toMatchObject({ status: 'ok', value: { title: '課長' } });
    expect(store.gaps.state.value.status).toBe('ok'); // the old list, until the new one is in
    api.take('Entity').answer({ people: [{ id: 'p1', name: 'p1', title: '係長' }] });
    await tick();
    expect(store.entity.state.value).toMatchObject({ status: 'ok', value: { title: '係長' } });
    store.dispose();
  });

  it('「未確認のつながりを含める」 off: the map and the panels are asked again without them, and drawn anew', async () => {
    const api = fakeApi();
    const store = createStore({ ...defaultState(), region: 'region:a' }, api.gql);
    store.me.value = ADMIN;
    api.take('NetworkMap').answer(networkMap(4, ['p1']));
    await tick();
    store.drawn.value = store.drawKey.value;
    api.take('Gaps').answer({ networkGaps: [{ id: 'with' }] });
    await tick();
    expect(store.gaps.state.value).toEqual({ status: 'ok', value: [{ id: 'with' }] });

    api.asked.length = 0;
    store.view.update({ unconfirmed: false });
    const map = api.take('NetworkMap');
    expect(map.vars).toEqual({ regionId: 'region:a', includeUnconfirmed: false });
    map.answer(networkMap(4, ['p1']));
    await tick();
    // the same graph version, but another map: it must be drawn before the panels show
    expect(store.drawn.value).not.toBe(store.drawKey.value);
    for (const op of ['Gaps', 'KeyPersons', 'Suggestions'])
      expect(api.take(op).vars).toMatchObject({ includeUnconfirmed: false });
    store.view.update({ overlay: { type: 'whatif', personId: 'p1' } });
    expect(api.take('WhatIf').vars).toMatchObject({ includeUnconfirmed: false });
    store.dispose();
  });

  it('drops a selection the map of its region does not have (an old link)', async () => {
    const api = fakeApi();
    const store = createStore({ ...defaultState(), region: 'region:a', selected: 'gone' }, api.gql);
    store.me.value = ADMIN;
    api.take('NetworkMap').answer(networkMap(1, ['p1']));
    await tick();
    expect(store.view.get().selected).toBeNull();
    expect(store.missing.value).toBe('gone'); // the 詳細 panel says the link's node is gone
    store.dispose();
  });

  it("drops a link's path or what-if of a node the map does not have, and says it is gone (never asks)", async () => {
    for (const overlay of [
      { type: 'path', from: 'p1', to: 'gone' },
      { type: 'whatif', personId: 'gone' },
    ] as const) {
      const api = fakeApi();
      const store = createStore(
        { ...defaultState(), region: 'region:a', overlay, panel: 'gaps' },
        api.gql,
      );
      store.me.value = ADMIN;
      api.take('NetworkMap').answer(networkMap(1, ['p1']));
      await tick();
      await tick();
      expect(store.view.get().overlay).toBeNull();
      expect(store.view.get().panel).toBe('detail');
      expect(store.missing.value).toBe('gone');
      // the server is not asked (its FORBIDDEN would read as 「権限がありません」)
      expect(api.ops()).not.toContain('ConnectionPath');
      expect(api.ops()).not.toContain('WhatIf');
      store.dispose();
    }
    // a path between nodes the map has stays
    const api = fakeApi();
    const store = createStore(
      { ...defaultState(), region: 'region:a', overlay: { type: 'path', from: 'p1', to: 'p2' } },
      api.gql,
    );
    store.me.value = ADMIN;
    api.take('NetworkMap').answer(networkMap(1, ['p1', 'p2']));
    await tick();
    expect(store.view.get().overlay).toEqual({ type: 'path', from: 'p1', to: 'p2' });
    expect(store.missing.value).toBeNull();
    store.dispose();
  });
});
