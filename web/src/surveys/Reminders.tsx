/**
 * Reminding the respondents of an open wave: a reminder text per person still to answer, to copy
 * into an e-mail or chat, and the mail-merge CSV of names and personal links (mailMerge.ts).
 */
import { useState } from 'preact/hooks';
import { download } from '../download';
import { getLang, t } from '../i18n';
import { useCopied } from './copy';
import { fullLink, mailMergeCsv, reminderText, toRemind } from './mailMerge';
import type { Wave } from './queries';

/** Reminders to copy (one per person to remind) and the mail-merge CSV. */
export function Reminders({ wave }: { wave: Wave }) {
  const lang = getLang();
  const pending = toRemind(wave);
  const [shown, setShown] = useState<string | null>(pending[0]?.personId ?? null);
  const [copied, copy] = useCopied();
  const who = pending.find((r) => r.personId === shown) ?? pending[0] ?? null;
  const text = who ? reminderText(wave, who, fullLink(location.origin, who.linkPath!), lang) : '';
  const csv = (only: boolean) =>
    download(
      new Blob([mailMergeCsv(wave, location.origin, lang, only)], {
        type: 'text/csv;charset=utf-8',
      }),
      `${wave.name.replace(/[\\/:*?"<>|\s]+/g, '_')}_${only ? t('waves.csv.pendingFile') : t('waves.csv.allFile')}.csv`,
    );
  return (
    <section class="reminders" data-key="reminders">
      <h3>{t('waves.remind.title', { n: pending.length })}</h3>
      <p class="muted small">{t('waves.remind.lead')}</p>
      <div class="csv-buttons">
        <button type="button" class="secondary" data-key="csv-pending" onClick={() => csv(true)}>
          {t('waves.csv.pending', { n: pending.length })}
        </button>
        <button type="button" class="secondary" data-key="csv-all" onClick={() => csv(false)}>
          {t('waves.csv.all')}
        </button>
      </div>
      {who ? (
        <>
          <label for="remind-who">{t('waves.remind.who')}</label>{' '}
          <select
            id="remind-who"
            value={who.personId}
            onChange={(e) => setShown(e.currentTarget.value)}
          >
            {pending.map((r) => (
              <option key={r.personId} value={r.personId}>
                {r.name}（{lang === 'ja' ? r.statusJa : r.statusEn}）
              </option>
            ))}
          </select>
          <textarea
            class="reminder-text"
            data-key="reminder-text"
            readOnly
            rows={10}
            value={text}
            aria-label={t('waves.remind.text')}
          />
          <button
            type="button"
            class="primary"
            data-key="reminder-copy"
            onClick={() => copy('reminder', text)}
          >
            {copied === 'reminder' ? t('waves.copied') : t('waves.remind.copy')}
          </button>
        </>
      ) : (
        <p class="notice">{t('waves.remind.nobody')}</p>
      )}
    </section>
  );
}
