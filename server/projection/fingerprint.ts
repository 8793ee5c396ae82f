/**
 * Fingerprints of a projection's content. The analytics are pure functions of the graph (and
 * their options), so two projections with one fingerprint have the same answers: the analytics
 * of all regions reuse a region's answers from the previous graph version when its fingerprint
 * did not change (server/graphql/allRegions.ts).
 *
 * The graph is a deterministic function of the rows its Cypher read returned (and of how it
 * was derived: pseudonymised, without ratings), so the fingerprint is a hash of those rows as
 * they arrived, taken while the graph is built (server/projection/load.ts). A different row
 * means a different fingerprint. The same rows in another order also give another one; that
 * only costs a region's recomputation, never a stale answer. Hashing the rows as read costs
 * about a sixth of putting the built graph into a canonical, sorted form (CPU profiles of the
 * national pass, 114 regions: 2.9 s against about 19 s).
 */
import { createHash, type Hash } from 'node:crypto';

/** A running hash of a projection's rows, in the order they were read. */
export class RowDigest {
  private readonly hash: Hash = createHash('sha256');
  private rows = 0;

  /** `what`: the read the rows answer (its scope key). */
  constructor(what: string) {
    this.hash.update(`${what}\n`);
  }

  add(...row: unknown[]): void {
    this.rows++;
    // JSON.stringify keeps an object's keys in the order Neo4j gave them: the same stored
    // node gives the same text.
    this.hash.update(JSON.stringify(row));
    this.hash.update('\n');
  }

  digest(): string {
    this.hash.update(`rows:${this.rows}`);
    return this.hash.digest('base64');
  }
}

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

/**
 * The fingerprint of a projection (its content hash) together with the other inputs its
 * answers depend on (the declined pairs, the survey wishes), in a canonical form.
 */
export function fingerprintWith(content: string, ...extra: unknown[]): string {
  return createHash('sha256')
    .update(content)
    .update('\n')
    .update(canonical(extra))
    .digest('base64');
}

/** The content hash of a projection derived from another one (`how`: the derivation). */
export function derivedContent(content: string, how: string): string {
  return createHash('sha256').update(content).update(`\n${how}`).digest('base64');
}
