/** Small pieces the panels share: a metric, a bar, a status. */
import type { ComponentChildren } from 'preact';
import { formatScore } from './format';
import { t } from './i18n';
import type { Async } from './store/resource';

/** A number with its label and a hover explanation (title), e.g. 「スコア 0.62」. */
export function Metric(props: { label: string; value: string; help: string; class?: string }) {
  return (
    <span class={`metric ${props.class ?? ''}`.trim()} title={props.help}>
      <span class="metric-label">{props.label}</span>{' '}
      <strong class="metric-value">{props.value}</strong>
    </span>
  );
}

/** A 0..1 value as a small bar (decorative; the number is shown beside it). */
export function Bar({ value }: { value: number }) {
  const width = `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
  return (
    <span class="bar" aria-hidden="true">
      <span class="bar-fill" style={{ width }} />
    </span>
  );
}

/** A 0..1 score as a metric with its bar (the headline number of a list entry). */
export function Score(props: { label: string; value: number; help: string; class?: string }) {
  return (
    <span class={props.class ?? 'score'}>
      <Metric label={props.label} value={formatScore(props.value)} help={props.help} />
      <Bar value={props.value} />
    </span>
  );
}

/** Loading / error states of an answer; null when there is a value to show. */
export function AsyncStatus<T>({ data }: { data: Async<T> }): ComponentChildren {
  if (data.status === 'loading' || data.status === 'idle')
    return (
      <p class="muted" role="status">
        {t('progress.loading')}
      </p>
    );
  if (data.status === 'error')
    return (
      <p class="error" role="alert">
        {data.message}
      </p>
    );
  return null;
}
