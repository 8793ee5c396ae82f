/**
 * The schema-driven form: its fields come from the domain model (fields.ts), its checks from the
 * model's zod schemas (values.ts), its words from i18n (messages.ts). The 詳細 panel's edit uses
 * it; the entry forms and the survey are meant to.
 *
 * Keyboard and screen readers: every input has its label (`for`/`id`), tab order is the order
 * of the fields, Enter in a field submits, Esc cancels; a problem is shown beside its field
 * (`aria-invalid`, `aria-describedby`), summed up in an alert at the top, and the first field
 * with a problem gets the focus. Messages are kept as issue kinds and translated when shown, so
 * a language switch translates them and keeps what was typed.
 *
 * `onSubmit` gets only the changes (values.ts formChanges); a form saved as it opened calls
 * `onUnchanged` and sends nothing. A rejection with the server's per-field problems
 * (ApiError.fields) shows them beside their fields.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { ApiError } from '../api';
import { enumLabel, t } from '../i18n';
import { shownFields, type FieldDef, type FormContext } from './fields';
import { fieldHelp, fieldLabel, issueText, knownIssueCode } from './messages';
import {
  checkForm,
  formChanges,
  rawFromRecord,
  serverIssues,
  type FieldChange,
  type FieldIssue,
  type RawValue,
  type RawValues,
} from './values';

export interface FormProps {
  /** Prefix of the inputs' ids: `${id}-${field}` (and `${id}-${field}-err` for its message). */
  id: string;
  /** The form's accessible name. */
  label: string;
  /** Extra class of the form element. */
  className?: string;
  /** The fields the form may show (those whose condition holds are shown). */
  defs: readonly FieldDef[];
  /**
   * What the form is filled for, from what is typed so far (e.g. a person is a talent: the
   * talent fields appear). Without it, conditional fields are not shown.
   */
  context?: (raw: RawValues) => FormContext;
  /** The values the form opens with (null or missing = empty). */
  record: Record<string, unknown>;
  /** The kind's object schema, for its rules across fields. */
  schema?: z.ZodObject;
  submitLabel: string;
  cancelLabel: string;
  onSubmit(changes: FieldChange[]): Promise<void>;
  onUnchanged(): void;
  onCancel(): void;
}

type Summary = 'invalid' | 'serverInvalid' | { text: string } | null;

const NO_CONTEXT: FormContext = { isTalent: false };

export function Form(props: FormProps) {
  const all = props.defs;
  // What the form opened with stays what it compares with: a newer record read meanwhile
  // (another write) does not turn the fields the person left alone into changes.
  const [{ record, opened }] = useState(() => ({
    record: props.record,
    opened: rawFromRecord(all, props.record),
  }));
  const [raw, setRaw] = useState<RawValues>(opened);
  const defs = shownFields(all, props.context ? props.context(raw) : NO_CONTEXT);
  const [issues, setIssues] = useState<Record<string, FieldIssue>>({});
  const [summary, setSummary] = useState<Summary>(null);
  const [busy, setBusy] = useState(false);
  const [focusProblem, setFocusProblem] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  // The first field with a problem gets the focus once the messages are shown.
  useEffect(() => {
    if (focusProblem > 0)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusProblem]);

  const set = (name: string, value: RawValue) => setRaw((r) => ({ ...r, [name]: value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const checked = checkForm(
      defs,
      raw,
      props.schema ? { schema: props.schema, record } : undefined,
    );
    if (Object.keys(checked.issues).length > 0) {
      setIssues(checked.issues);
      setSummary('invalid');
      setFocusProblem((n) => n + 1);
      return;
    }
    setIssues({});
    setSummary(null);
    const changes = formChanges(defs, opened, raw, checked.values, record);
    if (changes.length === 0) {
      props.onUnchanged();
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(changes);
    } catch (err) {
      if (!mounted.current) return;
      if (err instanceof ApiError && err.fields.length > 0) {
        // The server's validation (the same schemas, and its rules across fields).
        setIssues(serverIssues(err.fields, knownIssueCode));
        setSummary('serverInvalid');
        setFocusProblem((n) => n + 1);
      } else {
        setSummary({ text: err instanceof Error ? err.message : t('err.unknown') });
      }
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const shown = new Set(defs.map((d) => d.name as string));
  // Problems of fields the form does not show are named in the summary.
  const others = Object.entries(issues)
    .filter(([name]) => !shown.has(name))
    .map(([name, issue]) => `${fieldLabel(name)}: ${issueText(issue)}`);
  const summaryText = [
    summary === 'invalid'
      ? t('form.invalid')
      : summary === 'serverInvalid'
        ? t('form.serverInvalid')
        : (summary?.text ?? ''),
    ...others,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form
      ref={formRef}
      class={`form ${props.className ?? ''}`.trim()}
      noValidate
      aria-label={props.label}
      aria-busy={busy ? 'true' : undefined}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onCancel();
        } else if (
          e.key === 'Enter' &&
          e.target instanceof HTMLInputElement &&
          e.target.type === 'checkbox'
        ) {
          // Enter submits from a checkbox too (the browser does it only from text inputs).
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
      <p class="error" role="alert" hidden={summaryText === ''}>
        {summaryText}
      </p>
      {defs.map((d) => (
        <Field
          key={d.name}
          def={d}
          id={`${props.id}-${d.name}`}
          value={raw[d.name]}
          issue={issues[d.name]}
          onChange={(v) => set(d.name, v)}
        />
      ))}
      <div class="actions">
        <button type="submit" class="primary" data-key="save" disabled={busy}>
          {props.submitLabel}
        </button>
        <button type="button" class="secondary" data-key="cancel" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
      </div>
    </form>
  );
}

interface FieldProps {
  def: FieldDef;
  id: string;
  value: RawValue | undefined;
  issue: FieldIssue | undefined;
  onChange(value: RawValue): void;
}

/** One field: its label, its input, its help and its problem. */
function Field({ def, id, value, issue, onChange }: FieldProps) {
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const help = fieldHelp(def.name);
  const describedBy = def.hint && help ? `${hintId} ${errId}` : errId;
  const a11y = {
    id,
    name: def.name,
    'aria-describedby': describedBy,
    'aria-invalid': issue ? 'true' : 'false',
  } as const;
  const label = (
    <label for={id}>
      {fieldLabel(def.name)}
      {def.required ? (
        <span class="req" aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </label>
  );
  const error = (
    <span class="field-error" id={errId}>
      {issue ? issueText(issue) : ''}
    </span>
  );
  if (def.type === 'bool') {
    return (
      <div class="field check">
        <input
          type="checkbox"
          {...a11y}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        {label}
        {error}
      </div>
    );
  }
  if (def.type === 'enumList') {
    const list = Array.isArray(value) ? value : [];
    return (
      <fieldset
        class="field checks-field"
        id={id}
        aria-describedby={errId}
        aria-invalid={issue ? 'true' : 'false'}
      >
        <legend>{fieldLabel(def.name)}</legend>
        <div class="checks">
          {def.values!.map((x) => (
            <label key={x}>
              <input
                type="checkbox"
                name={def.name}
                value={x}
                checked={list.includes(x)}
                onChange={(e) =>
                  onChange(
                    e.currentTarget.checked
                      ? def.values!.filter((v) => v === x || list.includes(v))
                      : list.filter((v) => v !== x),
                  )
                }
              />{' '}
              {enumLabel(def.group!, x)}
            </label>
          ))}
        </div>
        {error}
      </fieldset>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const input =
    def.type === 'enum' ? (
      <select
        {...a11y}
        aria-required={def.required ? 'true' : undefined}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {def.required && text !== '' ? null : <option value="">—</option>}
        {def.values!.map((x) => (
          <option key={x} value={x}>
            {enumLabel(def.group!, x)}
          </option>
        ))}
      </select>
    ) : (
      <input
        {...a11y}
        aria-required={def.required ? 'true' : undefined}
        // (Preact's typings pair each input type with its own attributes; these three share them.)
        type={(def.type === 'date' ? 'date' : def.type === 'email' ? 'email' : 'text') as 'text'}
        inputMode={def.type === 'int' ? 'numeric' : def.type === 'number' ? 'decimal' : undefined}
        value={text}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    );
  return (
    <div class="field">
      {label}
      {input}
      {def.hint && help ? (
        <span class="hint" id={hintId}>
          {help}
        </span>
      ) : null}
      {error}
    </div>
  );
}
