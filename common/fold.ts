/**
 * Folding text for matching only — search and duplicate detection (SPEC §10). What a user
 * typed is stored as typed; these functions never produce a stored value.
 *
 * `foldText`: full-width/half-width folded (NFKC: ＡＢＣ → abc, ｳｴﾀﾞ → ウエダ), case folded,
 * katakana → hiragana (ウエダ and うえだ alike), spaces (also U+3000) and the middle dot
 * removed. So 「上田 浩二」 and 「上田\u3000浩二」 (an ideographic space), 「ウエダ コウジ」
 * and 「うえだこうじ」 fold the same.
 */

const KATAKANA = /[\u30a1-\u30f6]/g;
const SPACES = /[\s\u3000・･]/g;

export function foldText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(SPACES, '');
}

/** An e-mail address for comparison: trimmed, width and case folded. */
export function foldEmail(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase();
}

/** Whether a name or a reading (フリガナ) matches a folded query (substring). */
export function matchesFolded(
  foldedQuery: string,
  ...texts: ReadonlyArray<string | null | undefined>
): boolean {
  if (!foldedQuery) return false;
  return texts.some((t) => !!t && foldText(t).includes(foldedQuery));
}
