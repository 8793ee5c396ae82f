/** ギャップ: one list, most severe first across kinds (each item says its kind); choosing one highlights it on the map. */
import { useStore } from '../app/context';
import { formatScore, severityLevel } from '../format';
import { enumLabel, t } from '../i18n';
import type { Gap } from '../types';
import { Metric, Score } from '../ui';
import { bySeverity, gapExplanation, gapTitle } from './gapText';
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
          bySeverity(list).map((g) => [
            enumLabel('gapKind', g.kind),
            formatScore(g.severity),
            g.nodeIds.map((id) => store.nameOf(id)).join('、'),
            g.relatedIds.map((id) => store.nameOf(id)).join('、'),
            gapExplanation(g),
          ]),
      }}
    >
      {(all) => (
        // One list, the most severe first whatever its kind (each item says its kind).
        <ul class="items">
          {bySeverity(all).map((g) => (
            <GapItem key={g.id} gap={g} title={title(g)} current={g.id === current} />
          ))}
        </ul>
      )}
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
        <span class="badge" data-gap-kind={g.kind}>
          {enumLabel('gapKind', g.kind)}
        </span>{' '}
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
