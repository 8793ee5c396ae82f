/**
 * The analytics of all regions composed from those of each region (docs/decisions.md, "National
 * analytics: region by region"). At national scale the キーパーソン群, the gaps and the
 * suggestions of `regionId: null` are each region's own, exactly as that region's view shows
 * them, put together:
 *
 * - a person scored in several regions (staff of a bank shared by a prefecture's regions) keeps
 *   the best of their scores (and its reasons): the region where they matter most;
 * - a gap found in several regions (a dept's coordination gap seen from each region it covers)
 *   is one gap, with the highest severity any region gave it;
 * - the suggestions of every region ranked by score, each pair once, with the broker cap of
 *   SPEC §4.3 applied again to the combined top (no more than BROKER_CAP of the first
 *   BROKER_CAP_WINDOW through one broker).
 *
 * Pure functions of the per-region answers; the loading region by region is
 * server/graphql/allRegions.ts.
 */
import type { Gap, IntroductionSuggestion, KeyPersonScore } from '../../common/answers';
import { compareIds } from './context';
import { BROKER_CAP, BROKER_CAP_WINDOW } from './suggestionWeights';

/** The order of keyPersonGroup's answer: the group first, then by score, then by id. */
export function compareKeyPersons(a: KeyPersonScore, b: KeyPersonScore): number {
  return (
    Number(b.inGroup) - Number(a.inGroup) || b.score - a.score || compareIds(a.personId, b.personId)
  );
}

/**
 * The persons of every part, each once (their best entry: in the group over not, then the
 * higher score), in keyPersonGroup's order; at most `limit` when given.
 */
export function combineKeyPersons(
  parts: Iterable<readonly KeyPersonScore[]>,
  limit?: number,
): KeyPersonScore[] {
  const best = new Map<string, KeyPersonScore>();
  for (const part of parts) {
    for (const k of part) {
      const held = best.get(k.personId);
      if (!held || compareKeyPersons(k, held) < 0) best.set(k.personId, k);
    }
  }
  const out = [...best.values()].sort(compareKeyPersons);
  return limit === undefined ? out : out.slice(0, limit);
}

/** Every gap once (by its stable id, the highest severity), by severity, then id. */
export function combineGaps(parts: Iterable<readonly Gap[]>): Gap[] {
  const best = new Map<string, Gap>();
  for (const part of parts) {
    for (const g of part) {
      const held = best.get(g.id);
      if (!held || g.severity > held.severity) best.set(g.id, g);
    }
  }
  return [...best.values()].sort((a, b) => b.severity - a.severity || compareIds(a.id, b.id));
}

/**
 * The suggestions of every part by score (then id), each pair once, at most `limit`; among the
 * first BROKER_CAP_WINDOW no broker more than BROKER_CAP times (a suggestion over the cap moves
 * behind the window, as it would in one region).
 */
export function combineSuggestions(
  parts: Iterable<readonly IntroductionSuggestion[]>,
  limit: number,
): IntroductionSuggestion[] {
  const byId = new Map<string, IntroductionSuggestion>();
  for (const part of parts) {
    for (const s of part) {
      const held = byId.get(s.id);
      if (!held || s.score > held.score) byId.set(s.id, s);
    }
  }
  const ranked = [...byId.values()].sort((a, b) => b.score - a.score || compareIds(a.id, b.id));
  const chosen: IntroductionSuggestion[] = [];
  const deferred: IntroductionSuggestion[] = [];
  const brokerUse = new Map<string, number>();
  for (const s of ranked) {
    if (chosen.length >= BROKER_CAP_WINDOW) {
      deferred.push(s);
      continue;
    }
    const used = s.viaId === null ? 0 : (brokerUse.get(s.viaId) ?? 0);
    if (s.viaId !== null && used >= BROKER_CAP) {
      deferred.push(s);
      continue;
    }
    chosen.push(s);
    if (s.viaId !== null) brokerUse.set(s.viaId, used + 1);
  }
  return [...chosen, ...deferred].slice(0, Math.max(0, limit));
}
