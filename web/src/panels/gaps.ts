/** ギャップ: grouped by kind, most severe first; choosing one highlights it on the map. */
import { bar, h, metric } from '../dom';
import { formatScore, severityLevel } from '../format';
import { enumLabel, getLang, t } from '../i18n';
import { GAP_KINDS, type Gap } from '../types';
import { asyncState, nodeButton, panelHeader } from './common';
import type { PanelContext } from './context';

export function gapTitle(ctx: PanelContext, g: Gap): string {
  const subject =
    g.kind === 'COORDINATION_GAP' || g.kind === 'KEY_PERSON_DEPENDENCY'
      ? g.nodeIds.slice(1)
      : g.nodeIds;
  if (g.kind === 'FUNCTION_UNCOVERED') {
    return `${ctx.name(g.nodeIds[0])}: ${enumLabel('orgFunction', g.detail)}`;
  }
  if (g.kind === 'COMMUNITY_SILO') {
    const names = subject.slice(0, 3).map((id) => ctx.name(id));
    return (
      names.join('、') +
      (subject.length > 3
        ? getLang() === 'ja'
          ? ` ほか${subject.length - 3}人`
          : ` and ${subject.length - 3} more`
        : '')
    );
  }
  return subject.map((id) => ctx.name(id)).join(getLang() === 'ja' ? ' と ' : ' & ');
}

export function gapExplanation(g: Gap): string {
  return getLang() === 'ja'
    ? g.explanationJa || g.explanationEn
    : g.explanationEn || g.explanationJa;
}

export function renderGaps(ctx: PanelContext): HTMLElement {
  const a = ctx.data.gaps;
  const list = a.status === 'ok' ? a.value : [];
  const csv = () =>
    ctx.actions.exportCsv(
      t('panel.gaps'),
      [
        t('detail.kind'),
        t('gaps.severity'),
        t('gaps.involved'),
        t('gaps.related'),
        t('panel.detail'),
      ],
      [...list]
        .sort((x, y) => y.severity - x.severity)
        .map((g) => [
          enumLabel('gapKind', g.kind),
          formatScore(g.severity),
          g.nodeIds.map((id) => ctx.name(id)).join('、'),
          g.relatedIds.map((id) => ctx.name(id)).join('、'),
          gapExplanation(g),
        ]),
    );
  const root = h(
    'section',
    { class: 'panel-body' },
    panelHeader(
      t('gaps.intro'),
      list.length ? csv : null,
      a.status === 'ok' ? metric(t('gaps.total'), String(list.length), t('gaps.total.help')) : null,
    ),
  );
  const state = asyncState(a);
  if (state) return (root.appendChild(state), root);
  if (list.length === 0)
    return (root.appendChild(h('p', { class: 'muted' }, t('common.none'))), root);
  const current = ctx.state.overlay?.type === 'gap' ? ctx.state.overlay.id : null;
  for (const kind of GAP_KINDS) {
    const gaps = list.filter((g) => g.kind === kind).sort((x, y) => y.severity - x.severity);
    if (gaps.length === 0) continue;
    const open =
      gaps.some((g) => g.id === current) ||
      list.length <= 12 ||
      kind === GAP_KINDS.find((k) => list.some((g) => g.kind === k));
    root.append(
      h(
        'details',
        { class: 'group', open, 'data-gap-kind': kind },
        h(
          'summary',
          { 'data-key': `gapkind:${kind}` },
          `${enumLabel('gapKind', kind)}`,
          h('span', { class: 'count' }, t('common.count', { n: gaps.length })),
        ),
        h(
          'ul',
          { class: 'items' },
          gaps.map((g) =>
            h(
              'li',
              { class: `item${g.id === current ? ' current' : ''}` },
              h(
                'button',
                {
                  type: 'button',
                  class: 'item-main',
                  'aria-pressed': g.id === current ? 'true' : 'false',
                  'data-key': `gap:${g.id}`,
                  'data-gap-id': g.id,
                  onclick: () =>
                    ctx.actions.show(g.id === current ? null : { type: 'gap', id: g.id }),
                },
                h('span', { class: 'item-title' }, gapTitle(ctx, g)),
                h(
                  'span',
                  { class: `sev sev-${severityLevel(g.severity)}` },
                  metric(t('gaps.severity'), formatScore(g.severity), t('gaps.severity.help')),
                  bar(g.severity),
                ),
                h('span', { class: 'explain' }, gapExplanation(g)),
              ),
              g.id === current
                ? h(
                    'div',
                    { class: 'involved' },
                    h('span', { class: 'metric-label' }, t('gaps.involved')),
                    ' ',
                    g.nodeIds
                      .filter((id) => ctx.data.nodeById.has(id))
                      .map((id) => nodeButton(ctx, id)),
                    g.relatedIds.length
                      ? [
                          h('br'),
                          h('span', { class: 'metric-label' }, t('gaps.related')),
                          ' ',
                          g.relatedIds.slice(0, 30).map((id) => nodeButton(ctx, id)),
                        ]
                      : null,
                  )
                : null,
            ),
          ),
        ),
      ),
    );
  }
  return root;
}
