/**
 * A fingerprint of a projection's content: equal for two graphs with the same nodes (id, kind,
 * labels, properties) and the same relationships (type, ends, properties), whatever order they
 * were read in. The analytics are pure functions of the graph (and their options), so two
 * projections with one fingerprint have the same answers: the analytics of all regions reuse a
 * region's answers from the previous graph version when its fingerprint did not change
 * (server/graphql/allRegions.ts).
 */
import { createHash } from 'node:crypto';
import type { NetworkGraph } from '../analytics/graph';

/** JSON with the keys of every object sorted, so property order does not matter. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

export function graphFingerprint(graph: NetworkGraph, ...extra: unknown[]): string {
  const nodes: string[] = [];
  graph.forEachNode((id, a) => {
    nodes.push(canonical([id, a.kind, a.name, [...a.labels].sort(), a.props]));
  });
  const edges: string[] = [];
  graph.forEachEdge((_e, a, from, to) => {
    edges.push(canonical([a.type, from, to, a.weight, a.props]));
  });
  const hash = createHash('sha256');
  for (const part of [nodes.sort(), edges.sort()]) {
    hash.update(String(part.length));
    for (const s of part) hash.update(`\n${s}`);
  }
  hash.update(canonical(extra));
  return hash.digest('base64');
}
