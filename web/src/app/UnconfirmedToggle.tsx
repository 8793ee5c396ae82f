/**
 * The map's option 「未確認のつながりを含める」: whether the map and the analytics panels count the
 * survey's unconfirmed ties (KNOWS named by only one of the two persons; docs/surveys.md). It is
 * part of the view state, so the URL keeps it (`unconfirmed=0`), and every answer follows it
 * (the API's includeUnconfirmed). Shown only when the region has such ties or they are left out.
 */
import { t } from '../i18n';
import { valueOf } from '../store/resource';
import { useStore } from './context';

export function UnconfirmedToggle() {
  const store = useStore();
  const on = store.view.state.value.unconfirmed;
  const count = valueOf(store.map.state.value)?.map.unconfirmedTies ?? 0;
  if (on && count === 0) return null;
  const help = t('unconfirmed.help');
  return (
    <label class="inline filter unconfirmed-toggle" title={help}>
      <input
        type="checkbox"
        id="include-unconfirmed"
        checked={on}
        aria-describedby="include-unconfirmed-help"
        onChange={(e) => store.view.update({ unconfirmed: e.currentTarget.checked })}
      />
      {t('unconfirmed.toggle')}
      {count > 0 ? t('unconfirmed.count', { n: count }) : null}
      <span class="help-mark" aria-hidden="true">
        ?
      </span>
      <span id="include-unconfirmed-help" class="visually-hidden">
        {help}
      </span>
    </label>
  );
}
