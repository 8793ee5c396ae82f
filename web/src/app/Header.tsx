/** The top of the page: title, region picker, search, language switch, the account. */
import { canWrite, pseudonymises, roleText, signOut } from '../auth';
import { getLang, t } from '../i18n';
import { valueOf } from '../store/resource';
import { useStore } from './context';
import { Search } from './Search';

export function Header() {
  const store = useStore();
  const s = store.view.state.value;
  const me = store.me.value;
  const regions = valueOf(store.regions.state.value) ?? [];
  const lang = getLang();
  return (
    <header class="top">
      <div class="brand">
        <h1>{t('app.title')}</h1>
        <p class="subtitle">{t('app.subtitle')}</p>
      </div>
      <div class="controls">
        <label for="region">{t('region.label')}</label>
        <select
          id="region"
          title={t('region.help')}
          value={s.region ?? ''}
          onChange={(e) => store.view.update({ region: e.currentTarget.value || null })}
        >
          {me && me.regionIds === null ? <option value="">{t('region.all')}</option> : null}
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {store.regionName(r)}
            </option>
          ))}
        </select>
        <Search />
        <nav class="time-links" title={t('time.nav.help')}>
          <a href={`/compare${location.search}`}>{t('time.nav.compare')}</a>
          <a href={`/regions${location.search}`}>{t('time.nav.regions')}</a>
          <a href={`/report${location.search}`}>{t('time.nav.report')}</a>
        </nav>
        {me && canWrite(me) ? <ImportLink /> : null}
        {me && (me.role === 'coordinator' || me.role === 'admin') ? <WavesLink /> : null}
        <button
          type="button"
          class="secondary lang"
          lang={lang === 'ja' ? 'en' : 'ja'}
          title={t('lang.switch.help')}
          data-key="lang"
          onClick={() => store.view.update({ lang: lang === 'ja' ? 'en' : 'ja' })}
        >
          {t('lang.switch')}
        </button>
        {me ? (
          <div class="account">
            <span
              class="who"
              title={[
                canWrite(me) ? '' : t('auth.readOnly'),
                pseudonymises(me) ? t('auth.pseudonymised') : '',
              ]
                .filter(Boolean)
                .join(' ')}
            >
              {t('auth.user', { name: me.displayName, role: roleText(me) })}
            </span>
            <button
              type="button"
              class="secondary"
              data-key="signout"
              title={t('auth.signOut.help')}
              onClick={() => void signOut()}
            >
              {t('auth.signOut')}
            </button>
          </div>
        ) : null}
      </div>
    </header>
  );
}

/** The way to the import page, and back to the map from it. */
function ImportLink() {
  const onImport = typeof location !== 'undefined' && /^\/import\/?$/.test(location.pathname);
  return onImport ? (
    <a class="nav" href="/" data-key="nav-map">
      {t('nav.map')}
    </a>
  ) : (
    <a class="nav" href="/import" data-key="nav-import" title={t('nav.import.help')}>
      {t('nav.import')}
    </a>
  );
}

/** The way to the survey waves (coordinators and admins run them). */
function WavesLink() {
  const here = typeof location !== 'undefined' && /^\/waves\/?$/.test(location.pathname);
  return here ? null : (
    <a class="nav" href="/waves" data-key="nav-waves" title={t('nav.waves.help')}>
      {t('nav.waves')}
    </a>
  );
}
