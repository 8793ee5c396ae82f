/** Pieces shared by the panels. */
import { h, type Child } from '../dom';
import { t } from '../i18n';
import type { Async, PanelContext } from './context';

/** A person/organisation name that selects the node (shows it on the map and in 詳細). */
export function nodeButton(
  ctx: PanelContext,
  id: string | null | undefined,
  name?: string | null,
): HTMLElement {
  const label = name || ctx.name(id);
  if (!id || !ctx.data.nodeById.has(id)) return h('span', { class: 'node-name' }, label);
  return h(
    'button',
    {
      type: 'button',
      class: 'link',
      'data-key': `node:${id}`,
      onclick: () => ctx.actions.select(id, { panel: 'detail' }),
    },
    label,
  );
}

export function panelHeader(
  intro: string,
  onCsv: (() => void) | null,
  ...extra: Child[]
): HTMLElement {
  return h(
    'div',
    { class: 'panel-head' },
    h('p', { class: 'intro' }, intro),
    h(
      'div',
      { class: 'panel-tools' },
      extra,
      onCsv
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              title: t('csv.export.help'),
              'data-key': 'csv',
              onclick: onCsv,
            },
            t('csv.export'),
          )
        : null,
    ),
  );
}

/** Loading / error / empty states of an async list; null when there is a value to show. */
export function asyncState<T>(a: Async<T>): HTMLElement | null {
  if (a.status === 'loading' || a.status === 'idle')
    return h('p', { class: 'muted', role: 'status' }, t('progress.loading'));
  if (a.status === 'error') return h('p', { class: 'error', role: 'alert' }, a.message);
  return null;
}
