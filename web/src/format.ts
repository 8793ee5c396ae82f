/**
 * Numbers as a coordinator reads them: scores 0..1 with two decimals, counts with grouping,
 * in the language's convention. Missing values show as "—", never "NaN" or "null".
 */
import type { Lang } from './i18n';

const DASH = '—';

function ok(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** A 0..1 score: "0.62". Values are clamped to 0..1. */
export function formatScore(n: number | null | undefined): string {
  if (!ok(n)) return DASH;
  return Math.min(1, Math.max(0, n)).toFixed(2);
}

/** A whole count with digit grouping: "1,234". */
export function formatCount(n: number | null | undefined, lang: Lang = 'ja'): string {
  if (!ok(n)) return DASH;
  return Math.round(n).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
}

/** A share 0..1 as a percentage: "62%". */
export function formatPercent(n: number | null | undefined): string {
  if (!ok(n)) return DASH;
  return `${Math.round(Math.min(1, Math.max(0, n)) * 100)}%`;
}

/** A decimal with up to `digits` fraction digits: "12.5". */
export function formatNumber(n: number | null | undefined, digits = 1, lang: Lang = 'ja'): string {
  if (!ok(n)) return DASH;
  return n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: digits });
}

/** An ISO date or date-time as a date: "2026年4月1日" / "1 Apr 2026". */
export function formatDate(iso: string | null | undefined, lang: Lang = 'ja'): string {
  if (!iso) return DASH;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return d.toLocaleDateString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** A severity 0..1 as a word, for colour-independent reading. */
export function severityLevel(n: number): 'high' | 'medium' | 'low' {
  return n >= 0.6 ? 'high' : n >= 0.3 ? 'medium' : 'low';
}
