/**
 * Above the map: which kinds it shows, and its buttons (fit, focus depth, the survey's
 * unconfirmed ties, PNG; fit and PNG not over the overview of regions); clearing the highlight is on the map itself (map/MapActions.tsx).
 */
import { csvFileName } from '../csv';
import { download } from '../download';
import { enumLabel, t } from '../i18n';
import { shownOverview } from '../map/overview';
import { KIND_STYLE } from '../map/palette';
import { MAP_NODE_KINDS, toggleKind } from '../store/state';
import { useStore } from './context';
import { NodeSymbol } from './MapSymbol';
import { UnconfirmedToggle } from './UnconfirmedToggle';

export function Toolbar() {
  const store = useStore();
  const s = store.view.state.value;
  const map = store.mapView.value;
  // The overview of regions (「すべて」 of a national store) in the map's place: the map's own
  // buttons (fit, PNG) would act on the hidden map, so they are not shown.
  const overview = shownOverview(store) !== undefined;
  const exportPng = async () => {
    try {
      if (!map) throw new Error('no map');
      const blob = await map.png();
      download(blob, csvFileName(t('map.label'), store.regionLabel()).replace(/\.csv$/, '.png'));
    } catch (err) {
      console.error(err);
      store.actions.notify(t('err.png'), 'error');
    }
  };
  return (
    <div class="map-toolbar">
      <fieldset class="filters" title={t('filters.help')}>
        <legend>{t('filters.title')}</legend>
        {MAP_NODE_KINDS.map((k) => (
          <label key={k} class="filter">
            <input
              type="checkbox"
              name="kind"
              value={k}
              checked={s.kinds.includes(k)}
              onChange={() => store.view.update({ kinds: toggleKind(store.view.get().kinds, k) })}
            />
            <NodeSymbol
              shape={KIND_STYLE[k].shape}
              fill={KIND_STYLE[k].color}
              stroke={KIND_STYLE[k].border}
              size={14}
            />
            {enumLabel('nodeKind', k)}
          </label>
        ))}
      </fieldset>
      <div class="map-buttons">
        {overview ? null : (
          <button
            type="button"
            class="secondary"
            title={t('map.fit.help')}
            onClick={() => map?.fit()}
          >
            {t('map.fit')}
          </button>
        )}
        {s.selected ? (
          <label class="inline" title={t('map.focus.help')}>
            {t('map.focus')}{' '}
            <select
              id="focus-depth"
              value={String(s.focusDepth)}
              onChange={(e) =>
                store.view.update({ focusDepth: Number(e.currentTarget.value) as 0 | 1 | 2 })
              }
            >
              <option value="0">{t('map.focusDepth.0')}</option>
              <option value="1">{t('map.focusDepth.1')}</option>
              <option value="2">{t('map.focusDepth.2')}</option>
            </select>
          </label>
        ) : null}
        <UnconfirmedToggle />
        {overview ? null : (
          <button
            type="button"
            class="secondary"
            title={t('map.png.help')}
            data-key="png"
            id="export-png"
            onClick={() => void exportPng()}
          >
            {t('map.png')}
          </button>
        )}
      </div>
    </div>
  );
}
