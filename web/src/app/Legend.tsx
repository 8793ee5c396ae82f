/**
 * The legend under the map: every shape, line and colour the map shows, from map/palette.ts —
 * the marks (キーパーソン群, ★, size, talent), the lines by kind of tie, the community areas,
 * the region names of the all-regions view, and, while something is highlighted or selected,
 * the highlight colours; with `kinds`, the kinds' shapes and fills too (on the map page the kind
 * filter above the map shows them). It folds away (details) on a small screen.
 */
import { enumLabel, t } from '../i18n';
import {
  communityColour,
  COMMUNITY_COLOURS,
  CUT,
  HIGHLIGHT,
  HIGHLIGHT_SOFT,
  KEY_PERSON,
  KIND_STYLE,
  LINE_GROUPS,
  otherCommunityColour,
  REMOVED,
  SELECTED,
  TALENT,
  type LineGroup,
} from '../map/palette';
import { MAP_NODE_KINDS, type Overlay } from '../store/state';
import { useStore } from './context';
import { AreaSymbol, LineSymbol, NodeSymbol } from './MapSymbol';

const LINES: LineGroup[] = ['knows', 'works', 'supports', 'member', 'partners', 'other'];

type Mark = 'subject' | 'involved' | 'path' | 'proposed' | 'removed' | 'cut';
/** What each highlight shows (map/highlight.ts). */
const HIGHLIGHT_MARKS: Record<Overlay['type'], Mark[]> = {
  gap: ['subject', 'involved'],
  suggestion: ['subject', 'involved', 'path', 'proposed'],
  whatif: ['removed', 'cut', 'involved'],
  path: ['subject', 'involved', 'path'],
};

/**
 * `kinds`: also the shapes and fills of the kinds (the map page shows them in its kind filter
 * above the map; a printed map needs them here).
 */
export function Legend({ kinds = false }: { kinds?: boolean }) {
  const store = useStore();
  const s = store.view.state.value;
  const shown = new Set(s.kinds);
  const person = KIND_STYLE.Person;
  const marks = new Set(s.overlay ? HIGHLIGHT_MARKS[s.overlay.type] : []);
  // Communities beyond the coloured ones share a grey area: said only when there are some.
  const manyCommunities = (store.graph.value?.nodes ?? []).some(
    (n) => (n.community ?? -1) >= COMMUNITY_COLOURS,
  );
  return (
    <details class="legend" open title={t('legend.help')}>
      <summary>
        <h2>{t('legend.title')}</h2>
        {kinds ? null : <span class="muted">{t('legend.kindsAbove')}</span>}
      </summary>
      <dl>
        {kinds ? (
          <div>
            <dt>{t('legend.nodes')}</dt>
            {MAP_NODE_KINDS.filter((k) => shown.has(k)).map((k) => (
              <dd key={k}>
                <NodeSymbol
                  shape={KIND_STYLE[k].shape}
                  fill={KIND_STYLE[k].color}
                  stroke={KIND_STYLE[k].border}
                />
                {enumLabel('nodeKind', k)}
              </dd>
            ))}
          </div>
        ) : null}
        <div>
          <dt>{t('legend.marks')}</dt>
          <dd>
            <NodeSymbol
              shape="ellipse"
              fill={KEY_PERSON.color}
              stroke={KEY_PERSON.border}
              strokeWidth={2.5}
              glow={KEY_PERSON.glow}
            />
            {t('legend.keyPerson')}
          </dd>
          <dd>{t('legend.declared')}</dd>
          <dd>
            <span class="sizes">
              <NodeSymbol shape="ellipse" fill={person.color} stroke={person.border} size={9} />
              <NodeSymbol shape="ellipse" fill={person.color} stroke={person.border} size={16} />
            </span>
            {t('legend.size')}
          </dd>
          {shown.has('Person') ? (
            <dd>
              <NodeSymbol shape={TALENT.shape} fill={TALENT.color} stroke={TALENT.border} />
              {t('legend.talent')}
            </dd>
          ) : null}
        </div>
        <div>
          <dt>{t('legend.lines')}</dt>
          {LINES.map((g) => (
            <dd key={g}>
              <LineSymbol color={LINE_GROUPS[g]} width={g === 'knows' ? 2.5 : 2} />
              {t(`legend.line.${g}`)}
            </dd>
          ))}
          <dd>
            <LineSymbol color={LINE_GROUPS.knows} width={2.5} dashed />
            {t('legend.line.unconfirmed')}
          </dd>
        </div>
        <div>
          <dt>{t('legend.areas')}</dt>
          <dd>
            <span class="areas">
              {[0, 1, 2, 3].map((c) => (
                <AreaSymbol key={c} {...communityColour(c)} />
              ))}
            </span>
            {t('legend.community')}
          </dd>
          {manyCommunities ? (
            <dd>
              <AreaSymbol {...otherCommunityColour()} />
              {t('legend.community.other', { n: COMMUNITY_COLOURS + 1 })}
            </dd>
          ) : null}
          {s.region === null ? (
            <dd>
              <b class="region-name">{t('legend.region.sample')}</b>
              {t('legend.region')}
            </dd>
          ) : null}
        </div>
        {s.overlay || s.selected ? (
          <div>
            <dt>{t('legend.highlight')}</dt>
            {s.selected ? (
              <dd>
                <NodeSymbol shape="ellipse" fill="#ffffff" stroke={SELECTED} strokeWidth={3} />
                {t('legend.selected')}
              </dd>
            ) : null}
            {marks.has('subject') ? (
              <dd>
                <NodeSymbol shape="ellipse" fill="#ffffff" stroke={HIGHLIGHT} strokeWidth={3} />
                {t('legend.subject')}
              </dd>
            ) : null}
            {marks.has('involved') ? (
              <dd>
                <NodeSymbol
                  shape="ellipse"
                  fill="#ffffff"
                  stroke={HIGHLIGHT_SOFT}
                  strokeWidth={3}
                />
                {t('legend.involved')}
              </dd>
            ) : null}
            {marks.has('path') ? (
              <dd>
                <LineSymbol color={HIGHLIGHT} width={4} />
                {t('legend.path')}
              </dd>
            ) : null}
            {marks.has('proposed') ? (
              <dd>
                <LineSymbol color={HIGHLIGHT} width={3} dashed />
                {t('legend.proposed')}
              </dd>
            ) : null}
            {marks.has('removed') ? (
              <dd>
                <NodeSymbol shape="ellipse" fill={REMOVED} stroke="#5f6368" strokeWidth={2} />
                {t('legend.removed')}
              </dd>
            ) : null}
            {marks.has('cut') ? (
              <dd>
                <NodeSymbol shape="ellipse" fill={CUT} stroke="#7a0010" />
                {t('legend.cut')}
              </dd>
            ) : null}
          </div>
        ) : null}
      </dl>
    </details>
  );
}
