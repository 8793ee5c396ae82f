/** Validated values as the database statements take them. */
import neo4j, { type Integer } from 'neo4j-driver';
import type { FieldInfo } from '../../import/fields';

/** A validated value as stored: whole numbers as Neo4j integers, null for "not set". */
export function toNeo4j(info: FieldInfo | undefined, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (!info) return v;
  if (info.kind === 'int' && typeof v === 'number') return neo4j.int(v);
  if (info.kind === 'array' && info.element === 'int' && Array.isArray(v)) {
    return v.map((x) => (typeof x === 'number' ? neo4j.int(x) : x));
  }
  return v;
}

/**
 * A node's internal id as the driver returns it (a number), kept as a Neo4j integer for the
 * statements it is sent back to: sent as a plain number it would go as a float.
 */
export function internalId(id: number): Integer {
  return neo4j.int(id);
}
