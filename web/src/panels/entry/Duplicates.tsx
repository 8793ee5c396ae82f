/** Likely duplicates of a node (SPEC §10) and merging one into it in one transaction. */
import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../app/context';
import { t, type PlainKey } from '../../i18n';
import * as Q from '../../queries';
import type { MapNode } from '../../types';

interface Duplicate {
  id: string;
  name: string;
  nameKana: string | null;
  reasons: string[];
}

/** Likely duplicates of the selected node, each with 「ここに統合」. */
export function Duplicates({ node }: { node: MapNode }) {
  const store = useStore();
  const [list, setList] = useState<Duplicate[]>([]);
  const [confirm, setConfirm] = useState<Duplicate | null>(null);
  const version = store.graph.value?.version;
  useEffect(() => {
    let live = true;
    store
      .gql<{ duplicateCandidates: Duplicate[] }>(Q.DUPLICATES, { id: node.id })
      .then((r) => live && setList(r.duplicateCandidates))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, [node.id, version]);
  if (list.length === 0) return null;
  return (
    <div class="result duplicates" data-testid="duplicates">
      <h3 title={t('entry.dups.help')}>{t('entry.dups')}</h3>
      <ul class="tie-list">
        {list.map((d) => (
          <li key={d.id}>
            <button type="button" class="link" onClick={() => store.actions.select(d.id)}>
              {d.name}
            </button>
            {d.nameKana ? <span class="muted small">{`（${d.nameKana}）`}</span> : null}
            <span class="muted small">
              {` ${d.reasons.map((r) => t(`dup.${r}` as PlainKey)).join('・')}`}
            </span>{' '}
            <button
              type="button"
              class="secondary"
              data-key="merge"
              data-merge={d.id}
              title={t('entry.merge.help')}
              onClick={() => setConfirm(d)}
            >
              {t('entry.merge')}
            </button>
          </li>
        ))}
      </ul>
      {confirm ? (
        <div class="confirm" role="alertdialog">
          <p>{t('entry.merge.confirm', { other: confirm.name, name: node.name })}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-key="merge-confirm"
              onClick={() => {
                const other = confirm;
                setConfirm(null);
                store.actions
                  .mutate<{ mergeNodes: { movedTies: number; graphVersion: number } }>(
                    Q.MERGE_NODES,
                    { keep: node.id, merge: other.id },
                    (r) => t('entry.merged', { n: r.mergeNodes.movedTies }),
                  )
                  .catch((err: unknown) =>
                    store.actions.notify(err instanceof Error ? err.message : String(err), 'error'),
                  );
              }}
            >
              {t('entry.yes')}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirm(null)}>
              {t('detail.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
