/**
 * Dates as `YYYY-MM-DD` strings (UTC), the form every stored date and every `asOf` takes, so
 * they compare as text (SPEC §12: a tie is valid on D when since ≤ D < until).
 */

/** Today (UTC) as YYYY-MM-DD: the `asOf` of every analysis of "now". */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** `iso` plus `days` (negative for earlier). */
export function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
