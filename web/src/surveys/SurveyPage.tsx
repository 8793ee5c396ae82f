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
import { useEffect, useState } from 'preact/hooks';
import { LINK_REFUSAL_MESSAGES, type LinkRefusal } from '../../../common/surveys';
import { useStore } from '../app/context';
import { formatDateTime } from './format';
import { getLang, t } from '../i18n';
import {
  readForm,
  SurveyFailed,
  SurveyRefused,
  tokenOfLocation,
  type RespondentForm,
  type SubmitReceipt,
} from './respondentApi';
import { SurveyForm } from './SurveyForm';
import './survey.css';

type Phase =
  | { at: 'loading' }
  | { at: 'refused'; message: string; reason: string }
  | { at: 'failed'; message: string }
  | { at: 'form'; form: RespondentForm }
  | { at: 'done'; form: RespondentForm; receipt: SubmitReceipt };

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
