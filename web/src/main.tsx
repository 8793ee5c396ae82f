/**
 * Boot: the store (store/app.ts) made from the URL, the URL mirror, the page's attributes that
 * follow the store (language, title, map-ready flag), then who is signed in, and the page.
 */
// First: before any module makes a zod schema (see zodJitless.ts).
import './zodJitless';
import './styles.css';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { setUnauthenticatedHandler } from './api';
import { App, loadPage, type Phase } from './app/App';
import { isPublicPage, routeOf } from './app/routes';
import { fetchMe } from './auth';
import { setLang, t } from './i18n';
import { createStore, type AppStore } from './store/app';
import { queryToState, stateToQuery } from './store/url';
import { mirrorUrl } from './store/urlMirror';

const route = routeOf(location.pathname);
// The page's chunk is asked for at once, beside the question who is signed in.
void loadPage(route.page);
const store = createStore(queryToState(location.search));
const root = document.getElementById('app')!;
const show = (phase: Phase) => render(<App store={store} route={route} phase={phase} />, root);

effect(() => {
  setLang(store.view.state.value.lang);
  document.title = t('app.title');
});
// Set once the map of the current answer is drawn (the e2e tests and the benchmark wait for it).
effect(() => {
  const drawn = store.drawn.value;
  document.body.dataset.mapReady =
    drawn !== null && drawn === store.drawKey.value && !store.map.busy.value ? 'true' : 'false';
});

/** For the e2e tests and `npm run bench -- web` (read only). */
function testHandle(s: AppStore) {
  const value = <T,>(r: { state: { value: T } }) => r.state.value;
  return {
    store: s.view,
    get map() {
      return s.mapView.value;
    },
    timings: s.timings,
    data: {
      /** The graph version of the map answer (moves on with every write). */
      get version() {
        return s.graph.value?.version ?? null;
      },
      get nodes() {
        return s.graph.value?.nodes ?? [];
      },
      get edges() {
        return s.graph.value?.edges ?? [];
      },
      get keyPersons() {
        return value(s.keyPersons);
      },
      get gaps() {
        return value(s.gaps);
      },
      get suggestions() {
        return value(s.suggestions);
      },
      get outreach() {
        return value(s.outreach);
      },
      get introductions() {
        return value(s.introductions);
      },
      get entity() {
        return value(s.entity);
      },
      get whatIf() {
        return value(s.whatIf);
      },
      get path() {
        return value(s.path);
      },
    },
  };
}
(window as unknown as { __app: unknown }).__app = testHandle(store);

/** Signs in (or shows the form), then applies what the account may see, then shows the page. */
async function boot(): Promise<void> {
  // The survey form asks nobody to sign in and loads no map: its personal link is its key.
  if (isPublicPage(route.page)) {
    mirrorUrl(store.view, window);
    show('public');
    return;
  }
  show('starting');
  let me;
  try {
    me = await fetchMe();
  } catch (err) {
    console.warn(err);
    show('offline');
    store.actions.notify(t('err.network'), 'error');
    return;
  }
  if (!me) {
    show('signedOut');
    return;
  }
  // A session that ends while the page is open: say so, then show the sign-in form.
  setUnauthenticatedHandler(() => {
    setUnauthenticatedHandler(null);
    store.actions.notify(t('auth.expired'), 'error');
    setTimeout(() => location.reload(), 2500);
  });
  // A link to a region the account may not see shows its own region instead.
  const own = me.regionIds;
  const view = store.view;
  if (own !== null && !own.includes(view.get().region ?? '')) {
    view.replace({ ...view.get(), region: own[0] ?? null });
    history.replaceState(
      null,
      '',
      `${location.pathname}${stateToQuery(view.get())}${location.hash}`,
    );
  }
  mirrorUrl(view, window);
  // Signed in: the store asks for the map (and the rest follows).
  store.me.value = me;
  show('signedIn');
}

void boot();
