/**
 * Search by name as typed: full-width/half-width folded (NFKC), case-insensitive, hiragana and
 * katakana treated alike, spaces ignored; substring match, best matches first.
 */

export function normaliseName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/[\s\u3000・･]/g, '');
}

export interface Searchable {
  id: string;
  name: string;
}

/** Items whose name contains the query; prefix matches first, then shorter names. */
export function searchByName<T extends Searchable>(
  items: readonly T[],
  query: string,
  limit = 20,
): T[] {
  const q = normaliseName(query);
  if (!q) return [];
  const hits: Array<{ item: T; rank: number }> = [];
  for (const item of items) {
    const n = normaliseName(item.name);
    const at = n.indexOf(q);
    if (at >= 0) hits.push({ item, rank: (at === 0 ? 0 : 1000) + n.length });
  }
  hits.sort((a, b) => a.rank - b.rank || a.item.name.localeCompare(b.item.name, 'ja'));
  return hits.slice(0, limit).map((h) => h.item);
}
