/**
 * The tracking of a wave: each respondent's status — 提出済み / 回答中 / 未着手 — with the times,
 * filtered by status, and while the wave is open their personal link to copy, reissue or revoke.
 */
import { useState } from 'preact/hooks';
import { getLang, t, type PlainKey } from '../i18n';
import { useCopied } from './copy';
import { formatDateTime } from './format';
import { fullLink } from './mailMerge';
import type { Wave, WaveRespondent } from './queries';

type Filter = 'all' | WaveRespondent['status'];

export function Tracking({
  wave,
  onLink,
}: {
  wave: Wave;
  onLink: (personId: string, kind: 'reissue' | 'revoke') => Promise<void>;
}) {
  const lang = getLang();
  const [filter, setFilter] = useState<Filter>('all');
  const [copied, copy] = useCopied();
  const rows = wave.respondents.filter((r) => filter === 'all' || r.status === filter);
  const filters: Array<{ f: Filter; n: number }> = [
    { f: 'all', n: wave.rosterSize },
    { f: 'submitted', n: wave.submitted },
    { f: 'started', n: wave.started },
    { f: 'not_started', n: wave.notStarted },
  ];
  return (
    <section class="tracking">
      <h3>{t('waves.tracking')}</h3>
      <div class="filters" role="group" aria-label={t('waves.filter')}>
        {filters.map(({ f, n }) => (
          <button
            type="button"
            key={f}
            class={filter === f ? 'primary' : 'secondary'}
            aria-pressed={filter === f}
            data-filter={f}
            onClick={() => setFilter(f)}
          >
            {t(`waves.filter.${f}` as PlainKey)} {n}
          </button>
        ))}
      </div>
      <div class="table-scroll">
        <table class="tracking-table" data-key="tracking-table">
          <thead>
            <tr>
              <th>{t('waves.col.person')}</th>
              <th>{t('waves.col.status')}</th>
              <th>{t('waves.col.savedAt')}</th>
              <th>{t('waves.col.submittedAt')}</th>
              {wave.state === 'open' ? <th>{t('waves.col.link')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.personId} data-person={r.personId} data-status={r.status}>
                <th>
                  {r.name}
                  {r.nameKana ? <div class="muted small">{r.nameKana}</div> : null}
                </th>
                <td>
                  <span class={`status ${r.status}`}>
                    {lang === 'ja' ? r.statusJa : r.statusEn}
                  </span>
                </td>
                <td>{formatDateTime(r.savedAt)}</td>
                <td>{formatDateTime(r.submittedAt)}</td>
                {wave.state === 'open' ? (
                  <td class="link-cell">
                    {r.linkPath ? (
                      <>
                        <button
                          type="button"
                          class="link"
                          data-copy-link={r.personId}
                          onClick={() =>
                            copy(`link:${r.personId}`, fullLink(location.origin, r.linkPath!))
                          }
                        >
                          {copied === `link:${r.personId}`
                            ? t('waves.copied')
                            : t('waves.link.copy')}
                        </button>{' '}
                        <button
                          type="button"
                          class="link"
                          data-reissue={r.personId}
                          title={t('waves.link.reissue.help')}
                          onClick={() => void onLink(r.personId, 'reissue')}
                        >
                          {t('waves.link.reissue')}
                        </button>{' '}
                        <button
                          type="button"
                          class="link danger-link"
                          data-revoke={r.personId}
                          title={t('waves.link.revoke.help')}
                          onClick={() => void onLink(r.personId, 'revoke')}
                        >
                          {t('waves.link.revoke')}
                        </button>
                      </>
                    ) : (
                      <>
                        <span class="muted">{t('waves.link.none')}</span>{' '}
                        <button
                          type="button"
                          class="link"
                          data-reissue={r.personId}
                          onClick={() => void onLink(r.personId, 'reissue')}
                        >
                          {t('waves.link.issue')}
                        </button>
                      </>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
