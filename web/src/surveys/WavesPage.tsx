/**
 * つながり調査 for coordinators (`/waves`, SPEC §11; docs/surveys.md "From the web app"): the
 * dept's waves with their state and response rate (`/waves`), a new wave (`?new=1`), and one
 * wave (`?id=wave:…`): its draft to edit and open, or while open the tracking per person —
 * 提出済み / 回答中 / 未着手 with the response rate — the reminders to copy, the mail-merge CSV
 * of names and personal links, reissuing or revoking a link, growing the roster, and closing
 * (which freezes the answers). Only the dept's coordinators and admins run waves; the server
 * refuses everyone else, and the page says so.
 */
import { useEffect, useState } from 'preact/hooks';
import { friendly, gql } from '../api';
import { useStore } from '../app/context';
import { Header } from '../app/Header';
import { download } from '../download';
import { formatPercent } from '../format';
import { getLang, t, type PlainKey } from '../i18n';
import { param } from '../time/useQuery';
import { formatDateTime } from './format';
import { fullLink, mailMergeCsv, reminderText, toRemind } from './mailMerge';
import {
  CLOSE_WAVE,
  DELETE_WAVE,
  OPEN_WAVE,
  REISSUE_LINK,
  REVOKE_LINK,
  WAVE_DETAIL,
  WAVES,
  type Wave,
  type WaveRespondent,
} from './queries';
import { WaveEditor } from './WaveEditor';
import './survey.css';

/** Where on the page: the list, a new wave, or one wave. */
type At = { at: 'list' } | { at: 'new' } | { at: 'wave'; id: string };

function atOfLocation(): At {
  const id = param('id');
  if (id) return { at: 'wave', id };
  return param('new') === '1' ? { at: 'new' } : { at: 'list' };
}

function hrefOf(at: At): string {
  const p = new URLSearchParams();
  if (at.at === 'wave') p.set('id', at.id);
  if (at.at === 'new') p.set('new', '1');
  if (getLang() === 'en') p.set('lang', 'en');
  const q = p.toString();
  return `/waves${q ? `?${q}` : ''}`;
}

export function runsWaves(role: string): boolean {
  return role === 'coordinator' || role === 'admin';
}

export function WavesPage() {
  const store = useStore();
  const me = store.me.value;
  const [at, setAt] = useState<At>(atOfLocation);
  useEffect(() => {
    const back = () => setAt(atOfLocation());
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);
  const go = (next: At) => {
    history.pushState(null, '', hrefOf(next));
    setAt(next);
    window.scrollTo({ top: 0 });
  };
  useEffect(() => {
    document.title = `${t('waves.title')} — ${t('app.title')}`;
  }, [getLang()]);

  if (me && !runsWaves(me.role)) {
    return (
      <>
        <Header />
        <main class="waves-page">
          <h2>{t('waves.title')}</h2>
          <p class="notice" role="alert">
            {t('waves.notAllowed')}
          </p>
        </main>
      </>
    );
  }
  return (
    <>
      <Header />
      <main class="waves-page" data-at={at.at}>
        {at.at === 'list' ? <WaveList go={go} /> : null}
        {at.at === 'new' ? (
          <WaveEditor
            wave={null}
            onSaved={(w) => go({ at: 'wave', id: w.id })}
            onCancel={() => go({ at: 'list' })}
          />
        ) : null}
        {at.at === 'wave' ? <WaveDetail id={at.id} go={go} /> : null}
      </main>
    </>
  );
}

const stateKey = (s: Wave['state']) => `waves.state.${s}` as PlainKey;

function WaveList({ go }: { go: (at: At) => void }) {
  const [answer, setAnswer] = useState<{ waves: Wave[] } | { error: string } | null>(null);
  useEffect(() => {
    gql<{ waves: Wave[] }>(WAVES).then(setAnswer, (err: unknown) =>
      setAnswer({ error: friendly(err) }),
    );
  }, []);
  return (
    <>
      <div class="waves-head">
        <h2>{t('waves.title')}</h2>
        <a class="back" href="/">
          {t('import.backToMap')}
        </a>
      </div>
      <p class="lead">{t('waves.lead')}</p>
      <p>
        <button type="button" class="primary" data-key="wave-new" onClick={() => go({ at: 'new' })}>
          {t('waves.new')}
        </button>
      </p>
      {answer === null ? <p role="status">{t('waves.loading')}</p> : null}
      {answer && 'error' in answer ? (
        <p class="error" role="alert">
          {answer.error}
        </p>
      ) : null}
      {answer && 'waves' in answer ? (
        answer.waves.length === 0 ? (
          <p class="muted">{t('waves.none')}</p>
        ) : (
          <div class="table-scroll">
            <table class="waves-table" data-key="waves-table">
              <thead>
                <tr>
                  <th>{t('waves.col.name')}</th>
                  <th>{t('waves.col.state')}</th>
                  <th>{t('waves.col.endDate')}</th>
                  <th>{t('waves.col.roster')}</th>
                  <th>{t('waves.col.submitted')}</th>
                  <th title={t('waves.rate.help')}>{t('waves.col.rate')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.waves.map((w) => (
                  <tr key={w.id} data-wave={w.id} data-state={w.state}>
                    <th>
                      <a
                        href={hrefOf({ at: 'wave', id: w.id })}
                        onClick={(e) => {
                          e.preventDefault();
                          go({ at: 'wave', id: w.id });
                        }}
                      >
                        {w.name}
                      </a>
                      {w.deptName ? <div class="muted small">{w.deptName}</div> : null}
                    </th>
                    <td>
                      <span class={`wave-state ${w.state}`}>{t(stateKey(w.state))}</span>
                    </td>
                    <td>{w.endDate}</td>
                    <td>{w.rosterSize}</td>
                    <td>
                      {w.submitted} / {w.rosterSize}
                    </td>
                    <td>{w.state === 'draft' ? '—' : formatPercent(w.responseRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </>
  );
}

type Confirm = 'open' | 'close' | 'delete' | null;

function WaveDetail({ id, go }: { id: string; go: (at: At) => void }) {
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
      {message ? (
        <p class="notice" role="status" data-key="wave-message">
          {message}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert" data-key="wave-error">
          {error}
        </p>
      ) : null}
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
      {wave.state === 'open' ? <Reminders wave={wave} /> : null}
      <Tracking wave={wave} onLink={linkChange} />
    </div>
  );
}

function BackToList({ go }: { go: (at: At) => void }) {
  return (
    <p>
      <a
        class="back"
        href={hrefOf({ at: 'list' })}
        data-key="waves-back"
        onClick={(e) => {
          e.preventDefault();
          go({ at: 'list' });
        }}
      >
        {t('waves.backToList')}
      </a>
    </p>
  );
}

/** Copies a text; falls back to selecting it in a hidden field for browsers without the API. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

function useCopied(): [string | null, (key: string, text: string) => void] {
  const [copied, setCopied] = useState<string | null>(null);
  return [
    copied,
    (key, text) =>
      void copyText(text).then((ok) => {
        setCopied(ok ? key : null);
        if (ok) setTimeout(() => setCopied((c) => (c === key ? null : c)), 2500);
      }),
  ];
}

/** Reminders to copy (one per person to remind) and the mail-merge CSV. */
function Reminders({ wave }: { wave: Wave }) {
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

type Filter = 'all' | WaveRespondent['status'];

function Tracking({
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
