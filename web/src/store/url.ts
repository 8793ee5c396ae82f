/**
 * The view state ⇄ the URL query string, so that a reload or a shared link shows the same view.
 * Only what differs from the default is written; anything malformed is ignored, never an error.
 *   ?region=region:shiojiri&sel=person:x&panel=gaps&kinds=Person,SME&focus=1&lang=en
 *   &gap=<gap id> | &sug=<suggestion id> | &whatif=<person id> | &path=<from>~<to>
 *   &unconfirmed=0 (leave the survey's unconfirmed ties out)
 */
import {
  DEFAULT_KINDS,
  MAP_NODE_KINDS,
  PANELS,
  defaultState,
  normaliseKinds,
  type Overlay,
  type PanelId,
  type ViewState,
} from './state';

const PATH_SEP = '~';

export function stateToQuery(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.region) p.set('region', s.region);
  if (s.selected) p.set('sel', s.selected);
  if (s.panel !== defaultState().panel) p.set('panel', s.panel);
  if (s.kinds.join(',') !== DEFAULT_KINDS.join(',')) p.set('kinds', s.kinds.join(','));
  if (s.focusDepth) p.set('focus', String(s.focusDepth));
  const o = s.overlay;
  if (o?.type === 'gap') p.set('gap', o.id);
  else if (o?.type === 'suggestion') p.set('sug', o.id);
  else if (o?.type === 'whatif') p.set('whatif', o.personId);
  else if (o?.type === 'path') p.set('path', `${o.from}${PATH_SEP}${o.to}`);
  if (!s.unconfirmed) p.set('unconfirmed', '0');
  if (s.lang !== 'ja') p.set('lang', s.lang);
  const q = p.toString();
  return q ? `?${q}` : '';
}

export function queryToState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const s = defaultState();
  const text = (k: string) => {
    const v = p.get(k)?.trim();
    return v ? v.slice(0, 400) : null;
  };
  s.region = text('region');
  s.selected = text('sel');
  const panel = p.get('panel');
  if (panel && (PANELS as readonly string[]).includes(panel)) s.panel = panel as PanelId;
  const kinds = p.get('kinds');
  if (kinds !== null) {
    s.kinds = normaliseKinds(
      kinds.split(',').filter((k) => (MAP_NODE_KINDS as readonly string[]).includes(k)),
    );
  }
  const focus = p.get('focus');
  if (s.selected && (focus === '1' || focus === '2')) s.focusDepth = Number(focus) as 1 | 2;
  s.overlay = overlayFrom(p);
  if (p.get('unconfirmed') === '0') s.unconfirmed = false;
  if (p.get('lang') === 'en') s.lang = 'en';
  return s;
}

function overlayFrom(p: URLSearchParams): Overlay | null {
  const gap = p.get('gap');
  if (gap) return { type: 'gap', id: gap };
  const sug = p.get('sug');
  if (sug) return { type: 'suggestion', id: sug };
  const whatif = p.get('whatif');
  if (whatif) return { type: 'whatif', personId: whatif };
  const path = p.get('path');
  if (path) {
    const i = path.indexOf(PATH_SEP);
    if (i > 0 && i < path.length - 1) {
      return { type: 'path', from: path.slice(0, i), to: path.slice(i + 1) };
    }
  }
  return null;
}

/** Whether going from one state to the other deserves a history entry (vs. replacing it). */
export function isNavigation(prev: ViewState, next: ViewState): boolean {
  return (
    prev.region !== next.region || prev.selected !== next.selected || prev.panel !== next.panel
  );
}
