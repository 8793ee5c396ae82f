import { describe, expect, it } from 'vitest';
import { Store, defaultState } from './state';
import { mirrorUrl, type Address } from './urlMirror';

function fakeWindow(search = '') {
  const listeners: Array<() => void> = [];
  const log: string[] = [];
  const w: Address & { go(search: string): void } = {
    location: { pathname: '/', search, hash: '' },
    history: {
      pushState: (_d, _t, url) => {
        log.push(`push ${String(url)}`);
        w.location.search = String(url).slice(1);
      },
      replaceState: (_d, _t, url) => {
        log.push(`replace ${String(url)}`);
        w.location.search = String(url).slice(1);
      },
    },
    addEventListener: (_t, l) => listeners.push(l),
    removeEventListener: (_t, l) => listeners.splice(listeners.indexOf(l), 1),
    go(s: string) {
      w.location.search = s;
      for (const l of listeners) l();
    },
  };
  return { w, log, listeners };
}

describe('the URL mirrors the view', () => {
  it('a new region, selection or panel is a history entry; a filter or the language is not', () => {
    const view = new Store(defaultState());
    const { w, log } = fakeWindow();
    mirrorUrl(view, w);
    view.update({ region: 'region:shiojiri' });
    view.update({ kinds: ['Person'] });
    view.update({ lang: 'en' });
    view.update({ panel: 'gaps' });
    expect(log).toEqual([
      'push /?region=region%3Ashiojiri',
      'replace /?region=region%3Ashiojiri&kinds=Person',
      'replace /?region=region%3Ashiojiri&kinds=Person&lang=en',
      'push /?region=region%3Ashiojiri&panel=gaps&kinds=Person&lang=en',
    ]);
  });

  it('back and forward set the view from the address; stopping the mirror stops both', () => {
    const view = new Store(defaultState());
    const { w, log, listeners } = fakeWindow();
    const stop = mirrorUrl(view, w);
    w.go('?region=region%3Amishima&sel=person%3Ax&panel=detail');
    expect(view.get()).toMatchObject({
      region: 'region:mishima',
      selected: 'person:x',
      panel: 'detail',
    });
    expect(log).toEqual([]); // the address already says it
    stop();
    expect(listeners).toHaveLength(0);
    view.update({ panel: 'gaps' });
    expect(log).toEqual([]);
  });
});
