import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_KINDS,
  Store,
  defaultState,
  normaliseKinds,
  sameOverlay,
  toggleKind,
} from './state';

describe('view state', () => {
  it('starts in Japanese, all regions, the キーパーソン群 panel, default kinds', () => {
    const s = defaultState();
    expect(s).toMatchObject({
      lang: 'ja',
      region: null,
      selected: null,
      panel: 'keyPersons',
      focusDepth: 0,
      overlay: null,
    });
    expect(s.kinds).toEqual(DEFAULT_KINDS);
    expect(s.kinds).not.toContain('Skill');
  });

  it('keeps kinds unique and in canonical order; toggles a kind', () => {
    expect(normaliseKinds(['SME', 'Person', 'SME', 'Bogus'])).toEqual(['SME', 'Person']);
    expect(toggleKind(['Person'], 'Organization')).toEqual(['Organization', 'Person']);
    expect(toggleKind(['Organization', 'Person'], 'Person')).toEqual(['Organization']);
  });

  it('notifies subscribers only on change, with the previous state', () => {
    const store = new Store();
    const fn = vi.fn();
    store.subscribe(fn);
    store.update({ panel: 'keyPersons' });
    expect(fn).not.toHaveBeenCalled();
    store.update({ panel: 'gaps' });
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn.mock.calls[0]![0].panel).toBe('gaps');
    expect(fn.mock.calls[0]![1].panel).toBe('keyPersons');
  });

  it('changing the region clears selection, highlight and focus', () => {
    const store = new Store();
    store.update({ selected: 'person:a', focusDepth: 1, overlay: { type: 'gap', id: 'g1' } });
    store.update({ region: 'region:shiojiri' });
    expect(store.get()).toMatchObject({
      region: 'region:shiojiri',
      selected: null,
      focusDepth: 0,
      overlay: null,
    });
    // unless the patch sets them too (a shared link)
    store.update({ region: 'region:mishima', selected: 'person:b' });
    expect(store.get().selected).toBe('person:b');
  });

  it('focus needs a selection', () => {
    const store = new Store();
    store.update({ focusDepth: 2 });
    expect(store.get().focusDepth).toBe(0);
    store.update({ selected: 'x', focusDepth: 2 });
    expect(store.get().focusDepth).toBe(2);
    store.update({ selected: null });
    expect(store.get().focusDepth).toBe(0);
  });

  it('unsubscribes and replaces', () => {
    const store = new Store();
    const fn = vi.fn();
    const off = store.subscribe(fn);
    store.replace({ ...defaultState(), lang: 'en' });
    expect(fn).toHaveBeenCalledTimes(1);
    off();
    store.update({ lang: 'ja' });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('compares overlays by value', () => {
    expect(sameOverlay({ type: 'gap', id: 'a' }, { type: 'gap', id: 'a' })).toBe(true);
    expect(sameOverlay({ type: 'gap', id: 'a' }, { type: 'gap', id: 'b' })).toBe(false);
    expect(sameOverlay(null, null)).toBe(true);
  });
});
