/**
 * What the map highlights for the view's overlay (a gap, a suggestion's route, a what-if, a
 * connection path), from the answers it needs. Pure: the map island applies it.
 */
import type { Overlay } from '../store/state';
import type { Gap, IntroductionSuggestion, PathStep, RemovalImpact } from '../types';

export interface HighlightSources {
  gaps: readonly Gap[] | undefined;
  suggestions: readonly IntroductionSuggestion[] | undefined;
  whatIf: RemovalImpact | undefined;
  path: readonly PathStep[] | null | undefined;
}

export interface Highlight {
  /** The subject: strong orange border. */
  primary: string[];
  /** Also involved: lighter border. */
  secondary: string[];
  /** Cut off (what-if): red. */
  cut: string[];
  /** The removed person (what-if): grey. */
  removed: string[];
  /** Consecutive node pairs whose existing edges are drawn as a path. */
  path: Array<[string, string]>;
  /** Ties that do not exist yet (a suggested introduction): drawn as an extra edge. */
  proposed: Array<[string, string]>;
}

export function emptyHighlight(): Highlight {
  return { primary: [], secondary: [], cut: [], removed: [], path: [], proposed: [] };
}

export function highlightFor(o: Overlay | null, src: HighlightSources): Highlight {
  const hl = emptyHighlight();
  if (!o) return hl;
  if (o.type === 'gap') {
    const g = src.gaps?.find((x) => x.id === o.id);
    if (g) {
      hl.primary = g.nodeIds;
      hl.secondary = g.relatedIds;
    }
  } else if (o.type === 'suggestion') {
    const sg = src.suggestions?.find((x) => x.id === o.id);
    if (sg) {
      hl.primary = [sg.fromId, sg.toId];
      if (sg.viaId) {
        hl.secondary = [sg.viaId];
        hl.path = [
          [sg.fromId, sg.viaId],
          [sg.viaId, sg.toId],
        ];
      }
      hl.proposed = [[sg.fromId, sg.toId]];
    }
  } else if (o.type === 'whatif') {
    hl.removed = [o.personId];
    const w = src.whatIf;
    if (w && w.personId === o.personId) {
      hl.cut = w.cutOffIds;
      hl.secondary = w.newGaps.flatMap((g) => g.nodeIds).filter((id) => id !== o.personId);
    }
  } else if (o.type === 'path') {
    hl.primary = [o.from, o.to];
    if (src.path) {
      hl.path = src.path.map((st) => [st.fromId, st.toId] as [string, string]);
      hl.secondary = src.path.map((st) => st.toId).filter((id) => id !== o.to);
    }
  }
  return hl;
}
