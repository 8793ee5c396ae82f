/**
 * Deleting a node (SPEC §10): after showing what the deletion cuts off (the 詳細 panel shows the
 * what-if of a person beside it), or, for a person, erasure on request.
 */
import { useState } from 'preact/hooks';
import { useStore } from '../../app/context';
import { t } from '../../i18n';
import * as Q from '../../queries';
import type { MapNode } from '../../types';

/** Delete (after what it cuts off) or, for a person, erase on request. */
export function DeleteNode({
  node,
  ties,
  onDone,
}: {
  node: MapNode;
  ties: number;
  onDone(): void;
}) {
  const store = useStore();
  const [busy, setBusy] = useState(false);
  const run = async (erase: boolean) => {
    setBusy(true);
    try {
      await store.actions.mutate(
        Q.DELETE_NODE,
        { id: node.id, erase },
        erase ? t('entry.erased') : t('entry.deleted', { name: node.name }),
      );
      store.actions.show(null, null);
      onDone();
    } catch (err) {
      store.actions.notify(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      class="result confirm"
      role="alertdialog"
      aria-label={t('entry.delete.title', { name: node.name })}
      data-testid="delete-confirm"
    >
      <h3>{t('entry.delete.title', { name: node.name })}</h3>
      <p>{t('entry.delete.lead', { n: ties })}</p>
      {node.kind === 'Person' ? <p>{t('entry.delete.whatIf')}</p> : null}
      <div class="actions wrap">
        <button
          type="button"
          class="danger"
          data-key="delete-confirm"
          disabled={busy}
          onClick={() => void run(false)}
        >
          {t('entry.delete.confirm')}
        </button>
        {node.kind === 'Person' ? (
          <button
            type="button"
            class="danger"
            data-key="erase-confirm"
            title={t('entry.erase.help')}
            disabled={busy}
            onClick={() => void run(true)}
          >
            {t('entry.erase.confirm')}
          </button>
        ) : null}
        <button type="button" class="secondary" onClick={onDone}>
          {t('detail.cancel')}
        </button>
      </div>
      {node.kind === 'Person' ? <p class="muted small">{t('entry.erase.help')}</p> : null}
    </div>
  );
}
