/** Times of the survey pages as a person reads them: in Japan's time zone, to the minute. */
import { getLang } from '../i18n';

/** "2026/12/02 19:11" (ja) or "2 Dec 2026, 19:11" (en); '—' for nothing. */
export function formatDateTime(iso: string | null | undefined, lang = getLang()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return d.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: lang === 'ja' ? '2-digit' : 'short',
    day: lang === 'ja' ? '2-digit' : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
