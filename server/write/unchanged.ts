/**
 * Whether a row would change what the database already holds, judged by the write path from the
 * properties validation read. Only rows this finds *surely* unchanged are left out of the write;
 * every other row still goes through the write statements, which compare again in Cypher and
 * have the last word (so a value this module cannot judge only costs a write, never a wrong
 * count). Re-importing data the store already has then costs reads, not writes.
 */
import neo4j from 'neo4j-driver';

/**
 * True only if a stored value (as the driver returns it: integers as numbers) surely equals a
 * value to write (integers as Neo4j integers), by Cypher's equality. Anything it is unsure of
 * (NaN, other types) counts as different.
 */
export function sameValue(stored: unknown, given: unknown): boolean {
  if (given === null || given === undefined) return stored === null || stored === undefined;
  if (stored === null || stored === undefined) return false;
  if (neo4j.isInt(given)) {
    if (neo4j.isInt(stored)) return given.equals(stored);
    return typeof stored === 'number' && given.inSafeRange() && given.toNumber() === stored;
  }
  if (Array.isArray(given)) {
    if (!Array.isArray(stored) || stored.length !== given.length) return false;
    for (let i = 0; i < given.length; i++) if (!sameValue(stored[i], given[i])) return false;
    return true;
  }
  const t = typeof given;
  if (t === 'string' || t === 'number' || t === 'boolean') return stored === given;
  return false;
}

/** True only if every property of `set` (null = remove) already has that value in `stored`. */
export function sameProperties(
  stored: Record<string, unknown>,
  set: Record<string, unknown>,
): boolean {
  for (const k in set) if (!sameValue(stored[k], set[k])) return false;
  return true;
}
