/**
 * A wave's settings (docs/surveys.md "A wave"): a new wave, a draft (everything), or an open
 * wave (its name, its end date — the links are then reissued — and more people on the roster;
 * nobody taken off, the consent text fixed). The roster is picked from `waveRosterCandidates`:
 * the dept's member staff first, then key persons, then everyone else of its regions, found by
 * name or フリガナ.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_CONSENT_TEXT, ROSTER_GROUPS, type RosterGroup } from '../../../common/surveys';
import { fiscalYear, reiwaLabel } from '../../../common/waves';
import { friendly, gql } from '../api';
import { useStore } from '../app/context';
import { getLang, t, type PlainKey } from '../i18n';
import {
  CANDIDATES,
  CREATE_WAVE,
  DEPTS,
  EDIT_WAVE,
  SET_ROSTER,
  WAVES,
  type Wave,
  type WaveCandidate,
} from './queries';
import { PersonName, RosterSearch } from './RosterSearch';
import { Message } from './Message';

/** YYYY-MM-DD in Japan's time zone, `days` from now. */
function jstDate(days = 0): string {
  return new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The name a new wave starts with: 令和N年度 第k回, k one more than the year's waves so far. */
export function suggestedName(existing: readonly Pick<Wave, 'name'>[], today: string): string {
  const year = reiwaLabel(fiscalYear(today));
  const n = existing.filter((w) => w.name.startsWith(year)).length + 1;
  return `${year} 第${n}回`;
}

export function WaveEditor({
  wave,
  onSaved,
  onCancel,
}: {
  wave: Wave | null;
  onSaved: (w: Wave) => void;
  onCancel: () => void;
}) {
  const store = useStore();
  const me = store.me.value;
  const isAdmin = me?.role === 'admin';
  const state = wave?.state ?? 'draft';
  const [name, setName] = useState(wave?.name ?? '');
  const [endDate, setEndDate] = useState(wave?.endDate ?? jstDate(14));
  const [consent, setConsent] = useState(wave?.consentText ?? DEFAULT_CONSENT_TEXT);
  const [deptId, setDeptId] = useState<string | null>(wave?.deptId ?? me?.deptId ?? null);
  const [depts, setDepts] = useState<Array<{ id: string; name: string }>>([]);
  const [chosen, setChosen] = useState<string[]>(wave?.respondents.map((r) => r.personId) ?? []);
  const [candidates, setCandidates] = useState<WaveCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const locked = new Set(state === 'open' ? (wave?.respondents.map((r) => r.personId) ?? []) : []);

  useEffect(() => {
    if (wave) return;
    gql<{ waves: Wave[] }>(WAVES).then(
      (d) => setName((n) => n || suggestedName(d.waves, jstDate())),
      () => setName((n) => n || suggestedName([], jstDate())),
    );
    if (isAdmin) {
      gql<{ regions: Array<{ depts: Array<{ id: string; name: string }> }> }>(DEPTS).then(
        (d) => {
          const all = new Map(d.regions.flatMap((r) => r.depts).map((x) => [x.id, x]));
          setDepts([...all.values()]);
          setDeptId((cur) => cur ?? [...all.keys()][0] ?? null);
        },
        (err: unknown) => setError(friendly(err)),
      );
    }
  }, []);
  useEffect(() => {
    if (!deptId) return;
    setCandidates(null);
    gql<{ waveRosterCandidates: WaveCandidate[] }>(CANDIDATES, { deptId }).then(
      (d) => setCandidates(d.waveRosterCandidates),
      (err: unknown) => setError(friendly(err)),
    );
  }, [deptId]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      if (!wave) {
        const d = await gql<{ createWave: Wave }>(CREATE_WAVE, {
          deptId: isAdmin ? deptId : null,
          name,
          endDate,
          consentText: consent,
          personIds: chosen,
        });
        onSaved(d.createWave);
        return;
      }
      let out = wave;
      const edits: Record<string, string> = {};
      if (name !== wave.name) edits.name = name;
      if (endDate !== wave.endDate) edits.endDate = endDate;
      if (state === 'draft' && consent !== wave.consentText) edits.consentText = consent;
      if (Object.keys(edits).length > 0)
        out = (await gql<{ editWave: Wave }>(EDIT_WAVE, { id: wave.id, ...edits })).editWave;
      const before = wave.respondents.map((r) => r.personId);
      if (chosen.length !== before.length || chosen.some((p) => !before.includes(p)))
        out = (await gql<{ setWaveRoster: Wave }>(SET_ROSTER, { id: wave.id, personIds: chosen }))
          .setWaveRoster;
      onSaved(out);
    } catch (err) {
      setError(friendly(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="wave-editor"
      data-key="wave-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{wave ? t('waves.editTitle', { name: wave.name }) : t('waves.newTitle')}</h2>
      {isAdmin && !wave ? (
        <p>
          <label for="wave-dept">{t('waves.field.dept')}</label>{' '}
          <select
            id="wave-dept"
            value={deptId ?? ''}
            onChange={(e) => {
              setDeptId(e.currentTarget.value || null);
              setChosen([]);
            }}
          >
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <Field id="wave-name" label={t('waves.field.name')}>
        <input
          id="wave-name"
          type="text"
          required
          maxLength={200}
          placeholder="令和7年度 第1回"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </Field>
      <Field
        id="wave-end"
        label={t('waves.field.endDate')}
        help={state === 'open' ? t('waves.field.endDate.open') : t('waves.field.endDate.help')}
      >
        <input
          id="wave-end"
          type="date"
          required
          min={jstDate()}
          value={endDate}
          onInput={(e) => setEndDate(e.currentTarget.value)}
        />
      </Field>
      <Field
        id="wave-consent"
        label={t('waves.field.consent')}
        help={state === 'draft' ? t('waves.field.consent.help') : t('waves.field.consent.fixed')}
      >
        <textarea
          id="wave-consent"
          rows={7}
          maxLength={5000}
          disabled={state !== 'draft'}
          value={consent}
          onInput={(e) => setConsent(e.currentTarget.value)}
        />
      </Field>
      <RosterPicker candidates={candidates} chosen={chosen} locked={locked} onChange={setChosen} />
      <Message text={error} kind="error" dataKey="wave-error" />
      <div class="wave-actions">
        <button type="submit" class="primary" data-key="wave-save" disabled={busy}>
          {wave ? t('waves.save') : t('waves.create')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('waves.cancel')}
        </button>
      </div>
    </form>
  );
}

const groupKey = (g: RosterGroup) => `waves.group.${g}` as PlainKey;

/** One field of the wave's form: its label, the control, and what it means below. */
function Field({
  id,
  label,
  help,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  children: ComponentChildren;
}) {
  return (
    <p class="field">
      <label for={id}>{label}</label>
      {children}
      {help ? <span class="muted small">{help}</span> : null}
    </p>
  );
}

function RosterPicker({
  candidates,
  chosen,
  locked,
  onChange,
}: {
  candidates: WaveCandidate[] | null;
  chosen: string[];
  locked: Set<string>;
  onChange: (ids: string[]) => void;
}) {
  const lang = getLang();
  if (!candidates) return <p role="status">{t('waves.loading')}</p>;
  const picked = new Set(chosen);
  const byId = new Map(candidates.map((c) => [c.personId, c]));
  const toggle = (id: string) =>
    onChange(picked.has(id) ? chosen.filter((x) => x !== id || locked.has(x)) : [...chosen, id]);
  const addGroup = (g: RosterGroup) =>
    onChange([
      ...chosen,
      ...candidates.filter((c) => c.group === g && !picked.has(c.personId)).map((c) => c.personId),
    ]);
  return (
    <fieldset class="roster-picker" data-key="roster-picker">
      <legend>{t('waves.roster', { n: chosen.length })}</legend>
      <p class="muted small">{t('waves.roster.help')}</p>
      <div class="group-buttons">
        {ROSTER_GROUPS.filter((g) => g !== 'other').map((g) => {
          const n = candidates.filter((c) => c.group === g).length;
          return (
            <button
              type="button"
              key={g}
              class="secondary"
              data-add-group={g}
              disabled={n === 0}
              onClick={() => addGroup(g)}
            >
              {t('waves.roster.addGroup', { group: t(groupKey(g)), n })}
            </button>
          );
        })}
        <button
          type="button"
          class="secondary"
          data-key="roster-clear"
          disabled={chosen.length === locked.size}
          onClick={() => onChange(chosen.filter((x) => locked.has(x)))}
        >
          {t('waves.roster.clear')}
        </button>
      </div>
      <RosterSearch
        id="roster-search"
        roster={candidates}
        label={t('waves.roster.search')}
        limit={50}
        row={(c) => (
          <label class={`candidate${picked.has(c.personId) ? ' picked' : ''}`}>
            <input
              type="checkbox"
              data-candidate={c.personId}
              checked={picked.has(c.personId)}
              disabled={locked.has(c.personId)}
              onChange={() => toggle(c.personId)}
            />
            <PersonName p={c} />
            <span class={`group ${c.group}`}>{t(groupKey(c.group))}</span>
          </label>
        )}
      />
      {chosen.length > 0 ? (
        <ul class="chips" data-key="roster-chosen" lang={lang}>
          {chosen.map((id) => {
            const c = byId.get(id);
            return (
              <li key={id} data-person={id}>
                {c?.name ?? id}
                {locked.has(id) ? null : (
                  <button
                    type="button"
                    class="link"
                    aria-label={t('waves.roster.remove', { name: c?.name ?? id })}
                    onClick={() => toggle(id)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}
