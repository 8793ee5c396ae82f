/** Metric values and changes as a coordinator reads them (units of common/metrics.ts). */
import { formatCount, formatPercent } from '../format';
import { t, type Lang } from '../i18n';
import type { MetricChange, MetricValue } from './queries';

export function formatMetric(value: number | null, unit: string, lang: Lang): string {
  if (value === null) return '—';
  if (unit === 'share') return formatPercent(value);
  if (unit === 'ratio') return value.toFixed(3);
  return formatCount(value, lang);
}

export function formatChange(c: Pick<MetricChange, 'change' | 'unit'>, lang: Lang): string {
  if (c.change === null) return '—';
  if (c.change === 0) return '±0';
  const sign = c.change > 0 ? '+' : '−';
  const abs = Math.abs(c.change);
  if (c.unit === 'share') return `${sign}${Math.round(abs * 100)}pt`;
  if (c.unit === 'ratio') return `${sign}${abs.toFixed(3)}`;
  return `${sign}${formatCount(abs, lang)}`;
}

export function directionText(d: MetricChange['direction']): string {
  return t(`time.dir.${d}`);
}

export function label(m: Pick<MetricValue, 'labelJa' | 'labelEn'>, lang: Lang): string {
  return lang === 'ja' ? m.labelJa : m.labelEn;
}

export function explanation(
  m: Pick<MetricValue, 'explanationJa' | 'explanationEn'>,
  lang: Lang,
): string {
  return lang === 'ja' ? m.explanationJa : m.explanationEn;
}

/** The date a compare or report starts from: the last survey wave before today, else R4. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
