/**
 * The ground truth written beside generated data (docs/gaps.md "Planted gaps"): each planted
 * gap's kind and subject `nodeIds`, in the order docs/gaps.md defines for that kind.
 */
import { GAP_KINDS, type GapKind } from '../common/model';

export { GAP_KINDS, type GapKind };

export interface PlantedGap {
  kind: GapKind;
  nodeIds: string[];
  detail?: string;
}

export type Scale = 'pilot' | 'prefecture' | 'national';

export interface Truth {
  scale: Scale;
  seed: number;
  asOf: string;
  gaps: PlantedGap[];
}

/** The gap's identity, as docs/gaps.md defines the detector's `id`. */
export function gapId(g: PlantedGap): string {
  return `${g.kind}:${g.nodeIds.join('+')}${g.detail ? `#${g.detail}` : ''}`;
}

/** Gaps in a stable order: by kind (GAP_KINDS order), then id. */
export function sortGaps(gaps: readonly PlantedGap[]): PlantedGap[] {
  const rank = new Map(GAP_KINDS.map((k, i) => [k, i]));
  return [...gaps].sort(
    (a, b) => (rank.get(a.kind) ?? 0) - (rank.get(b.kind) ?? 0) || cmp(gapId(a), gapId(b)),
  );
}

/** Code-unit order: the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
