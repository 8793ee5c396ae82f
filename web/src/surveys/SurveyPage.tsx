/**
 * The respondent's form (`/survey#t=<token>`, SPEC §11; docs/surveys.md): opened from a personal
 * link, without an account and without the map. Phone first (one column, big targets, works at
 * 390 px), Japanese first with an English switch, and resumable: every change is saved as a
 * draft on the server (a moment after typing, and at each step), and the link opened again —
 * on any device — brings the answers back.
 *
 * Four steps, then submit: (1) whom they know from the roster and how well, (2) whom they would
 * like to be introduced to, (3) themselves: the キーパーソン群 and 想い・スキル・ネットワーク
 * 0–5, (4) consent. A refused link shows only the server's reason (expired, revoked, closed …).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  LINK_REFUSAL_MESSAGES,
  SurveyAnswerSchema,
  TIE_STRENGTH_LABELS,
  TIE_STRENGTHS,
  type LinkRefusal,
  type SurveyAnswer,
} from '../../../common/surveys';
import { useStore } from '../app/context';
import { formatDateTime } from './format';
import { getLang, t, type PlainKey } from '../i18n';
import {
  readForm,
  saveDraft,
  submitAnswer,
  SurveyFailed,
  SurveyRefused,
  tokenOfLocation,
  type RespondentForm,
  type SubmitReceipt,
} from './respondentApi';
import { PersonName, RosterSearch, type RosterPerson } from './RosterSearch';
import './survey.css';

type Phase =
  | { at: 'loading' }
  | { at: 'refused'; message: string; reason: string }
  | { at: 'failed'; message: string }
  | { at: 'form'; form: RespondentForm }
  | { at: 'done'; form: RespondentForm; receipt: SubmitReceipt };

type Save =
  | { at: 'idle' }
  | { at: 'dirty' }
  | { at: 'saving' }
  | { at: 'saved'; when: string }
  | { at: 'error'; message: string };

const STEPS = ['knows', 'wishes', 'self', 'consent'] as const;
type Step = (typeof STEPS)[number];
/** How long after the last change a draft is saved (the API allows 60 requests a minute). */
const SAVE_AFTER_MS = 1500;

export function SurveyPage() {
  const token = tokenOfLocation(location);
  const [phase, setPhase] = useState<Phase>({ at: 'loading' });
  const lang = getLang();

  useEffect(() => {
    document.title = t('survey.title');
  }, [lang]);
  useEffect(() => {
    if (!token) {
      setPhase({ at: 'refused', reason: 'missing', message: t('survey.noToken') });
      return;
    }
    readForm(token).then(
      (form) => setPhase({ at: 'form', form }),
      (err: unknown) => setPhase(failure(err)),
    );
  }, [token]);

  return (
    <div class="survey-page" data-phase={phase.at}>
      <SurveyBar />
      <main class="survey-main">
        {phase.at === 'loading' ? <p role="status">{t('survey.loading')}</p> : null}
        {phase.at === 'refused' ? (
          <div class="refused" role="alert" data-reason={phase.reason} data-key="survey-refused">
            <h1>{t('survey.refused.title')}</h1>
            <p>{refusalText(phase.reason, phase.message)}</p>
          </div>
        ) : null}
        {phase.at === 'failed' ? (
          <p class="error" role="alert">
            {phase.message}
          </p>
        ) : null}
        {phase.at === 'form' && token ? (
          <SurveyForm
            token={token}
            form={phase.form}
            onRefused={(err) => setPhase(failure(err))}
            onDone={(form, receipt) => setPhase({ at: 'done', form, receipt })}
          />
        ) : null}
        {phase.at === 'done' ? (
          <Thanks
            form={phase.form}
            receipt={phase.receipt}
            onEdit={() => setPhase({ at: 'form', form: phase.form })}
          />
        ) : null}
      </main>
    </div>
  );
}

/** A refusal in the language shown now (the server's reason, or a link without its token). */
function refusalText(reason: string, message: string): string {
  if (reason === 'missing') return t('survey.noToken');
  return reason in LINK_REFUSAL_MESSAGES
    ? LINK_REFUSAL_MESSAGES[reason as LinkRefusal][getLang()]
    : message;
}

function failure(err: unknown): Phase {
  if (err instanceof SurveyRefused)
    return { at: 'refused', reason: err.reason, message: err.message };
  if (err instanceof SurveyFailed) return { at: 'failed', message: err.message };
  console.error(err);
  return { at: 'failed', message: t('err.unknown') };
}

/** The top bar: the survey's name and the language switch. */
function SurveyBar() {
  const store = useStore();
  const lang = getLang();
  return (
    <header class="survey-bar">
      <span class="survey-brand">{t('survey.brand')}</span>
      <button
        type="button"
        class="secondary"
        lang={lang === 'ja' ? 'en' : 'ja'}
        data-key="lang"
        onClick={() => store.view.update({ lang: lang === 'ja' ? 'en' : 'ja' })}
      >
        {t('lang.switch')}
      </button>
    </header>
  );
}

function SurveyForm({
  token,
  form,
  onRefused,
  onDone,
}: {
  token: string;
  form: RespondentForm;
  onRefused: (err: unknown) => void;
  onDone: (form: RespondentForm, receipt: SubmitReceipt) => void;
}) {
  const [answer, setAnswer] = useState<SurveyAnswer>(form.answer);
  const [step, setStep] = useState<Step>('knows');
  const [save, setSave] = useState<Save>(
    form.savedAt && form.status !== 'not_started'
      ? { at: 'saved', when: form.savedAt }
      : { at: 'idle' },
  );
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(answer);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const resumed = form.status === 'started' && answerSize(form.answer) > 0;
  const byId = new Map(form.roster.map((p) => [p.personId, p]));

  const flush = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setSave({ at: 'saving' });
    try {
      const r = await saveDraft(token, latest.current);
      setSave({ at: 'saved', when: r.savedAt });
      return true;
    } catch (err) {
      if (err instanceof SurveyRefused) onRefused(err);
      else setSave({ at: 'error', message: err instanceof Error ? err.message : String(err) });
      return false;
    }
  };
  const change = (next: SurveyAnswer) => {
    latest.current = next;
    setAnswer(next);
    setSave({ at: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
  };
  // Leaving the page (a phone locked, a tab switched) saves what is pending.
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden' && timer.current) void flush();
    };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const go = async (next: Step) => {
    if (timer.current) await flush();
    setStep(next);
    setProblem(null);
    window.scrollTo({ top: 0 });
    document.getElementById('survey-step')?.focus();
  };
  const submit = async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setSubmitting(true);
    setProblem(null);
    try {
      const receipt = await submitAnswer(token, SurveyAnswerSchema.parse(latest.current));
      onDone(
        { ...form, answer: latest.current, status: 'submitted', submittedAt: receipt.submittedAt },
        receipt,
      );
    } catch (err) {
      if (err instanceof SurveyRefused) onRefused(err);
      else setProblem(err instanceof Error ? err.message : String(err));
    } finally {
      setSubmitting(false);
    }
  };
  const index = STEPS.indexOf(step);

  return (
    <>
      <section class="survey-intro">
        <h1>{form.wave.name}</h1>
        <p class="muted">
          {form.wave.deptName ? `${form.wave.deptName} · ` : ''}
          {t('survey.until', { date: form.wave.endDate })}
        </p>
        <p>{t('survey.hello', { name: form.me.name })}</p>
        {form.status === 'submitted' ? (
          <p class="notice" data-key="survey-submitted-note">
            {t('survey.alreadySubmitted', {
              when: formatDateTime(form.submittedAt ?? ''),
            })}
          </p>
        ) : resumed ? (
          <p class="notice" data-key="survey-resumed">
            {t('survey.resumed', { n: answer.knows.length })}
          </p>
        ) : (
          <p class="muted">{t('survey.resumable')}</p>
        )}
        <details class="purpose">
          <summary>{t('survey.purpose')}</summary>
          <p class="consent-text">{form.wave.consentText}</p>
        </details>
      </section>

      <ol class="stepper" aria-label={t('survey.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            <button
              type="button"
              class={s === step ? 'primary' : 'secondary'}
              data-step={s}
              onClick={() => void go(s)}
            >
              <span class="step-n">{i + 1}</span>
              <span class="step-name">{t(`survey.step.${s}` as PlainKey)}</span>
            </button>
          </li>
        ))}
      </ol>

      <section class="survey-step" id="survey-step" tabIndex={-1} data-current={step}>
        {step === 'knows' ? (
          <KnowsStep roster={form.roster} answer={answer} onChange={change} />
        ) : step === 'wishes' ? (
          <WishesStep roster={form.roster} byId={byId} answer={answer} onChange={change} />
        ) : step === 'self' ? (
          <SelfStep answer={answer} onChange={change} />
        ) : (
          <ConsentStep form={form} answer={answer} byId={byId} onChange={change} />
        )}
      </section>

      {problem ? (
        <p class="error" role="alert" data-key="survey-problem">
          {problem}
        </p>
      ) : null}
      <div class="step-nav">
        {index > 0 ? (
          <button type="button" class="secondary" onClick={() => void go(STEPS[index - 1]!)}>
            {t('survey.back')}
          </button>
        ) : (
          <span />
        )}
        {index < STEPS.length - 1 ? (
          <button
            type="button"
            class="primary"
            data-key="survey-next"
            onClick={() => void go(STEPS[index + 1]!)}
          >
            {t('survey.next')}
          </button>
        ) : (
          <button
            type="button"
            class="primary"
            data-key="survey-submit"
            disabled={submitting}
            onClick={() => void submit()}
          >
            {submitting ? t('survey.submitting') : t('survey.submit')}
          </button>
        )}
      </div>
      <p class="save-state" role="status" aria-live="polite" data-save={save.at}>
        {saveText(save)}
      </p>
    </>
  );
}

function answerSize(a: SurveyAnswer): number {
  return (
    a.knows.length +
    a.wishes.length +
    (a.wishText ? 1 : 0) +
    (a.keyPerson === null ? 0 : 1) +
    [a.mind, a.skill, a.network].filter((v) => v !== null).length
  );
}

function saveText(save: Save): string {
  switch (save.at) {
    case 'idle':
      return '';
    case 'dirty':
      return t('survey.save.dirty');
    case 'saving':
      return t('survey.save.saving');
    case 'saved':
      return t('survey.save.saved', { when: formatDateTime(save.when) });
    case 'error':
      return t('survey.save.error', { message: save.message });
  }
}

const strengthLabel = (s: 1 | 2 | 3) => TIE_STRENGTH_LABELS[s][getLang()];

/** Step 1: whom they know, each with how well. */
function KnowsStep({
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
function WishesStep({
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

const SCORES = [0, 1, 2, 3, 4, 5] as const;

/** Step 3: the key-person self-declaration and 想い・スキル・ネットワーク 0–5. */
function SelfStep({
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

/** Step 4: consent, what will be sent, and the submit button (below, in the step bar). */
function ConsentStep({
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
      <label class="check">
        <input
          type="checkbox"
          id="share-contact"
          checked={answer.shareContact}
          onChange={(e) => onChange({ ...answer, shareContact: e.currentTarget.checked })}
        />
        {t('survey.consent.shareContact')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          id="public-profile"
          checked={answer.publicProfile}
          onChange={(e) => onChange({ ...answer, publicProfile: e.currentTarget.checked })}
        />
        {t('survey.consent.publicProfile')}
      </label>
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

function Thanks({
  form,
  receipt,
  onEdit,
}: {
  form: RespondentForm;
  receipt: SubmitReceipt;
  onEdit: () => void;
}) {
  return (
    <section class="thanks" data-key="survey-thanks">
      <h1>{t('survey.thanks.title')}</h1>
      <p>{t('survey.thanks.body', { when: formatDateTime(receipt.submittedAt) })}</p>
      <p class="muted">{t('survey.thanks.edit', { date: form.wave.endDate })}</p>
      <button type="button" class="secondary" data-key="survey-edit" onClick={onEdit}>
        {t('survey.thanks.editButton')}
      </button>
    </section>
  );
}
