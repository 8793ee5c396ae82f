/**
 * The URL mirrors the view state: each change is written to the address bar (a history entry
 * for a change of region, selection or panel, a replacement otherwise), and back/forward set
 * the view from the address.
 */
import type { Store } from './state';
import { isNavigation, queryToState, stateToQuery } from './url';

/** The part of `window` the mirror uses (a fake in the tests). */
export interface Address {
  readonly location: { pathname: string; search: string; hash: string };
  readonly history: Pick<History, 'pushState' | 'replaceState'>;
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

export function mirrorUrl(view: Store, w: Address): () => void {
  const unsubscribe = view.subscribe((s, prev) => {
    const q = stateToQuery(s);
    if (q === w.location.search) return;
    const url = `${w.location.pathname}${q}${w.location.hash}`;
    if (isNavigation(prev, s)) w.history.pushState(null, '', url);
    else w.history.replaceState(null, '', url);
  });
  const onPop = () => view.replace(queryToState(w.location.search));
  w.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    w.removeEventListener('popstate', onPop);
  };
}
