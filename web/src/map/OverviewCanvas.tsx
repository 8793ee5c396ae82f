/**
 * The overview of regions on the page (map/overview.ts): drawn over the map's place when
 * 「すべて」 of a large store is chosen. Cytoscape draws into the element Preact renders (never
 * the other way round); the numbers of what the pointer is on are written below the intro, and
 * a list of the regions (buttons) opens each one without a pointer.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatCount } from '../format';
import { getLang, t } from '../i18n';
import type { AppStore } from '../store/app';
import { regionLabel, type NetworkOverview } from './overview';
import { OverviewView } from './overviewView';
import './overview.css';

/** Opens a region's map: the region in the store (and so in the URL), nothing selected. */
export function openRegion(store: AppStore, regionId: string): void {
  store.view.update({ region: regionId, selected: null, overlay: null, focusDepth: 0 });
}

function describe(o: NetworkOverview, id: string | null): string {
  if (!id) return t('overview.hint');
  const lang = getLang();
  const n = (v: number) => formatCount(v, lang);
  const name = (rid: string) => {
    const r = o.regions.find((x) => x.id === rid);
    return r ? regionLabel(r, lang) : rid;
  };
  const r = o.regions.find((x) => x.id === id);
  if (r) {
    return t('overview.region', {
      name: regionLabel(r, lang),
      persons: n(r.persons),
      key: n(r.declaredKeyPersons),
      talent: n(r.talent),
      orgs: n(r.organizations),
      smes: n(r.smes),
      ties: n(r.knowsTies),
    });
  }
  const l = o.links.find((x) => `${x.a}|${x.b}` === id);
  if (!l) return t('overview.hint');
  return t('overview.link', {
    a: name(l.a),
    b: name(l.b),
    ties: n(l.knowsTies),
    orgs: n(l.sharedOrganizations),
    persons: n(l.sharedPersons),
  });
}

export function OverviewCanvas({
  store,
  overview,
}: {
  store: AppStore;
  overview: NetworkOverview;
}) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<OverviewView | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const lang = getLang();
  useEffect(() => {
    const v = new OverviewView(box.current!, {
      onOpen: (id) => openRegion(store, id),
      onHover: setHover,
    });
    view.current = v;
    // for the e2e tests: where each region is drawn
    (box.current as unknown as { overview: OverviewView }).overview = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [store]);
  useEffect(() => {
    view.current?.draw(overview, getLang());
    // drawn and laid out (the e2e tests wait for it)
    box.current!.dataset.drawn = String(overview.graphVersion);
  }, [overview]);
  useEffect(() => view.current?.relabel(overview, lang), [overview, lang]);
  const regions = [...overview.regions].sort((a, b) => b.persons - a.persons);
  return (
    <div class="overview" data-regions={overview.regions.length}>
      <div class="overview-info">
        <h2>{t('overview.label')}</h2>
        <p>{t('overview.intro')}</p>
        <p class="overview-legend">
          {t('overview.legend.size')} ・ {t('overview.legend.width')}
        </p>
        <p class="overview-hover" aria-live="polite">
          {describe(overview, hover)}
        </p>
        <details class="overview-list">
          <summary>
            {t('overview.stats', {
              regions: formatCount(overview.regions.length, lang),
              links: formatCount(overview.links.length, lang),
            })}
          </summary>
          <ul>
            {regions.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  class="link"
                  data-region={r.id}
                  title={describe(overview, r.id)}
                  onClick={() => openRegion(store, r.id)}
                >
                  {t('overview.open', { name: regionLabel(r, lang) })}
                </button>
              </li>
            ))}
          </ul>
        </details>
      </div>
      <div
        id="overview-cy"
        class="overview-cy"
        role="img"
        ref={box}
        aria-label={`${t('overview.label')}: ${t('overview.stats', {
          regions: formatCount(overview.regions.length, lang),
          links: formatCount(overview.links.length, lang),
        })}`}
      />
    </div>
  );
}
