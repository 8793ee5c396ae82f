/**
 * 紹介の提案: who to introduce to whom, through whom, and why. Choosing one shows the route
 * from → via → to on the map; the buttons record the outcome (recordIntroduction).
 */
import { bar, h, metric } from '../dom';
import { formatScore } from '../format';
import { enumLabel, reasonText, t, type PlainKey } from '../i18n';
import type { IntroductionSuggestion, RecordedStatus } from '../types';
import { asyncState, nodeButton, panelHeader } from './common';
import type { PanelContext } from './context';
import { canWrite } from '../auth';

const OUTCOMES: Array<{
  status: RecordedStatus;
  label: PlainKey;
  help: PlainKey;
  cls: string;
}> = [
  { status: 'accepted', label: 'sug.accept', help: 'sug.accept.help', cls: 'secondary' },
  { status: 'made', label: 'sug.made', help: 'sug.made.help', cls: 'primary' },
  { status: 'declined', label: 'sug.decline', help: 'sug.decline.help', cls: 'secondary' },
];

export function routeText(s: IntroductionSuggestion): string {
  const via = s.viaId
    ? t('sug.via', { name: s.viaName ?? t('common.unknownName') })
    : t('sug.cold');
  return `${s.fromName} → ${s.toName}（${via}）`;
}

export function renderSuggestions(ctx: PanelContext): HTMLElement {
  const a = ctx.data.suggestions;
  const list = a.status === 'ok' ? a.value : [];
  const gapsById = new Map(
    (ctx.data.gaps.status === 'ok' ? ctx.data.gaps.value : []).map((g) => [g.id, g]),
  );
  const csv = () =>
    ctx.actions.exportCsv(
      t('panel.suggestions'),
      [
        '#',
        enumLabel('relType', 'FROM'),
        enumLabel('relType', 'VIA'),
        enumLabel('relType', 'TO'),
        t('sug.score'),
        t('sug.gapValue'),
        t('sug.feasibility'),
        t('sug.fit'),
        t('sug.closes'),
        t('kp.reasons'),
      ],
      list.map((s, i) => [
        i + 1,
        s.fromName,
        s.viaName ?? t('sug.cold'),
        s.toName,
        formatScore(s.score),
        formatScore(s.gapValue),
        formatScore(s.feasibility),
        formatScore(s.fit),
        s.closes
          .map((id) => {
            const g = gapsById.get(id);
            return g ? enumLabel('gapKind', g.kind) : '';
          })
          .filter(Boolean)
          .join('、'),
        s.reasons.map((r) => reasonText(r)).join(' / '),
      ]),
    );
  const root = h(
    'section',
    { class: 'panel-body' },
    panelHeader(t('sug.intro'), list.length ? csv : null),
  );
  const state = asyncState(a);
  if (state) return (root.appendChild(state), root);
  if (list.length === 0)
    return (root.appendChild(h('p', { class: 'muted' }, t('common.none'))), root);
  const current = ctx.state.overlay?.type === 'suggestion' ? ctx.state.overlay.id : null;
  root.append(
    h(
      'ol',
      { class: 'items' },
      list.map((s) => {
        const closedKinds = [
          ...new Set(s.closes.map((id) => gapsById.get(id)?.kind).filter(Boolean)),
        ] as string[];
        return h(
          'li',
          { class: `item${s.id === current ? ' current' : ''}`, 'data-suggestion-id': s.id },
          h(
            'button',
            {
              type: 'button',
              class: 'item-main',
              'aria-pressed': s.id === current ? 'true' : 'false',
              'data-key': `sug:${s.id}`,
              onclick: () =>
                ctx.actions.show(s.id === current ? null : { type: 'suggestion', id: s.id }),
            },
            h(
              'span',
              { class: 'item-title route' },
              h('span', { class: 'who' }, s.fromName),
              h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
              s.viaId
                ? [
                    h(
                      'span',
                      { class: 'via' },
                      t('sug.via', { name: s.viaName ?? t('common.unknownName') }),
                    ),
                    h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
                  ]
                : h('span', { class: 'via cold' }, `（${t('sug.cold')}）→ `),
              h('span', { class: 'who' }, s.toName),
            ),
            h(
              'span',
              { class: 'metrics' },
              h(
                'span',
                { class: 'score' },
                metric(t('sug.score'), formatScore(s.score), t('sug.score.help')),
                bar(s.score),
              ),
              metric(t('sug.gapValue'), formatScore(s.gapValue), t('sug.gapValue.help')),
              metric(t('sug.feasibility'), formatScore(s.feasibility), t('sug.feasibility.help')),
              metric(t('sug.fit'), formatScore(s.fit), t('sug.fit.help')),
              metric(
                t('sug.closes'),
                closedKinds.length
                  ? closedKinds.map((k) => enumLabel('gapKind', k)).join('、')
                  : String(s.closes.length),
                t('sug.closes.help'),
              ),
            ),
          ),
          s.reasons.length
            ? h(
                'ul',
                { class: 'reasons', 'aria-label': t('kp.reasons') },
                s.reasons.map((r) => h('li', {}, reasonText(r))),
              )
            : null,
          s.id === current
            ? h(
                'div',
                { class: 'involved' },
                nodeButton(ctx, s.fromId, s.fromName),
                s.viaId ? nodeButton(ctx, s.viaId, s.viaName) : null,
                nodeButton(ctx, s.toId, s.toName),
              )
            : null,
          // Recording is for accounts that may write (the server refuses the others anyway).
          !ctx.data.me || canWrite(ctx.data.me)
            ? h(
                'div',
                { class: 'actions', role: 'group', 'aria-label': routeText(s) },
                OUTCOMES.map((o) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      class: o.cls,
                      title: t(o.help),
                      'data-key': `rec:${s.id}:${o.status}`,
                      'data-status': o.status,
                      onclick: (e: Event) => {
                        (e.currentTarget as HTMLButtonElement).disabled = true;
                        void ctx.actions.record(s, o.status);
                      },
                    },
                    t(o.label),
                  ),
                ),
              )
            : null,
        );
      }),
    ),
  );
  return root;
}
