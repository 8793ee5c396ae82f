/**
 * The page: the sign-in form until someone is signed in, then the page of the route (its chunk
 * loaded on demand), and the messages at the bottom.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AppStore } from '../store/app';
import { StoreContext } from './context';
import type { Route } from './routes';
import { SignIn } from './SignIn';
import { Toast } from './Toast';

/** Where the app stands before a page can be shown. */
export type Phase = 'starting' | 'signedOut' | 'signedIn' | 'offline' | 'public';

/** The chunk of each page, asked for once (main.tsx starts it as the page loads). */
const chunks: Record<Route['page'], () => Promise<ComponentType>> = {
  map: () => import('./MapPage').then((m) => m.MapPage),
  import: () => import('../import/ImportPage').then((m) => m.ImportPage),
  compare: () => import('../time/ComparePage').then((m) => m.ComparePage),
  regions: () => import('../time/RegionsPage').then((m) => m.RegionsPage),
  report: () => import('../time/ReportPage').then((m) => m.ReportPage),
  waves: () => import('../surveys/WavesPage').then((m) => m.WavesPage),
  survey: () => import('../surveys/SurveyPage').then((m) => m.SurveyPage),
};
const loading = new Map<Route['page'], Promise<ComponentType>>();
export function loadPage(page: Route['page']): Promise<ComponentType> {
  let p = loading.get(page);
  if (!p) loading.set(page, (p = chunks[page]()));
  return p;
}

export function App({ store, route, phase }: { store: AppStore; route: Route; phase: Phase }) {
  return (
    <StoreContext.Provider value={store}>
      {phase === 'signedOut' ? (
        <SignIn onSignedIn={() => location.reload()} />
      ) : phase === 'signedIn' || phase === 'public' ? (
        <Page page={route.page} />
      ) : null}
      <Toast />
    </StoreContext.Provider>
  );
}

function Page({ page }: { page: Route['page'] }) {
  const [View, setView] = useState<ComponentType | null>(null);
  useEffect(() => {
    let live = true;
    void loadPage(page).then((c) => live && setView(() => c));
    return () => {
      live = false;
    };
  }, [page]);
  return View ? <View /> : null;
}
