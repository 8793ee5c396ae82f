/**
 * The survey's two roster steps: (1) whom the respondent knows and how well, (2) whom they would
 * like to be introduced to — each found on the roster by name or フリガナ (RosterSearch.tsx).
 */
import { useState } from 'preact/hooks';
import { TIE_STRENGTH_LABELS, TIE_STRENGTHS, type SurveyAnswer } from '../../../common/surveys';
import { getLang, t } from '../i18n';
import type { RespondentForm } from './respondentApi';
import { PersonName, RosterSearch, type RosterPerson } from './RosterSearch';

const strengthLabel = (s: 1 | 2 | 3) => TIE_STRENGTH_LABELS[s][getLang()];

/** Step 1: whom they know, each with how well. */
export function KnowsStep({
  roster,
  answer,
  onChange,
}: {
  roster: RespondentForm['roster'];
  answer: SurveyAnswer;
  onChange: (a: SurveyAnswer) => void;
}) {
  const [choosing, setChoosing] = useState<string | null>(null);
  const strengthOf = new Map(answer.knows.map((k) => [k.personId, k.strength]));
  const byId = new Map(roster.map((p) => [p.personId, p]));
  const setStrength = (personId: string, strength: 1 | 2 | 3) => {
    const knows = strengthOf.has(personId)
      ? answer.knows.map((k) => (k.personId === personId ? { personId, strength } : k))
      : [...answer.knows, { personId, strength }];
    onChange({ ...answer, knows });
    setChoosing(null);
  };
  const remove = (personId: string) =>
    onChange({ ...answer, knows: answer.knows.filter((k) => k.personId !== personId) });
  return (
    <>
      <h2>{t('survey.knows.title')}</h2>
      <p class="lead">{t('survey.knows.lead')}</p>
      <ul class="strength-legend">
        {TIE_STRENGTHS.map((s) => (
          <li key={s}>
            <strong>{s}</strong> {strengthLabel(s)}
          </li>
        ))}
      </ul>
      <RosterSearch
        id="knows-search"
        roster={roster}
        label={t('survey.knows.search')}
        row={(p) => (
          <div class="hit">
            <button
              type="button"
              class={`pick${strengthOf.has(p.personId) ? ' picked' : ''}`}
              data-pick={p.personId}
              aria-expanded={choosing === p.personId}
              onClick={() => setChoosing(choosing === p.personId ? null : p.personId)}
            >
              <PersonName p={p} />
              <span class="pick-state">
                {strengthOf.has(p.personId)
                  ? strengthLabel(strengthOf.get(p.personId)!)
                  : t('survey.knows.pick')}
              </span>
            </button>
            {choosing === p.personId ? (
              <div
                class="strength-choice"
                role="group"
                aria-label={t('survey.knows.howWell', { name: p.name })}
              >
                {TIE_STRENGTHS.map((s) => (
                  <button
                    type="button"
                    key={s}
                    class={strengthOf.get(p.personId) === s ? 'primary' : 'secondary'}
                    data-strength={s}
                    onClick={() => setStrength(p.personId, s)}
                  >
                    {s} {strengthLabel(s)}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
        )}
      />
      <h3>{t('survey.knows.chosen', { n: answer.knows.length })}</h3>
      {answer.knows.length === 0 ? (
        <p class="muted">{t('survey.knows.noneYet')}</p>
      ) : (
        <ul class="chosen" data-key="knows-chosen">
          {answer.knows.map((k) => {
            const p = byId.get(k.personId);
            if (!p) return null;
            return (
              <li key={k.personId} data-person={k.personId}>
                <PersonName p={p} />
                <select
                  aria-label={t('survey.knows.howWell', { name: p.name })}
                  value={String(k.strength)}
                  onChange={(e) =>
                    setStrength(k.personId, Number(e.currentTarget.value) as 1 | 2 | 3)
                  }
                >
                  {TIE_STRENGTHS.map((s) => (
                    <option key={s} value={String(s)}>
                      {s} {strengthLabel(s)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  class="link remove"
                  data-remove={k.personId}
                  onClick={() => remove(k.personId)}
                >
                  {t('survey.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** Step 2: whom they would like to be introduced to (roster names and free text). */
export function WishesStep({
  roster,
  byId,
  answer,
  onChange,
}: {
  roster: RespondentForm['roster'];
  byId: Map<string, RosterPerson>;
  answer: SurveyAnswer;
  onChange: (a: SurveyAnswer) => void;
}) {
  const wished = new Set(answer.wishes);
  const toggle = (personId: string) =>
    onChange({
      ...answer,
      wishes: wished.has(personId)
        ? answer.wishes.filter((w) => w !== personId)
        : [...answer.wishes, personId],
    });
  return (
    <>
      <h2>{t('survey.wishes.title')}</h2>
      <p class="lead">{t('survey.wishes.lead')}</p>
      <RosterSearch
        id="wishes-search"
        roster={roster}
        label={t('survey.wishes.search')}
        row={(p) => (
          <button
            type="button"
            class={`pick${wished.has(p.personId) ? ' picked' : ''}`}
            data-wish={p.personId}
            aria-pressed={wished.has(p.personId)}
            onClick={() => toggle(p.personId)}
          >
            <PersonName p={p} />
            <span class="pick-state">
              {wished.has(p.personId) ? t('survey.wishes.chosen1') : t('survey.wishes.pick')}
            </span>
          </button>
        )}
      />
      <h3>{t('survey.wishes.chosen', { n: answer.wishes.length })}</h3>
      {answer.wishes.length > 0 ? (
        <ul class="chosen" data-key="wishes-chosen">
          {answer.wishes.map((id) => {
            const p = byId.get(id);
            return p ? (
              <li key={id} data-person={id}>
                <PersonName p={p} />
                <button type="button" class="link remove" onClick={() => toggle(id)}>
                  {t('survey.remove')}
                </button>
              </li>
            ) : null;
          })}
        </ul>
      ) : null}
      <label for="wish-text" class="block-label">
        {t('survey.wishes.text')}
      </label>
      <textarea
        id="wish-text"
        rows={3}
        maxLength={1000}
        placeholder={t('survey.wishes.textPlaceholder')}
        value={answer.wishText}
        onInput={(e) => onChange({ ...answer, wishText: e.currentTarget.value })}
      />
    </>
  );
}
