/**
 * The survey's last two steps: (3) the respondent themselves — the キーパーソン群 and
 * 想い・スキル・ネットワーク 0–5 — and (4) consent with a summary of what will be sent.
 */
import type { SurveyAnswer } from '../../../common/surveys';
import { t, type PlainKey } from '../i18n';
import type { RespondentForm } from './respondentApi';
import type { RosterPerson } from './RosterSearch';

const SCORES = [0, 1, 2, 3, 4, 5] as const;
/** Step 3: the key-person self-declaration and 想い・スキル・ネットワーク 0–5. */
export function SelfStep({
  answer,
  onChange,
}: {
  answer: SurveyAnswer;
  onChange: (a: SurveyAnswer) => void;
}) {
  const yesNo: Array<{ v: boolean | null; key: PlainKey }> = [
    { v: true, key: 'survey.self.yes' },
    { v: false, key: 'survey.self.no' },
    { v: null, key: 'survey.self.unsure' },
  ];
  return (
    <>
      <h2>{t('survey.self.title')}</h2>
      <fieldset class="choice" data-key="key-person">
        <legend>{t('survey.self.keyPerson')}</legend>
        <p class="muted small">{t('survey.self.keyPersonHelp')}</p>
        {yesNo.map((o) => (
          <label key={String(o.v)} class="radio">
            <input
              type="radio"
              name="keyPerson"
              value={String(o.v)}
              checked={answer.keyPerson === o.v}
              onChange={() => onChange({ ...answer, keyPerson: o.v })}
            />
            {t(o.key)}
          </label>
        ))}
      </fieldset>
      {(['mind', 'skill', 'network'] as const).map((k) => (
        <fieldset class="self-score" key={k} data-score={k}>
          <legend>{t(`survey.self.${k}` as PlainKey)}</legend>
          <p class="muted small">{t(`survey.self.${k}.help` as PlainKey)}</p>
          <div class="score-row">
            {SCORES.map((n) => (
              <label key={n} class={answer[k] === n ? 'on' : ''}>
                <input
                  type="radio"
                  name={k}
                  value={String(n)}
                  checked={answer[k] === n}
                  onChange={() => onChange({ ...answer, [k]: n })}
                />
                <span>{n}</span>
              </label>
            ))}
          </div>
          <p class="score-ends muted small">
            <span>{t('survey.self.low')}</span>
            <span>{t('survey.self.high')}</span>
          </p>
        </fieldset>
      ))}
    </>
  );
}

/** The two consents of step 4: the answer's field, the checkbox's id, its text. */
const CONSENTS: Array<{ field: 'shareContact' | 'publicProfile'; id: string; label: PlainKey }> = [
  { field: 'shareContact', id: 'share-contact', label: 'survey.consent.shareContact' },
  { field: 'publicProfile', id: 'public-profile', label: 'survey.consent.publicProfile' },
];

/** Step 4: consent, what will be sent, and the submit button (below, in the step bar). */
export function ConsentStep({
  form,
  answer,
  byId,
  onChange,
}: {
  form: RespondentForm;
  answer: SurveyAnswer;
  byId: Map<string, RosterPerson>;
  onChange: (a: SurveyAnswer) => void;
}) {
  return (
    <>
      <h2>{t('survey.consent.title')}</h2>
      <p class="consent-text" data-key="consent-text">
        {form.wave.consentText}
      </p>
      {CONSENTS.map((c) => (
        <label class="check" key={c.field}>
          <input
            type="checkbox"
            id={c.id}
            checked={answer[c.field]}
            onChange={(e) => onChange({ ...answer, [c.field]: e.currentTarget.checked })}
          />
          {t(c.label)}
        </label>
      ))}
      <h3>{t('survey.summary')}</h3>
      <ul class="summary" data-key="survey-summary">
        <li>{t('survey.summary.knows', { n: answer.knows.length })}</li>
        <li>
          {t('survey.summary.wishes', { n: answer.wishes.length })}
          {answer.wishes.length > 0
            ? `（${answer.wishes.map((id) => byId.get(id)?.name ?? '').join('、')}）`
            : ''}
        </li>
        <li>
          {t('survey.self.keyPerson')}:{' '}
          {answer.keyPerson === null
            ? t('survey.self.unsure')
            : answer.keyPerson
              ? t('survey.self.yes')
              : t('survey.self.no')}
        </li>
      </ul>
      <p class="muted small">{t('survey.consent.replace')}</p>
    </>
  );
}
