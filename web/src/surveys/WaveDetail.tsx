/**
 * One survey wave for its coordinator: its draft to edit, open or delete (each confirmed first),
 * or while open the counts, sending the links by e-mail when the server can (MailSend.tsx), the
 * reminders and mail-merge CSV (Reminders.tsx), the tracking per
 * person with each personal link to copy, reissue or revoke (Tracking.tsx), and closing.
 */
import { useEffect, useState } from 'preact/hooks';
import { friendly, gql } from '../api';
import { formatPercent } from '../format';
import { t } from '../i18n';
import { formatDateTime } from './format';
import {
  CLOSE_WAVE,
  DELETE_WAVE,
  OPEN_WAVE,
  REISSUE_LINK,
  REVOKE_LINK,
  WAVE_DETAIL,
  type Wave,
  type WaveRespondent,
} from './queries';
import { MailSend } from './MailSend';
import { Reminders } from './Reminders';
import { Tracking } from './Tracking';
import { WaveEditor } from './WaveEditor';
import { BackToList, stateKey, type At } from './WaveNav';
import { Message } from './Message';

type Confirm = 'open' | 'close' | 'delete' | null;

export function WaveDetail({ id, go }: { id: string; go: (at: At) => void }) {
  const [wave, setWave] = useState<Wave | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = () =>
    gql<{ wave: Wave }>(WAVE_DETAIL, { id }).then(
      (d) => {
        setWave(d.wave);
        setError(null);
      },
      (err: unknown) => setError(friendly(err)),
    );
  useEffect(() => {
    void load();
  }, [id]);
  // While the wave is open the tracking follows the answers coming in.
  useEffect(() => {
    if (wave?.state !== 'open') return;
    const timer = setInterval(() => void load(), 30_000);
    const focus = () => void load();
    window.addEventListener('focus', focus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', focus);
    };
  }, [id, wave?.state]);

  const run = async (query: string, done: string, field: 'openWave' | 'closeWave') => {
    setBusy(true);
    setError(null);
    try {
      const d = await gql<Record<string, Wave>>(query, { id });
      setWave(d[field]!);
      setMessage(done);
      setConfirm(null);
    } catch (err) {
      setError(friendly(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await gql(DELETE_WAVE, { id });
      go({ at: 'list' });
    } catch (err) {
      setError(friendly(err));
      setBusy(false);
    }
  };
  const linkChange = async (personId: string, kind: 'reissue' | 'revoke') => {
    setError(null);
    try {
      const d = await gql<Record<string, WaveRespondent>>(
        kind === 'reissue' ? REISSUE_LINK : REVOKE_LINK,
        { waveId: id, personId },
      );
      const r = d[kind === 'reissue' ? 'reissueWaveLink' : 'revokeWaveLink']!;
      setWave((w) =>
        w ? { ...w, respondents: w.respondents.map((x) => (x.personId === personId ? r : x)) } : w,
      );
      setMessage(
        t(kind === 'reissue' ? 'waves.link.reissued' : 'waves.link.revoked', { name: r.name }),
      );
    } catch (err) {
      setError(friendly(err));
    }
  };

  if (!wave) {
    return error ? (
      <>
        <BackToList go={go} />
        <p class="error" role="alert">
          {error}
        </p>
      </>
    ) : (
      <p role="status">{t('waves.loading')}</p>
    );
  }
  if (editing) {
    return (
      <WaveEditor
        wave={wave}
        onSaved={(w) => {
          setWave(w);
          setEditing(false);
          setMessage(t('waves.saved'));
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div class="wave-detail" data-wave={wave.id} data-state={wave.state}>
      <BackToList go={go} />
      <h2>
        {wave.name} <span class={`wave-state ${wave.state}`}>{t(stateKey(wave.state))}</span>
      </h2>
      <p class="muted">
        {[
          wave.deptName,
          t('waves.until', { date: wave.endDate }),
          wave.openedAt ? t('waves.openedAt', { when: formatDateTime(wave.openedAt) }) : '',
          wave.closedAt ? t('waves.closedAt', { when: formatDateTime(wave.closedAt) }) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p class="wave-counts" data-key="wave-counts">
        <strong>
          {t('waves.counts', {
            submitted: wave.submitted,
            roster: wave.rosterSize,
            rate: formatPercent(wave.responseRate),
          })}
        </strong>{' '}
        {t('waves.counts.rest', { started: wave.started, notStarted: wave.notStarted })}
      </p>
      <Message text={message} kind="notice" dataKey="wave-message" />
      <Message text={error} kind="error" dataKey="wave-error" />
      <div class="wave-actions">
        {wave.state !== 'closed' ? (
          <button
            type="button"
            class="secondary"
            data-key="wave-edit"
            onClick={() => setEditing(true)}
          >
            {wave.state === 'draft' ? t('waves.edit') : t('waves.editOpen')}
          </button>
        ) : null}
        {wave.state === 'draft' ? (
          <>
            <button
              type="button"
              class="primary"
              data-key="wave-open"
              disabled={busy || wave.rosterSize === 0}
              onClick={() => setConfirm('open')}
            >
              {t('waves.open')}
            </button>
            <button
              type="button"
              class="danger"
              data-key="wave-delete"
              disabled={busy}
              onClick={() => setConfirm('delete')}
            >
              {t('waves.delete')}
            </button>
          </>
        ) : null}
        {wave.state === 'open' ? (
          <>
            <button
              type="button"
              class="secondary"
              data-key="wave-refresh"
              onClick={() => {
                setMessage(null);
                void load();
              }}
            >
              {t('waves.refresh')}
            </button>
            <button
              type="button"
              class="danger"
              data-key="wave-close"
              disabled={busy}
              onClick={() => setConfirm('close')}
            >
              {t('waves.close')}
            </button>
          </>
        ) : null}
      </div>
      {confirm ? (
        <div class="confirm" role="alertdialog" aria-labelledby="wave-confirm-text">
          <p id="wave-confirm-text">
            {confirm === 'open'
              ? t('waves.confirm.open', { n: wave.rosterSize })
              : confirm === 'close'
                ? t('waves.confirm.close', {
                    submitted: wave.submitted,
                    roster: wave.rosterSize,
                  })
                : t('waves.confirm.delete')}
          </p>
          <button
            type="button"
            class={confirm === 'open' ? 'primary' : 'danger'}
            data-key="wave-confirm"
            disabled={busy}
            onClick={() =>
              confirm === 'open'
                ? void run(OPEN_WAVE, t('waves.opened'), 'openWave')
                : confirm === 'close'
                  ? void run(CLOSE_WAVE, t('waves.closed'), 'closeWave')
                  : void remove()
            }
          >
            {confirm === 'open'
              ? t('waves.open')
              : confirm === 'close'
                ? t('waves.close')
                : t('waves.delete')}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirm(null)}>
            {t('waves.cancel')}
          </button>
        </div>
      ) : null}
      {wave.state === 'draft' ? <p class="muted">{t('waves.draftHelp')}</p> : null}
      {wave.state === 'closed' ? <p class="muted">{t('waves.closedHelp')}</p> : null}
      {wave.state === 'open' && wave.mailConfigured ? (
        <MailSend wave={wave} onSent={() => void load()} />
      ) : null}
      {wave.state === 'open' ? <Reminders wave={wave} /> : null}
      <Tracking wave={wave} onLink={linkChange} />
    </div>
  );
}
