import { describe, expect, it } from 'vitest';
import { defaultState, type ViewState } from './state';
import { isNavigation, queryToState, stateToQuery } from './url';

describe('view ⇄ URL', () => {
  it('the default view has an empty query', () => {
    expect(stateToQuery(defaultState())).toBe('');
    expect(queryToState('')).toEqual(defaultState());
  });

  it('keeps leaving out the unconfirmed ties as unconfirmed=0, and nothing when they count', () => {
    expect(stateToQuery({ ...defaultState(), unconfirmed: false })).toBe('?unconfirmed=0');
    expect(queryToState('?unconfirmed=0').unconfirmed).toBe(false);
    expect(queryToState('?unconfirmed=1').unconfirmed).toBe(true);
    expect(queryToState('?unconfirmed=no').unconfirmed).toBe(true);
  });

  it('round-trips every part of the view', () => {
    const views: ViewState[] = [
      {
        ...defaultState(),
        region: 'region:shiojiri',
        selected: 'person:shiojiri-001',
        panel: 'detail',
        focusDepth: 2,
      },
      {
        ...defaultState(),
        kinds: ['Organization', 'Person'],
        lang: 'en',
        overlay: { type: 'gap', id: 'COORDINATION_GAP:dept:x+org:a+org:b' },
      },
      {
        ...defaultState(),
        overlay: { type: 'suggestion', id: 'person:a>person:b' },
        panel: 'suggestions',
      },
      {
        ...defaultState(),
        selected: 'person:a',
        overlay: { type: 'whatif', personId: 'person:a' },
      },
      { ...defaultState(), overlay: { type: 'path', from: 'person:a', to: 'sme:b' } },
      { ...defaultState(), kinds: [] },
      { ...defaultState(), region: 'region:日立市' },
      { ...defaultState(), region: 'region:shiojiri', unconfirmed: false },
    ];
    for (const v of views) expect(queryToState(stateToQuery(v))).toEqual(v);
  });

  it('writes readable parameters', () => {
    const q = stateToQuery({
      ...defaultState(),
      region: 'region:shiojiri',
      panel: 'gaps',
      lang: 'en',
    });
    expect(q).toBe('?region=region%3Ashiojiri&panel=gaps&lang=en');
  });

  it('ignores malformed parameters instead of failing', () => {
    const s = queryToState('?panel=admin&kinds=Person,Hacker&focus=9&lang=fr&path=onlyone&sel=');
    expect(s.panel).toBe('keyPersons');
    expect(s.kinds).toEqual(['Person']);
    expect(s.focusDepth).toBe(0);
    expect(s.lang).toBe('ja');
    expect(s.overlay).toBeNull();
    expect(s.selected).toBeNull();
  });

  it('focus without a selection is dropped', () => {
    expect(queryToState('?focus=1').focusDepth).toBe(0);
    expect(queryToState('?sel=a&focus=1').focusDepth).toBe(1);
  });

  it('region, selection and panel changes are navigation (history entries); filters are not', () => {
    const a = defaultState();
    expect(isNavigation(a, { ...a, region: 'r' })).toBe(true);
    expect(isNavigation(a, { ...a, selected: 's' })).toBe(true);
    expect(isNavigation(a, { ...a, panel: 'gaps' })).toBe(true);
    expect(isNavigation(a, { ...a, kinds: [] })).toBe(false);
    expect(isNavigation(a, { ...a, lang: 'en' })).toBe(false);
  });
});
