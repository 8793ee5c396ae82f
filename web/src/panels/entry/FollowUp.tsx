/** Recording a follow-up with a matched talent (sets the engagement's lastFollowUpAt). */
import { useState } from 'preact/hooks';
import { useStore } from '../../app/context';
import { fieldLabel } from '../../forms/messages';
import { t } from '../../i18n';
import * as Q from '../../queries';
import { todayIso as today } from '../../time/format';
import type { MapNode } from '../../types';
import { NodePicker } from './NodePicker';

/** A follow-up with the SME a talent is engaged with. */
export function FollowUp({
  node,
  smeId,
  onDone,
}: {
  node: MapNode;
  smeId: string;
  onDone(): void;
}) {
  const store = useStore();
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [who, setWho] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await store.actions.mutate<{
        recordFollowUp: { lastFollowUpAt: string; graphVersion: number };
      }>(
        Q.RECORD_FOLLOW_UP,
        { talentId: node.id, smeId, date, note: note || null, whoId: who[0] ?? null },
        (r) => t('entry.followUp.saved', { date: r.recordFollowUp.lastFollowUpAt }),
      );
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="result form follow-up"
      aria-label={t('entry.followUp.title', { sme: store.nameOf(smeId) })}
      onSubmit={(e) => void submit(e)}
    >
      <h3>{t('entry.followUp.title', { sme: store.nameOf(smeId) })}</h3>
      <p class="error" role="alert" hidden={error === ''}>
        {error}
      </p>
      <div class="field">
        <label for="followup-date">{t('entry.followUp.date')}</label>
        <input
          id="followup-date"
          type="date"
          value={date}
          max={today()}
          onInput={(e) => setDate((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="followup-note">{fieldLabel('note')}</label>
        <textarea
          id="followup-note"
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <NodePicker
        id="followup-who"
        label={t('entry.followUp.who')}
        kinds={['Person']}
        chosen={who}
        exclude={node.id}
        onChange={setWho}
      />
      <div class="actions">
        <button type="submit" class="primary" data-key="followup-save" disabled={busy}>
          {t('entry.followUp')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('detail.cancel')}
        </button>
      </div>
    </form>
  );
}
