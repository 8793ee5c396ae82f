/** アウトリーチ: SMEs to approach, through which organisation and person, with which programme. */
import { bar, h, metric } from '../dom';
import { formatScore } from '../format';
import { getLang, reasonText, t } from '../i18n';
import { asyncState, nodeButton, panelHeader } from './common';
import type { PanelContext } from './context';

export function renderOutreach(ctx: PanelContext): HTMLElement {
  if (!ctx.state.region) {
    return h(
      'section',
      { class: 'panel-body' },
      h('p', { class: 'intro' }, t('out.intro')),
      h('p', { class: 'notice' }, t('common.noRegion')),
    );
  }
  const a = ctx.data.outreach;
  const list = a.status === 'ok' ? a.value : [];
  const ja = getLang() === 'ja';
  const csv = () =>
    ctx.actions.exportCsv(
      t('panel.outreach'),
      [
        '#',
        t('out.sme'),
        t('out.priority'),
        t('out.viaOrg'),
        t('out.viaPerson'),
        t('out.programme'),
        t('kp.reasons'),
      ],
      list.map((o, i) => [
        i + 1,
        o.smeName,
        formatScore(o.priority),
        o.viaOrgName ?? '',
        o.viaPersonName ?? '',
        ja ? o.programmeJa : o.programmeEn,
        o.reasons.map((r) => reasonText(r)).join(' / '),
      ]),
    );
  const root = h(
    'section',
    { class: 'panel-body' },
    panelHeader(t('out.intro'), list.length ? csv : null),
  );
  const state = asyncState(a);
  if (state) return (root.appendChild(state), root);
  if (list.length === 0)
    return (root.appendChild(h('p', { class: 'muted' }, t('common.none'))), root);
  root.append(
    h(
      'ol',
      { class: 'items' },
      list.map((o) =>
        h(
          'li',
          { class: `item${ctx.state.selected === o.smeId ? ' current' : ''}` },
          h('div', { class: 'item-title' }, nodeButton(ctx, o.smeId, o.smeName)),
          h(
            'div',
            { class: 'metrics' },
            h(
              'span',
              { class: 'score' },
              metric(t('out.priority'), formatScore(o.priority), t('out.priority.help')),
              bar(o.priority),
            ),
          ),
          h(
            'dl',
            { class: 'fields compact' },
            h('dt', {}, t('out.viaOrg')),
            h('dd', {}, o.viaOrgId ? nodeButton(ctx, o.viaOrgId, o.viaOrgName) : t('out.noVia')),
            o.viaPersonId
              ? [
                  h('dt', {}, t('out.viaPerson')),
                  h('dd', {}, nodeButton(ctx, o.viaPersonId, o.viaPersonName)),
                ]
              : null,
            h('dt', {}, t('out.programme')),
            h('dd', {}, ja ? o.programmeJa || o.programmeEn : o.programmeEn || o.programmeJa),
          ),
          o.reasons.length
            ? h(
                'ul',
                { class: 'reasons' },
                o.reasons.map((r) => h('li', {}, reasonText(r))),
              )
            : null,
        ),
      ),
    ),
  );
  return root;
}
