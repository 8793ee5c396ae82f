/** The bar above the pages over time: where you are, the other pages, the language. */
import { getLang, t } from '../i18n';
import { useStore } from '../app/context';

export type TimePage = 'compare' | 'regions' | 'report';

export function PageBar({ current, regionId }: { current: TimePage; regionId: string | null }) {
  const store = useStore();
  const lang = getLang();
  const q = (extra: Record<string, string | null>) => {
    const p = new URLSearchParams();
    if (regionId) p.set('region', regionId);
    if (lang !== 'ja') p.set('lang', lang);
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `?${s}` : '';
  };
  const link = (page: TimePage | 'map', path: string) =>
    page === current ? (
      <span class="current" aria-current="page">
        {t(`time.nav.${page}`)}
      </span>
    ) : (
      <a href={`${path}${q({})}`}>{t(`time.nav.${page}`)}</a>
    );
  return (
    <nav class="time-nav no-print" title={t('time.nav.help')}>
      <strong>{t('app.title')}</strong>
      {link('map', '/')}
      {link('compare', '/compare')}
      {link('regions', '/regions')}
      {link('report', '/report')}
      <button
        type="button"
        class="secondary"
        onClick={() => store.view.update({ lang: lang === 'ja' ? 'en' : 'ja' })}
      >
        {t('lang.switch')}
      </button>
    </nav>
  );
}
