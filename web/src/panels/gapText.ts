/** How a gap is named, explained and ordered (the ギャップ panel, the what-if result). */
import { enumLabel, getLang } from '../i18n';
import type { Gap } from '../types';

/** A gap's subject: the names of what it is about. */
export function gapTitle(nameOf: (id: string | undefined) => string, g: Gap): string {
  const subject =
    g.kind === 'COORDINATION_GAP' || g.kind === 'KEY_PERSON_DEPENDENCY'
      ? g.nodeIds.slice(1)
      : g.nodeIds;
  if (g.kind === 'FUNCTION_UNCOVERED') {
    return `${nameOf(g.nodeIds[0])}: ${enumLabel('orgFunction', g.detail)}`;
  }
  if (g.kind === 'COMMUNITY_SILO') {
    const names = subject.slice(0, 3).map((id) => nameOf(id));
    return (
      names.join('、') +
      (subject.length > 3
        ? getLang() === 'ja'
          ? ` ほか${subject.length - 3}人`
          : ` and ${subject.length - 3} more`
        : '')
    );
  }
  return subject.map((id) => nameOf(id)).join(getLang() === 'ja' ? ' と ' : ' & ');
}

export function gapExplanation(g: Gap): string {
  return getLang() === 'ja'
    ? g.explanationJa || g.explanationEn
    : g.explanationEn || g.explanationJa;
}

/**
 * The order of the ギャップ panel and its CSV: one list, the most severe first whatever its
 * kind (each item says its kind), never grouped by kind; equal severities by id, as the server.
 */
export function bySeverity(gaps: readonly Gap[]): Gap[] {
  return [...gaps].sort(
    (x, y) => y.severity - x.severity || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}
