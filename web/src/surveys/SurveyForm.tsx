/**
 * The respondent's form itself (SurveyPage.tsx shows it once the link is read): the four steps
 * with their step bar, the draft saved a moment after each change and at each step (and when
 * the page is hidden), and the submission. The steps are in RosterSteps.tsx and SelfSteps.tsx.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { SurveyAnswerSchema, type SurveyAnswer } from '../../../common/surveys';
import { formatDateTime } from './format';
import { t, type PlainKey } from '../i18n';
import {
  saveDraft,
  submitAnswer,
  SurveyRefused,
  type RespondentForm,
  type SubmitReceipt,
} from './respondentApi';
import { KnowsStep, WishesStep } from './RosterSteps';
import { ConsentStep, SelfStep } from './SelfSteps';
import { Message } from './Message';

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

export function SurveyForm({
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

      <Message text={problem} kind="error" dataKey="survey-problem" />
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
