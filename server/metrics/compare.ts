/**
 * Comparing a scope at two dates (SPEC §12): every metric with its change and whether that is
 * better or worse, and the difference of the two networks — ties that began, ties that ended,
 * people who came and people who left. Pure functions of the two projections.
 */
import { direction, METRIC_KEYS, type MetricKey } from '../../common/metrics';
import { VALIDITY_REL_TYPES } from '../../common/model';
import type { NetworkGraph } from '../analytics/graph';
import type { PersonChange, TieChange } from '../../common/metrics';

export type { PersonChange, TieChange };
import type { NetworkMetricsResult } from './networkMetrics';

export interface MetricChange {
  key: MetricKey;
  from: number | null;
  to: number | null;
  /** to − from (null when either is undefined). */
  change: number | null;
  direction: 'better' | 'worse' | 'same' | 'neutral' | 'unknown';
}

export function compareMetrics(
  from: NetworkMetricsResult,
  to: NetworkMetricsResult,
): MetricChange[] {
  return METRIC_KEYS.map((key) => {
    const a = from.values[key];
    const b = to.values[key];
    if (a === null || b === null) {
      return { key, from: a, to: b, change: null, direction: 'unknown' as const };
    }
    return {
      key,
      from: a,
      to: b,
      change: Math.round((b - a) * 10_000) / 10_000,
      direction: direction(key, a, b),
    };
  });
}

export interface NetworkDifference {
  newTies: TieChange[];
  endedTies: TieChange[];
  newPersons: PersonChange[];
  departedPersons: PersonChange[];
}

const TIE_TYPES: ReadonlySet<string> = new Set(VALIDITY_REL_TYPES);

function tieEdges(g: NetworkGraph): Map<string, TieChange> {
  const out = new Map<string, TieChange>();
  g.forEachEdge((key, a, s, t) => {
    if (!TIE_TYPES.has(a.type)) return;
    // symmetric ties may be stored either way round: one key per pair
    const [x, y] = a.type === 'KNOWS' || a.type === 'PARTNERS_WITH' ? [s, t].sort() : [s, t];
    const id = `${a.type}:${x}->${y}`;
    out.set(id, {
      id: key,
      type: a.type,
      fromId: s,
      fromName: g.getNodeAttribute(s, 'name'),
      toId: t,
      toName: g.getNodeAttribute(t, 'name'),
      since: typeof a.props.since === 'string' ? a.props.since : null,
      until: typeof a.props.until === 'string' ? a.props.until : null,
    });
  });
  return out;
}

function persons(g: NetworkGraph): Map<string, PersonChange> {
  const out = new Map<string, PersonChange>();
  g.forEachNode((id, a) => {
    if (a.kind === 'Person') out.set(id, { id, name: a.name });
  });
  return out;
}

function missingFrom<T>(a: Map<string, T>, b: Map<string, T>): T[] {
  return [...a.keys()]
    .filter((k) => !b.has(k))
    .sort()
    .map((k) => a.get(k) as T);
}

/**
 * What differs between the network at the earlier date (`before`) and the later (`after`):
 * ties (MEMBER_OF, WORKS_AT, KNOWS, SUPPORTS, PARTNERS_WITH, LOCATED_IN) in one and not the
 * other, and persons in one and not the other. Each list sorted by id.
 */
export function networkDifference(before: NetworkGraph, after: NetworkGraph): NetworkDifference {
  const tb = tieEdges(before);
  const ta = tieEdges(after);
  const pb = persons(before);
  const pa = persons(after);
  return {
    newTies: missingFrom(ta, tb),
    endedTies: missingFrom(tb, ta),
    newPersons: missingFrom(pa, pb),
    departedPersons: missingFrom(pb, pa),
  };
}
