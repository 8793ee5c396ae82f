/**
 * The shape a generated or imported dataset has: rows per node label and per relationship type,
 * typed as the zod schemas of common/model.ts accept them (their *input* types, so
 * defaulted fields may be omitted). Defined here so the generator does not depend on the
 * importer; server/import re-exports it.
 */
import type { z } from 'zod';
import {
  NODE_LABELS,
  NODE_SCHEMAS,
  REL_TYPES,
  RELATIONSHIPS,
  type NodeLabel,
  type RelType,
} from '../common/model';

export type NodeRow<L extends NodeLabel> = z.input<(typeof NODE_SCHEMAS)[L]>;
type PropsOf<T extends RelType> = z.input<(typeof RELATIONSHIPS)[T]['props']>;
/** `{from, to}` plus the type's properties (zod types a property-less object as an index
 * signature of `never`, which would forbid `from`/`to`; such types get no extra fields). */
export type RelRow<T extends RelType> = {
  from: string;
  to: string;
} & (string extends keyof PropsOf<T> ? unknown : PropsOf<T>);

export interface Dataset {
  nodes: { [L in NodeLabel]: NodeRow<L>[] };
  relationships: { [T in RelType]: RelRow<T>[] };
}

export function emptyDataset(): Dataset {
  const nodes = Object.fromEntries(NODE_LABELS.map((l) => [l, []])) as unknown as Dataset['nodes'];
  const relationships = Object.fromEntries(
    REL_TYPES.map((t) => [t, []]),
  ) as unknown as Dataset['relationships'];
  return { nodes, relationships };
}

export function countNodes(ds: Dataset): number {
  return NODE_LABELS.reduce((n, l) => n + ds.nodes[l].length, 0);
}

export function countRelationships(ds: Dataset): number {
  return REL_TYPES.reduce((n, t) => n + ds.relationships[t].length, 0);
}
