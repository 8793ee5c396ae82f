/**
 * Bounded caches on a plain Map: a Map iterates in insertion order, so its first keys are the
 * oldest (or, where a use re-inserts its key, the least recently used).
 */
export function keepNewest<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as K);
}
