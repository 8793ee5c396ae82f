/** The legend under the map: what the borders, colours, shapes and sizes mean. */
import { t } from '../i18n';
import { COMMUNITY_COLORS, CUT, GOLD, HIGHLIGHT, TALENT_SHAPE } from '../map/map';
import { Swatch } from '../ui';

export function Legend() {
  return (
    <aside class="legend">
      <h2>{t('legend.title')}</h2>
      <ul>
        <li>
          <Swatch shape="ellipse" color={COMMUNITY_COLORS[1]!} border={GOLD} />
          {t('legend.keyPerson')}
        </li>
        <li>
          <span class="star" aria-hidden="true">
            ★
          </span>
          {t('legend.declared').replace('★ ', '')}
        </li>
        <li>
          {COMMUNITY_COLORS.slice(0, 5).map((c) => (
            <Swatch key={c} shape="ellipse" color={c} />
          ))}
          {t('legend.community')}
        </li>
        <li>
          <Swatch shape={TALENT_SHAPE} color={COMMUNITY_COLORS[3]!} />
          {t('detail.talent')}
        </li>
        <li>
          <span class="sizes" aria-hidden="true">
            <Swatch shape="ellipse" color="#8a94a3" />
            <Swatch shape="ellipse-big" color="#8a94a3" />
          </span>
          {t('legend.size')}
        </li>
        <li>
          <Swatch shape="ellipse" color={CUT} />
          {t('legend.cut')}
        </li>
        <li>
          <span class="line" aria-hidden="true" style={{ backgroundColor: HIGHLIGHT }} />
          {t('legend.path')}
        </li>
      </ul>
    </aside>
  );
}
