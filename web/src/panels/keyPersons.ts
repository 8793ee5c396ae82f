/** キーパーソン群: ranked persons with their metrics and the reasons they are there. */
import { bar, h, metric } from '../dom';
import { formatCount, formatScore } from '../format';
import { getLang, reasonText, t } from '../i18n';
import { asyncState, nodeButton, panelHeader } from './common';
import type { PanelContext } from './context';

export function renderKeyPersons(ctx: PanelContext): HTMLElement {
  const a = ctx.data.keyPersons;
  const lang = getLang();
  const list = a.status === 'ok' ? a.value : [];
  const csv = () =>
    ctx.actions.exportCsv(
      t('panel.keyPersons'),
      [
        t('kp.rank'),
        t('kp.name'),
        t('kp.inGroup'),
        t('kp.declared'),
        t('kp.score'),
        t('kp.betweenness'),
        t('kp.brokerage'),
        t('kp.reach'),
        t('kp.assessed'),
        t('kp.reasons'),
      ],
      list.map((k, i) => [
        i + 1,
        k.name,
        k.inGroup ? t('common.yes') : t('common.no'),
        k.declared ? t('common.yes') : t('common.no'),
        formatScore(k.score),
        formatScore(k.betweenness),
        formatScore(1 - k.constraint),
        k.reach,
        formatScore(k.assessed),
        k.reasons.map((r) => reasonText(r)).join(' / '),
      ]),
    );
  const root = h(
    'section',
    { class: 'panel-body' },
    panelHeader(t('kp.intro'), list.length ? csv : null),
  );
  const state = asyncState(a);
  if (state) return (root.appendChild(state), root);
  if (list.length === 0)
    return (root.appendChild(h('p', { class: 'muted' }, t('common.none'))), root);
  const selected = ctx.state.selected;
  root.append(
    h(
      'ol',
      { class: 'items' },
      list.map((k, i) =>
        h(
          'li',
          { class: `item${selected === k.personId ? ' current' : ''}` },
          h(
            'div',
            { class: 'item-title' },
            h('span', { class: 'rank', title: t('kp.rank') }, `${i + 1}`),
            nodeButton(ctx, k.personId, k.name),
            k.inGroup
              ? h('span', { class: 'badge gold', title: t('kp.inGroup.help') }, t('kp.inGroup'))
              : null,
            k.declared
              ? h('span', { class: 'badge', title: t('kp.declared.help') }, `★ ${t('kp.declared')}`)
              : null,
          ),
          h(
            'div',
            { class: 'metrics' },
            h(
              'span',
              { class: 'score' },
              metric(t('kp.score'), formatScore(k.score), t('kp.score.help')),
              bar(k.score),
            ),
            metric(t('kp.betweenness'), formatScore(k.betweenness), t('kp.betweenness.help')),
            metric(t('kp.brokerage'), formatScore(1 - k.constraint), t('kp.brokerage.help')),
            metric(
              t('kp.reach'),
              t('kp.reach.value', { n: formatCount(k.reach, lang) }),
              t('kp.reach.help'),
            ),
            metric(t('kp.assessed'), formatScore(k.assessed), t('kp.assessed.help')),
          ),
          k.reasons.length
            ? h(
                'ul',
                { class: 'reasons', 'aria-label': t('kp.reasons') },
                k.reasons.map((r) => h('li', {}, reasonText(r))),
              )
            : null,
        ),
      ),
    ),
  );
  return root;
}
