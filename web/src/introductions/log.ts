/**
 * The introductions log (紹介の記録, SPEC §10) on the web side: the GraphQL documents
 * (server/graphql/analytics.graphql, docs/graphql.md §5c), the entry type, and pure helpers —
 * the latest entry of a pair (the 紹介の提案 panel shows a suggestion already accepted as
 * 承諾済み), the label of each move, and the rows of the CSV / .xlsx download.
 */
import {
  INTRODUCTION_MOVES,
  type IntroductionStatus,
  type LoggedIntroduction,
  type LoggedParty,
} from '../../../common/introductions';
import type { Cell } from '../csv';
import { formatDate } from '../format';
import { enumLabel, t, type PlainKey } from '../i18n';
import type { Lang } from '../i18n';

export { INTRODUCTION_MOVES, type IntroductionStatus, type LoggedIntroduction, type LoggedParty };

const ENTRY = `id status note recordedAt recordedBy decidedAt updatedAt nextStatuses
  from { id kind name } to { id kind name } via { id kind name }`;

export const INTRODUCTION_LOG = /* GraphQL */ `
  query IntroductionLog($regionId: ID, $limit: Int, $offset: Int) {
    introductionLog(regionId: $regionId, limit: $limit, offset: $offset) { ${ENTRY} }
  }
`;

export const UPDATE_INTRODUCTION = /* GraphQL */ `
  mutation UpdateIntroduction($id: ID!, $status: IntroductionStatus, $note: String) {
    updateIntroduction(id: $id, status: $status, note: $note) {
      introduction { ${ENTRY} }
      changed
      tieCreated
      tieRemoved
      graphVersion
    }
  }
`;

export interface UpdatedIntroduction {
  introduction: LoggedIntroduction;
  changed: string[];
  tieCreated: boolean;
  tieRemoved: boolean;
  graphVersion: number;
}

/** At most this many entries are read for a region (pages of 100; the download has them all). */
export const LOG_MAX = 2000;
const PAGE = 100;

/** Reads the whole log of a region, page by page (up to LOG_MAX entries). */
export async function readLog(
  gql: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>,
  regionId: string | null,
): Promise<LoggedIntroduction[]> {
  const out: LoggedIntroduction[] = [];
  for (let offset = 0; offset < LOG_MAX; offset += PAGE) {
    const d = await gql<{ introductionLog: LoggedIntroduction[] }>(INTRODUCTION_LOG, {
      regionId,
      limit: PAGE,
      offset,
    });
    out.push(...d.introductionLog);
    if (d.introductionLog.length < PAGE) break;
  }
  return out;
}

/** The key of an unordered pair of persons (an introduction either way round). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The newest entry of each pair (the log comes newest first). */
export function latestByPair(log: readonly LoggedIntroduction[]): Map<string, LoggedIntroduction> {
  const out = new Map<string, LoggedIntroduction>();
  for (const e of log) {
    if (!e.from || !e.to) continue;
    const k = pairKey(e.from.id, e.to.id);
    if (!out.has(k)) out.set(k, e);
  }
  return out;
}

/** What the button of a move says: moving on, or undoing (「見送りを取り消す」). */
export function moveLabelKey(from: IntroductionStatus, to: IntroductionStatus): PlainKey {
  if (from === 'declined')
    return to === 'accepted' ? 'intro.move.undoToAccepted' : 'intro.move.undo';
  if (from === 'made') return 'intro.move.unmake';
  if (from === 'accepted' && to === 'suggested') return 'intro.move.unaccept';
  return `intro.move.${to}` as PlainKey;
}

/** A date of the log: a day, or a month (what an analyst is shown). */
export function logDate(iso: string | null, lang: Lang): string {
  if (iso && /^\d{4}-\d{2}$/.test(iso)) {
    const [y, m] = iso.split('-');
    return lang === 'ja' ? `${y}年${Number(m)}月` : `${m}/${y}`;
  }
  return formatDate(iso, lang);
}

/** A party's name, or that it was deleted. */
export function partyName(p: LoggedParty | null): string {
  return p ? p.name : t('intro.deleted');
}

/** The header and rows of the download (CSV and .xlsx alike), in the page's language. */
export function logTable(
  log: readonly LoggedIntroduction[],
  lang: Lang,
): { header: string[]; rows: Cell[][] } {
  return {
    header: [
      t('intro.col.recordedAt'),
      enumLabel('relType', 'FROM'),
      enumLabel('relType', 'VIA'),
      enumLabel('relType', 'TO'),
      t('intro.col.status'),
      t('intro.col.decidedAt'),
      t('intro.col.recordedBy'),
      t('intro.col.note'),
    ],
    rows: log.map((e) => [
      logDate(e.recordedAt, lang),
      partyName(e.from),
      e.via ? e.via.name : t('sug.cold'),
      partyName(e.to),
      enumLabel('introductionStatus', e.status),
      e.decidedAt ? logDate(e.decidedAt, lang) : '',
      e.recordedBy ?? '',
      e.note ?? '',
    ]),
  };
}
