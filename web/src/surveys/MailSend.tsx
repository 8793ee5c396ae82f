/**
 * 「メールで送る」 (shown only when the server has SMTP configured: Wave.mailConfigured): the
 * invitation to those not started or the reminder to those not submitted, each with their own
 * link; a confirm step naming how many will be sent, then the summary of the server's report.
 */
import { useState } from 'preact/hooks';
import { friendly, gql } from '../api';
import { t, type PlainKey } from '../i18n';
import { SURVEY_MAIL_KINDS, type SurveyMailKind } from '../../../common/surveyMail';
import { mailTargets, notReached } from './mailTargets';
import { SEND_WAVE_LINKS, type Wave, type WaveMailReport } from './queries';
import { Message } from './Message';

export function MailSend({ wave, onSent }: { wave: Wave; onSent: () => void }) {
  const [kind, setKind] = useState<SurveyMailKind>('INVITATION');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<WaveMailReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const targets = mailTargets(wave, kind);
  const kindLabel = t(`mail.kind.${kind}` as PlainKey);
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const d = await gql<{ sendWaveLinks: WaveMailReport }>(SEND_WAVE_LINKS, {
        waveId: wave.id,
        personIds: targets.send.map((r) => r.personId),
        kind,
      });
      setReport(d.sendWaveLinks);
      setConfirming(false);
      onSent();
    } catch (err) {
      setError(friendly(err));
    } finally {
      setBusy(false);
    }
  };
  const missed = report ? report.results.filter((r) => r.outcome !== 'sent') : [];
  return (
    <section class="mail-send" data-key="mail-send">
      <h3>{t('mail.title')}</h3>
      <p class="muted small">{t('mail.lead')}</p>
      <div class="filters" role="group" aria-label={t('mail.title')}>
        {SURVEY_MAIL_KINDS.map((k) => (
          <button
            type="button"
            key={k}
            class={kind === k ? 'primary' : 'secondary'}
            aria-pressed={kind === k}
            data-mail-kind={k}
            onClick={() => {
              setKind(k);
              setConfirming(false);
            }}
          >
            {t(`mail.kind.${k}` as PlainKey)}
          </button>
        ))}
      </div>
      <p data-key="mail-count">
        {targets.send.length > 0
          ? t('mail.count', { n: targets.send.length, without: targets.without.length })
          : t('mail.nobody')}
      </p>
      {confirming ? (
        <div class="confirm" role="alertdialog" aria-labelledby="mail-confirm-text">
          <p id="mail-confirm-text">
            {t('mail.confirm', { n: targets.send.length, kind: kindLabel })}
          </p>
          <button
            type="button"
            class="primary"
            data-key="mail-confirm"
            disabled={busy}
            onClick={() => void send()}
          >
            {busy ? t('mail.sending') : t('mail.confirm.send')}
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            {t('mail.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="primary"
          data-key="mail-send-button"
          disabled={targets.send.length === 0}
          onClick={() => {
            setReport(null);
            setConfirming(true);
          }}
        >
          {t('mail.send')}
        </button>
      )}
      <Message text={error} kind="error" dataKey="mail-error" />
      {report ? (
        <div class="notice" role="status" data-key="mail-result">
          <p>{t('mail.result', report)}</p>
          {missed.length > 0 ? (
            <ul class="small">
              {missed.map((r) => (
                <li key={r.personId} data-mail-missed={r.personId}>
                  {notReached([r])[0]}: {t(`mail.reason.${r.reason ?? 'SEND_FAILED'}` as PlainKey)}
                  {r.smtpCode ? ` (${r.smtpCode})` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
