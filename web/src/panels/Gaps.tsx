/** ギャップ: grouped by kind, most severe first; choosing one highlights it on the map. */
import { useStore } from '../app/context';
import { formatScore, severityLevel } from '../format';
import { enumLabel, t } from '../i18n';
import { GAP_KINDS, type Gap } from '../types';
import { Metric, Score } from '../ui';
import { gapExplanation, gapTitle } from './gapText';
import { ListPanel, NodeButton } from './ListPanel';

export function Gaps() {
  const store = useStore();
  const data = store.gaps.state.value;
  const o = store.view.state.value.overlay;
  const current = o?.type === 'gap' ? o.id : null;
  const list = data.status === 'ok' ? data.value : [];
  const title = (g: Gap) => gapTitle(store.nameOf, g);
  return (
    <ListPanel
      intro={t('gaps.intro')}
      data={data}
      tools={
        <Metric label={t('gaps.total')} value={String(list.length)} help={t('gaps.total.help')} />
      }
      csv={{
        title: t('panel.gaps'),
        header: [
          t('detail.kind'),
          t('gaps.severity'),
          t('gaps.involved'),
          t('gaps.related'),
          t('panel.detail'),
        ],
        rows: () =>
          [...list]
            .sort((x, y) => y.severity - x.severity)
            .map((g) => [
              enumLabel('gapKind', g.kind),
              formatScore(g.severity),
              g.nodeIds.map((id) => store.nameOf(id)).join('、'),
              g.relatedIds.map((id) => store.nameOf(id)).join('、'),
              gapExplanation(g),
            ]),
      }}
    >
      {(all) => {
        const firstKind = GAP_KINDS.find((k) => all.some((g) => g.kind === k));
        return GAP_KINDS.map((kind) => {
          const gaps = all.filter((g) => g.kind === kind).sort((x, y) => y.severity - x.severity);
          if (gaps.length === 0) return null;
          const open = gaps.some((g) => g.id === current) || all.length <= 12 || kind === firstKind;
          return (
            <details key={kind} class="group" open={open} data-gap-kind={kind}>
              <summary data-key={`gapkind:${kind}`}>
                {enumLabel('gapKind', kind)}
                <span class="count">{t('common.count', { n: gaps.length })}</span>
              </summary>
              <ul class="items">
                {gaps.map((g) => (
                  <GapItem key={g.id} gap={g} title={title(g)} current={g.id === current} />
                ))}
              </ul>
            </details>
          );
        });
      }}
    </ListPanel>
  );
}

function GapItem({ gap: g, title, current }: { gap: Gap; title: string; current: boolean }) {
  const store = useStore();
  const graph = store.graph.value;
  return (
    <li class={`item${current ? ' current' : ''}`}>
      <button
        type="button"
        class="item-main"
        aria-pressed={current ? 'true' : 'false'}
        data-key={`gap:${g.id}`}
        data-gap-id={g.id}
        onClick={() => store.actions.show(current ? null : { type: 'gap', id: g.id })}
      >
        <span class="item-title">{title}</span>
        <Score
          class={`sev sev-${severityLevel(g.severity)}`}
          label={t('gaps.severity')}
          value={g.severity}
          help={t('gaps.severity.help')}
        />
        <span class="explain">{gapExplanation(g)}</span>
      </button>
      {current ? (
        <div class="involved">
          <span class="metric-label">{t('gaps.involved')}</span>{' '}
          {g.nodeIds
            .filter((id) => graph?.nodeById.has(id))
            .map((id) => (
              <NodeButton key={id} id={id} />
            ))}
          {g.relatedIds.length ? (
            <>
              <br />
              <span class="metric-label">{t('gaps.related')}</span>{' '}
              {g.relatedIds.slice(0, 30).map((id) => (
                <NodeButton key={id} id={id} />
              ))}
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
