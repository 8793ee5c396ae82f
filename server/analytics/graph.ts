/**
 * The analytics projection: the part of the Neo4j graph that analytics run on, as a graphology
 * graph. Loaded by one Cypher query per scope (a region or all regions) and cached until the
 * graph version changes. Analytics are pure functions of this graph (plus options), so they are
 * tested on small hand-built graphs without a database.
 *
 * Node keys are the domain ids (`person:...`, `org:...`); edge keys are `${type}:${from}->${to}`.
 * Relationships keep their stored direction; KNOWS and PARTNERS_WITH are symmetric in meaning
 * (stored once, either way round), so analytics must read them in both directions.
 */
import { MultiDirectedGraph } from 'graphology';
import type { RelType } from '../../common/model';

import type { ProjectedKind } from '../../common/answers';

export type { ProjectedKind };

export interface NodeAttrs {
  kind: ProjectedKind;
  name: string;
  /** Extra labels, e.g. ['KeyPerson', 'Talent'] on a Person. */
  labels: string[];
  /** The node's stored properties (id, name, and the fields of its §2 schema). */
  props: Record<string, unknown>;
}

export interface EdgeAttrs {
  type: RelType;
  /** Tie weight (§4): KNOWS `strength` (1..3); 1 for every other relationship. */
  weight: number;
  props: Record<string, unknown>;
}

export type NetworkGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export function createNetworkGraph(): NetworkGraph {
  return new MultiDirectedGraph<NodeAttrs, EdgeAttrs>({ allowSelfLoops: false });
}

export function edgeKey(type: RelType, from: string, to: string): string {
  return `${type}:${from}->${to}`;
}

/** Adds (or replaces the attributes of) a node. */
export function putNode(g: NetworkGraph, id: string, attrs: NodeAttrs): void {
  g.mergeNode(id, attrs);
}

/** Adds a relationship once; a second call for the same type and endpoints is ignored. */
export function putEdge(
  g: NetworkGraph,
  type: RelType,
  from: string,
  to: string,
  props: Record<string, unknown> = {},
): void {
  const key = edgeKey(type, from, to);
  if (g.hasEdge(key) || !g.hasNode(from) || !g.hasNode(to) || from === to) return;
  const strength = type === 'KNOWS' ? Number(props.strength ?? 1) : 1;
  g.addDirectedEdgeWithKey(key, from, to, { type, weight: strength, props });
}
