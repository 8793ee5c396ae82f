/**
 * The map page (`/`, its view in the query string): header, the map with its toolbar, progress,
 * message, counts and legend, and the panels beside it. Loaded as a chunk of its own, so pages
 * without the map (sign-in, and the survey form to come) do not load Cytoscape.
 */
import { formatCount } from '../format';
import { getLang, t } from '../i18n';
import { MapActions } from '../map/MapActions';
import { MapCanvas } from '../map/MapCanvas';
import { OverviewCanvas } from '../map/OverviewCanvas';
import { shownOverview } from '../map/overview';
import { useStore } from './context';
import { Header } from './Header';
import { Legend } from './Legend';
import { PanelHost } from './PanelHost';
import { Toolbar } from './Toolbar';

export function MapPage() {
  const store = useStore();
  return (
    <>
      <Header />
      <main class="layout">
        <section class="map-area">
          <Toolbar />
          <div class="cy-wrap">
            <MapCanvas store={store} />
            <Overview />
            <Progress />
            <MapMessage />
            <MapActions />
          </div>
          <div class="below-map">
            <Legend />
            <Stats />
          </div>
        </section>
        <PanelHost />
      </main>
    </>
  );
}

function Progress() {
  const text = useStore().progress.value;
  return (
    <div class="progress" role="status" aria-live="polite" hidden={text === null}>
      {text ? (
        <>
          <span class="spinner" aria-hidden="true" />
          <span>{text}</span>
        </>
      ) : null}
    </div>
  );
}

/**
 * 「すべて」 of a store too large for one map: the overview of regions over the map's place
 * (map/overview.ts); nothing otherwise.
 */
function Overview() {
  const store = useStore();
  const o = shownOverview(store);
  return o ? <OverviewCanvas store={store} overview={o} /> : null;
}

/** Why the map shows nothing: it could not be read (with 再読み込み), or nothing matches. */
function MapMessage() {
  const store = useStore();
  const m = store.map.state.value;
  // The map of all regions refused as too large: the overview takes its place.
  if (shownOverview(store)) return <div class="map-message" role="alert" hidden />;
  const empty = m.status === 'ok' && m.value.map.nodes.length === 0 && store.drawn.value !== null;
  if (m.status !== 'error' && !empty) return <div class="map-message" role="alert" hidden />;
  return (
    <div class="map-message" role="alert">
      {m.status === 'error' ? (
        <>
          {m.message}{' '}
          <button type="button" class="secondary" onClick={() => store.map.reload()}>
            {t('common.reload')}
          </button>
        </>
      ) : (
        t('map.empty')
      )}
    </div>
  );
}

/** What the drawn map shows, counted (once it is drawn). */
function Stats() {
  const store = useStore();
  const c = store.mapCounts.value;
  const lang = getLang();
  return (
    <p class="stats" title={t('map.stats.help')}>
      {store.drawn.value === null
        ? ''
        : t('map.stats', { nodes: formatCount(c.nodes, lang), edges: formatCount(c.edges, lang) })}
    </p>
  );
}
