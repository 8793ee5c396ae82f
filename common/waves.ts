/**
 * Survey waves and fiscal years as dates (SPEC §11, §12). Interim: until the survey issue
 * stores waves (a `SurveyWave` with its closing date), a wave is one of the generator's two
 * survey waves below, read as the network at its date. `networkMetrics(waveId:)` accepts any
 * wave id; an id that is not known is a clear error, never a guess.
 */

export interface WaveDef {
  id: string;
  nameJa: string;
  nameEn: string;
  /** The wave's closing date: the network it describes is the projection of this date. */
  date: string;
}

/** The generator's two つながり調査 waves (seeds/history.ts dates its ties around them). */
export const SURVEY_WAVES: readonly WaveDef[] = [
  {
    id: 'wave:r4',
    nameJa: '令和4年度 つながり調査',
    nameEn: 'FY2022 network survey',
    date: '2023-02-15',
  },
  {
    id: 'wave:r5',
    nameJa: '令和5年度 つながり調査',
    nameEn: 'FY2023 network survey',
    date: '2024-02-15',
  },
];

export function waveById(id: string): WaveDef | undefined {
  return SURVEY_WAVES.find((w) => w.id === id);
}

/** Japanese fiscal year (年度) of a date: April to March; 令和N年度 = FY 2018 + N. */
export function fiscalYear(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m >= 4 ? y : y - 1;
}

/** 令和N年度 for a fiscal year (2019 = 令和元年度). */
export function reiwaLabel(fy: number): string {
  const n = fy - 2018;
  return n === 1 ? '令和元年度' : `令和${n}年度`;
}

/** The last day of a fiscal year (March 31 of the next year). */
export function fiscalYearEnd(fy: number): string {
  return `${fy + 1}-03-31`;
}

/** The first fiscal year of the history the demo and the trend show: 令和4年度. */
export const HISTORY_FIRST_FY = 2022;

/**
 * The dates of a trend (SPEC §12: "each metric over all waves"): the start of 令和4年度, every
 * fiscal-year end from 令和4年度 on, the survey waves, and today — those not after today,
 * sorted, each once.
 */
export function trendDates(today: string): string[] {
  const dates = new Set<string>([`${HISTORY_FIRST_FY}-04-01`, today]);
  for (let fy = HISTORY_FIRST_FY; fiscalYearEnd(fy) <= today; fy++) dates.add(fiscalYearEnd(fy));
  for (const w of SURVEY_WAVES) dates.add(w.date);
  return [...dates].filter((d) => d <= today).sort();
}
