/** Date arithmetic on `YYYY-MM-DD` strings in UTC, so results never depend on the machine's clock or zone. */
const DAY_MS = 86_400_000;

export function parseIsoDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date YYYY-MM-DD: ${iso}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(t).toISOString().slice(0, 10) !== iso)
    throw new Error(`not a calendar date: ${iso}`);
  return t;
}

/** `iso` plus `days` (negative for earlier). */
export function addDays(iso: string, days: number): string {
  return new Date(parseIsoDate(iso) + days * DAY_MS).toISOString().slice(0, 10);
}
