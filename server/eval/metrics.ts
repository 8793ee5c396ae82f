/**
 * Quality metrics of SPEC §6: planted-gap precision and recall of `networkGaps` per kind.
 * A planted gap matches a detected one of the same kind with equal subject ids (and detail);
 * a COMMUNITY_SILO matches when the two person sets have a Jaccard similarity ≥ 0.5, since
 * Louvain may draw a community's edge one person differently (docs/gaps.md).
 */
export interface GapLike {
  kind: string;
  nodeIds: readonly string[];
  detail?: string | null;
}

export interface KindScore {
  kind: string;
  planted: number;
  detected: number;
  /** Planted gaps found. */
  found: number;
  /** Detected gaps that match a planted one. */
  correct: number;
  precision: number;
  recall: number;
}

const SILO_JACCARD = 0.5;

function key(g: GapLike): string {
  return `${g.kind}:${g.nodeIds.join('+')}#${g.detail ?? ''}`;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  const union = sa.size + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

function matches(p: GapLike, d: GapLike): boolean {
  if (p.kind !== d.kind) return false;
  if (p.kind === 'COMMUNITY_SILO') return jaccard(p.nodeIds, d.nodeIds) >= SILO_JACCARD;
  return key(p) === key(d);
}

/** Per-kind precision and recall; a kind with nothing planted and nothing detected scores 1. */
export function scoreGaps(
  kinds: readonly string[],
  planted: readonly GapLike[],
  detected: readonly GapLike[],
): KindScore[] {
  return kinds.map((kind) => {
    const p = planted.filter((g) => g.kind === kind);
    const d = detected.filter((g) => g.kind === kind);
    const exact = new Set(d.map(key));
    const isFound = (x: GapLike) =>
      kind === 'COMMUNITY_SILO' ? d.some((y) => matches(x, y)) : exact.has(key(x));
    const plantedKeys = new Set(p.map(key));
    const isCorrect = (y: GapLike) =>
      kind === 'COMMUNITY_SILO' ? p.some((x) => matches(x, y)) : plantedKeys.has(key(y));
    const found = p.filter(isFound).length;
    const correct = d.filter(isCorrect).length;
    return {
      kind,
      planted: p.length,
      detected: d.length,
      found,
      correct,
      precision: d.length === 0 ? (p.length === 0 ? 1 : 0) : correct / d.length,
      recall: p.length === 0 ? 1 : found / p.length,
    };
  });
}
