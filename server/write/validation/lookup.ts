/** What the database already holds of the ids a change names (its nodes and relationships). */
import type { Integer } from 'neo4j-driver';
import {
  NODE_LABELS,
  SYMMETRIC_REL_TYPES,
  type NodeLabel,
  type RelType,
} from '../../../common/model';
import { cypher } from '../../db/cypher';
import { sameProperties } from '../unchanged';
import type { Prepared, PreparedRel } from './prepared';
import type { Reader } from './reader';
import { internalId } from './values';

/** A node of the database that the change names: its label and its internal id. */
export interface DbNode {
  /** One of NODE_LABELS, or null for a node of another kind. */
  label: NodeLabel | null;
  /**
   * For the writer, which finds relationship endpoints by internal id (and checks the id
   * property again there, in case the node was deleted and its internal id reused meanwhile).
   */
  nodeId: Integer;
}

/** What a node of the database holds (for telling unchanged rows, unchanged.ts). */
export interface StoredNode {
  labels: string[];
  properties: Record<string, unknown>;
}

/**
 * Looks up ids in the database (one query) and adds those found to `into`; with `stored`, also
 * what they hold.
 */
export async function lookupIds(
  read: Reader,
  ids: string[],
  into: Map<string, DbNode>,
  stored?: Map<string, StoredNode>,
): Promise<void> {
  if (ids.length === 0) return;
  const records = await read(cypher('write-lookup-ids'), {
    ids,
    withProperties: stored !== undefined,
  });
  for (const r of records) {
    const id = r.get('id') as string;
    const labels = r.get('labels') as string[];
    into.set(id, {
      label: (NODE_LABELS.find((l) => labels.includes(l)) ?? null) as NodeLabel | null,
      nodeId: internalId(r.get('nodeId') as number),
    });
    stored?.set(id, { labels, properties: r.get('properties') as Record<string, unknown> });
  }
}

/** Rows per lookup query of relationships (markUnchangedRels). */
const REL_LOOKUP_BATCH = 10_000;

/**
 * Marks the relationship rows whose two endpoints are in the database and already joined there
 * by exactly one relationship of the type (either direction for a symmetric type) that holds
 * every value given. The rest (new, changed, or more than one such relationship) are left to
 * the writer's upsert. One query for all types (in batches): each query costs a round trip.
 */
export async function markUnchangedRels(
  read: Reader,
  relationships: Prepared['relationships'],
  inDb: ReadonlyMap<string, DbNode>,
): Promise<void> {
  const rows: PreparedRel[] = [];
  const pairs: { i: number; type: RelType; a: Integer; b: Integer; from: string; to: string }[] =
    [];
  for (const [type, ofType] of Object.entries(relationships) as [RelType, PreparedRel[]][]) {
    for (const r of ofType) {
      const a = inDb.get(r.from);
      const b = inDb.get(r.to);
      if (!a || !b) continue;
      pairs.push({ i: rows.length, type, a: a.nodeId, b: b.nodeId, from: r.from, to: r.to });
      rows.push(r);
    }
  }
  for (let k = 0; k < pairs.length; k += REL_LOOKUP_BATCH) {
    const batch = pairs.slice(k, k + REL_LOOKUP_BATCH);
    for (const rec of await read(cypher('write-lookup-rels'), { pairs: batch })) {
      const i = rec.get('i') as number;
      const symmetric = SYMMETRIC_REL_TYPES.has(pairs[i]!.type);
      const found = (
        rec.get('found') as { out: boolean; properties: Record<string, unknown> }[]
      ).filter((f) => symmetric || f.out);
      const row = rows[i]!;
      row.unchanged = found.length === 1 && sameProperties(found[0]!.properties, row.set);
    }
  }
}
