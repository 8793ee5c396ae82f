/**
 * Bounded caches on a plain Map: a Map iterates in insertion order, so its first keys are the
 * oldest (or, where a use re-inserts its key, the least recently used).
 */
export function keepNewest<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as K);
}

/**
 * The value of `key` in a least-recently-used cache of at most `max` entries: the one kept, or
 * `compute()`'s (then kept); either way moved to the newest end, the oldest dropped.
 */
export function rememberRecent<K, V>(map: Map<K, V>, key: K, max: number, compute: () => V): V {
  const value = map.has(key) ? (map.get(key) as V) : compute();
  map.delete(key);
  map.set(key, value); // most recently used last
  keepNewest(map, max);
  return value;
}
