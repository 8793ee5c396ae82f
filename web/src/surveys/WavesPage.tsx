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
import { formatPercent } from '../format';
import { getLang, t } from '../i18n';
import { WAVES, type Wave } from './queries';
import { WaveDetail } from './WaveDetail';
import { WaveEditor } from './WaveEditor';
import { atOfLocation, hrefOf, stateKey, type At } from './WaveNav';
import './survey.css';

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
