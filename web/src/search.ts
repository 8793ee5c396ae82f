/**
 * Search by name or フリガナ as typed: full-width/half-width folded (NFKC), case-insensitive,
 * hiragana and katakana treated alike, spaces ignored (common/fold.ts, shared with the server's
 * duplicate detection); substring match, best matches first. 「うえだ」「ウエダ」「上田」 all
 * find 上田 浩二 when his フリガナ is うえだ こうじ.
 */
import { foldText } from '../../common/fold';

export const normaliseName = foldText;

export interface Searchable {
  id: string;
  name: string;
  nameKana?: string | null;
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
    let at = n.indexOf(q);
    let len = n.length;
    if (at < 0 && item.nameKana) {
      const k = normaliseName(item.nameKana);
      at = k.indexOf(q);
      len = k.length;
    }
    if (at >= 0) hits.push({ item, rank: (at === 0 ? 0 : 1000) + len });
  }
  hits.sort((a, b) => a.rank - b.rank || a.item.name.localeCompare(b.item.name, 'ja'));
  return hits.slice(0, limit).map((h) => h.item);
}
