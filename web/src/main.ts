/**
 * The app: wires the view state (state.ts, mirrored in the URL by url.ts) to the map (map.ts)
 * and the panels (panels/*.ts), and loads data through GraphQL (api.ts).
 */
// First: before any module makes a zod schema (see zodJitless.ts).
import './zodJitless';
import './styles.css';
import { ApiError, friendly, gql, setUnauthenticatedHandler } from './api';
import { csvFileName, toCsv, type Cell } from './csv';
import { clear, download, h } from './dom';
import {
  canWrite,
  fetchMe,
  pseudonymises,
  roleText,
  seesContact,
  signInForm,
  signOut,
  type Me,
} from './auth';
import {
  ENTITY_API,
  EXTRA_READ,
  FIELDS,
  fieldChanges,
  hideFields,
  UPDATE_MUTATION,
} from './fields';
import { formatCount } from './format';
import { enumLabel, getLang, setLang, t } from './i18n';
import {
  COMMUNITY_COLORS,
  CUT,
  emptyHighlight,
  GOLD,
  HIGHLIGHT,
  KIND_STYLE,
  MapView,
  TALENT_SHAPE,
  type Highlight,
} from './map';
import type { Actions, AppData, Async, PanelContext } from './panels/context';
import { renderDetail } from './panels/detail';
import { renderGaps } from './panels/gaps';
import { renderKeyPersons } from './panels/keyPersons';
import { renderOutreach } from './panels/outreach';
import { renderSuggestions } from './panels/suggestions';
import * as Q from './queries';
import { searchByName } from './search';
import {
  MAP_NODE_KINDS,
  PANELS,
  Store,
  sameOverlay,
  toggleKind,
  type PanelId,
  type ViewState,
} from './state';
import type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  NetworkMap,
  OutreachTarget,
  PathStep,
  RecordedStatus,
  RegionOption,
  RemovalImpact,
} from './types';
import { isNavigation, queryToState, stateToQuery } from './url';

const store = new Store(queryToState(location.search));
setLang(store.get().lang);

const data: AppData = {
  regions: [],
  nodes: [],
  edges: [],
  nodeById: new Map(),
  keyPersons: { status: 'idle' },
  gaps: { status: 'idle' },
  suggestions: { status: 'idle' },
  outreach: { status: 'idle' },
  entity: { status: 'idle' },
  whatIf: { status: 'idle' },
  path: { status: 'idle' },
  editable: new Set(),
  pathFrom: null,
  me: null,
};

// ------------------------------------------------------------------------------------------
// Page skeleton

const app = document.getElementById('app')!;
const header = h('header', { class: 'top' });
const toolbar = h('div', { class: 'map-toolbar' });
const cyBox = h('div', { id: 'cy', class: 'cy', role: 'img' });
const progress = h('div', {
  class: 'progress',
  role: 'status',
  'aria-live': 'polite',
  hidden: true,
});
const mapMessage = h('div', { class: 'map-message', role: 'alert', hidden: true });
const legend = h('aside', { class: 'legend' });
const stats = h('p', { class: 'stats' });
const tabs = h('div', { class: 'tabs', role: 'tablist' });
const panel = h('div', { class: 'panel', role: 'tabpanel', id: 'panel', tabindex: '-1' });
const toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
app.append(
  header,
  h(
    'main',
    { class: 'layout' },
    h(
      'section',
      { class: 'map-area' },
      toolbar,
      h('div', { class: 'cy-wrap' }, cyBox, progress, mapMessage),
      h('div', { class: 'below-map' }, stats, legend),
    ),
    h('section', { class: 'side' }, tabs, panel),
  ),
  toast,
);

const map = new MapView(cyBox, {
  onSelect: (id) => {
    if (id) store.update({ selected: id, panel: 'detail' });
    else store.update({ selected: null, focusDepth: 0 });
  },
  onProgress: (text) => showProgress(text),
  progressText: (step, nodes) =>
    step === 'layout'
      ? t('progress.layout', { nodes: formatCount(nodes, getLang()) })
      : t('progress.drawing'),
});
const timings: Record<string, number> = {};
(window as unknown as { __app: unknown }).__app = { store, map, data, timings };

function showProgress(text: string | null): void {
  progress.hidden = text === null;
  clear(progress);
  if (text)
    progress.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, text));
}

let toastTimer: ReturnType<typeof setTimeout> | undefined;
function notify(message: string, kind: 'info' | 'error' = 'info'): void {
  toast.textContent = message;
  toast.className = `toast ${kind}`;
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), kind === 'error' ? 9000 : 5000);
}

function regionName(r: RegionOption): string {
  return getLang() === 'en' && r.nameEn ? r.nameEn : r.name;
}

function nameOf(id: string | null | undefined): string {
  if (!id) return t('common.unknownName');
  const n = data.nodeById.get(id);
  if (n) return n.name;
  const r = data.regions.find((x) => x.id === id);
  return r ? regionName(r) : t('common.unknownName');
}

// ------------------------------------------------------------------------------------------
// Header, toolbar, legend (rebuilt when the language changes)

let searchInput: HTMLInputElement | undefined;
let regionSelect: HTMLSelectElement | undefined;

function renderHeader(): void {
  clear(header);
  const s = store.get();
  regionSelect = h(
    'select',
    {
      id: 'region',
      title: t('region.help'),
      onchange: (e: Event) =>
        store.update({ region: (e.target as HTMLSelectElement).value || null }),
    },
    data.me && data.me.regionIds === null ? h('option', { value: '' }, t('region.all')) : null,
    data.regions.map((r) =>
      h('option', { value: r.id, selected: r.id === s.region }, regionName(r)),
    ),
  );
  const results = h('ul', {
    class: 'search-results',
    role: 'listbox',
    id: 'search-results',
    hidden: true,
  });
  searchInput = h('input', {
    id: 'search',
    type: 'search',
    placeholder: t('search.placeholder'),
    autocomplete: 'off',
    title: t('search.help'),
    'aria-controls': 'search-results',
    oninput: () => showResults(),
    onkeydown: (e: Event) => {
      const k = e as KeyboardEvent;
      if (k.key === 'ArrowDown') {
        (results.querySelector('button') as HTMLButtonElement | null)?.focus();
        k.preventDefault();
      } else if (k.key === 'Enter') {
        (results.querySelector('button') as HTMLButtonElement | null)?.click();
        k.preventDefault();
      } else if (k.key === 'Escape') {
        results.hidden = true;
      }
    },
  });
  const showResults = () => {
    const hits = searchByName(data.nodes, searchInput!.value, 12);
    clear(results);
    results.hidden = searchInput!.value.trim() === '';
    if (hits.length === 0) results.append(h('li', { class: 'muted' }, t('search.none')));
    for (const n of hits) {
      results.append(
        h(
          'li',
          { role: 'option' },
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                results.hidden = true;
                const kinds = s.kinds.includes(n.kind)
                  ? store.get().kinds
                  : [...store.get().kinds, n.kind];
                store.update({ selected: n.id, panel: 'detail', kinds });
              },
              onkeydown: (e: Event) => {
                const k = e as KeyboardEvent;
                const li = (e.currentTarget as HTMLElement).parentElement!;
                if (k.key === 'ArrowDown')
                  (li.nextElementSibling?.querySelector('button') as HTMLElement | null)?.focus();
                else if (k.key === 'ArrowUp')
                  (
                    (li.previousElementSibling?.querySelector('button') as HTMLElement | null) ??
                    searchInput
                  )?.focus();
                else if (k.key === 'Escape') searchInput?.focus();
                else return;
                k.preventDefault();
              },
            },
            n.name,
            h('span', { class: 'muted small' }, ` ${enumLabel('nodeKind', n.kind)}`),
          ),
        ),
      );
    }
  };
  header.append(
    h(
      'div',
      { class: 'brand' },
      h('h1', {}, t('app.title')),
      h('p', { class: 'subtitle' }, t('app.subtitle')),
    ),
    h(
      'div',
      { class: 'controls' },
      h('label', { for: 'region' }, t('region.label')),
      regionSelect,
      h(
        'div',
        { class: 'search' },
        h('label', { for: 'search' }, t('search.label')),
        searchInput,
        results,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary lang',
          lang: getLang() === 'ja' ? 'en' : 'ja',
          title: t('lang.switch.help'),
          'data-key': 'lang',
          onclick: () => store.update({ lang: getLang() === 'ja' ? 'en' : 'ja' }),
        },
        t('lang.switch'),
      ),
      data.me
        ? h(
            'div',
            { class: 'account' },
            h(
              'span',
              {
                class: 'who',
                title: [
                  canWrite(data.me) ? '' : t('auth.readOnly'),
                  pseudonymises(data.me) ? t('auth.pseudonymised') : '',
                ]
                  .filter(Boolean)
                  .join(' '),
              },
              t('auth.user', { name: data.me.displayName, role: roleText(data.me) }),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'data-key': 'signout',
                title: t('auth.signOut.help'),
                onclick: () => void signOut(),
              },
              t('auth.signOut'),
            ),
          )
        : null,
    ),
  );
}

function renderToolbar(): void {
  clear(toolbar);
  const s = store.get();
  toolbar.append(
    h(
      'fieldset',
      { class: 'filters', title: t('filters.help') },
      h('legend', {}, t('filters.title')),
      MAP_NODE_KINDS.map((k) =>
        h(
          'label',
          { class: 'filter' },
          h('input', {
            type: 'checkbox',
            name: 'kind',
            value: k,
            checked: s.kinds.includes(k),
            onchange: () => store.update({ kinds: toggleKind(store.get().kinds, k) }),
          }),
          swatch(KIND_STYLE[k].shape, k === 'Person' ? COMMUNITY_COLORS[0]! : KIND_STYLE[k].color),
          enumLabel('nodeKind', k),
        ),
      ),
    ),
    h(
      'div',
      { class: 'map-buttons' },
      h(
        'button',
        { type: 'button', class: 'secondary', title: t('map.fit.help'), onclick: () => map.fit() },
        t('map.fit'),
      ),
      s.selected
        ? h(
            'label',
            { class: 'inline', title: t('map.focus.help') },
            t('map.focus'),
            ' ',
            h(
              'select',
              {
                id: 'focus-depth',
                onchange: (e: Event) =>
                  store.update({
                    focusDepth: Number((e.target as HTMLSelectElement).value) as 0 | 1 | 2,
                  }),
              },
              h('option', { value: '0', selected: s.focusDepth === 0 }, t('map.focusDepth.0')),
              h('option', { value: '1', selected: s.focusDepth === 1 }, t('map.focusDepth.1')),
              h('option', { value: '2', selected: s.focusDepth === 2 }, t('map.focusDepth.2')),
            ),
          )
        : null,
      s.overlay
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              title: t('map.clear.help'),
              onclick: () => store.update({ overlay: null }),
            },
            t('map.clear'),
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          title: t('map.png.help'),
          'data-key': 'png',
          id: 'export-png',
          onclick: () => void exportPng(),
        },
        t('map.png'),
      ),
    ),
  );
}

function swatch(shape: string, color: string, border?: string): HTMLElement {
  const el = h('span', { class: `swatch shape-${shape}`, 'aria-hidden': 'true' });
  el.style.backgroundColor = color;
  if (border) el.style.boxShadow = `0 0 0 3px ${border}`;
  return el;
}

function renderLegend(): void {
  clear(legend);
  legend.append(
    h('h2', {}, t('legend.title')),
    h(
      'ul',
      {},
      h('li', {}, swatch('ellipse', COMMUNITY_COLORS[1]!, GOLD), t('legend.keyPerson')),
      h(
        'li',
        {},
        h('span', { class: 'star', 'aria-hidden': 'true' }, '★'),
        t('legend.declared').replace('★ ', ''),
      ),
      h(
        'li',
        {},
        COMMUNITY_COLORS.slice(0, 5).map((c) => swatch('ellipse', c)),
        t('legend.community'),
      ),
      h('li', {}, swatch(TALENT_SHAPE, COMMUNITY_COLORS[3]!), t('detail.talent')),
      h(
        'li',
        {},
        h(
          'span',
          { class: 'sizes', 'aria-hidden': 'true' },
          swatch('ellipse', '#8a94a3'),
          swatch('ellipse-big', '#8a94a3'),
        ),
        t('legend.size'),
      ),
      h('li', {}, swatch('ellipse', CUT), t('legend.cut')),
      h('li', {}, lineSwatch(), t('legend.path')),
    ),
  );
}

function lineSwatch(): HTMLElement {
  const el = h('span', { class: 'line', 'aria-hidden': 'true' });
  el.style.backgroundColor = HIGHLIGHT;
  return el;
}

function renderTabs(): void {
  clear(tabs);
  tabs.setAttribute('aria-label', t('panel.tabs'));
  const s = store.get();
  const counts: Partial<Record<PanelId, number>> = {
    gaps: data.gaps.status === 'ok' ? data.gaps.value.length : undefined,
    suggestions: data.suggestions.status === 'ok' ? data.suggestions.value.length : undefined,
  };
  for (const p of PANELS) {
    tabs.append(
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${p}`,
          'aria-selected': s.panel === p ? 'true' : 'false',
          'aria-controls': 'panel',
          tabindex: s.panel === p ? '0' : '-1',
          'data-panel': p,
          onclick: () => store.update({ panel: p }),
          onkeydown: (e: Event) => {
            const k = e as KeyboardEvent;
            const i = PANELS.indexOf(p);
            const next =
              k.key === 'ArrowRight'
                ? PANELS[(i + 1) % PANELS.length]
                : k.key === 'ArrowLeft'
                  ? PANELS[(i + PANELS.length - 1) % PANELS.length]
                  : undefined;
            if (next) {
              k.preventDefault();
              store.update({ panel: next });
              document.getElementById(`tab-${next}`)?.focus();
            }
          },
        },
        t(`panel.${p}`),
        counts[p] !== undefined ? h('span', { class: 'count' }, String(counts[p])) : null,
      ),
    );
  }
  panel.setAttribute('aria-labelledby', `tab-${s.panel}`);
}

function renderPanel(): void {
  const active = document.activeElement as HTMLElement | null;
  const focusKey = active && panel.contains(active) ? active.dataset.key : undefined;
  const scroll = panel.scrollTop;
  clear(panel);
  const ctx: PanelContext = { state: store.get(), data, actions, name: nameOf };
  const render = {
    keyPersons: renderKeyPersons,
    gaps: renderGaps,
    suggestions: renderSuggestions,
    detail: renderDetail,
    outreach: renderOutreach,
  }[store.get().panel];
  panel.append(render(ctx));
  panel.scrollTop = scroll;
  if (focusKey)
    (panel.querySelector(`[data-key="${CSS.escape(focusKey)}"]`) as HTMLElement | null)?.focus();
}

function renderStats(): void {
  const c = map.counts();
  stats.textContent = t('map.stats', {
    nodes: formatCount(c.nodes, getLang()),
    edges: formatCount(c.edges, getLang()),
  });
  stats.title = t('map.stats.help');
}

// ------------------------------------------------------------------------------------------
// Data loading

let loadSeq = 0;

async function loadRegionData(keepView: boolean): Promise<void> {
  const seq = ++loadSeq;
  const region = store.get().region;
  const vars = { regionId: region };
  mapMessage.hidden = true;
  if (!keepView) {
    data.keyPersons = data.gaps = data.suggestions = data.outreach = { status: 'loading' };
    renderTabs();
    renderPanel();
  }
  showProgress(t('progress.loading'));
  document.body.dataset.mapReady = 'false';
  // The panels' analytics are asked for once the map has its answer (on a cold server they
  // would compete with it) and shown once the map is drawn (not in the middle of drawing it).
  let mapDone!: () => void;
  const mapSettled = new Promise<void>((resolve) => (mapDone = resolve));
  const settle = async <T>(p: Promise<T>, set: (a: Async<T>) => void) => {
    let result: Async<T>;
    try {
      result = { status: 'ok', value: await p };
    } catch (err) {
      result = { status: 'error', message: friendly(err) };
    }
    await mapSettled;
    if (seq === loadSeq) {
      set(result);
      renderTabs();
      renderPanel();
      applyOverlay(false);
    }
  };
  let panels: Promise<unknown> = Promise.resolve();
  const startPanels = () => {
    if (seq !== loadSeq) return;
    panels = Promise.all([
      settle(
        gql<{ keyPersonGroup: KeyPersonScore[] }>(Q.KEY_PERSONS, { ...vars, limit: 30 }).then(
          (d) => d.keyPersonGroup,
        ),
        (a) => (data.keyPersons = a),
      ),
      settle(
        gql<{ networkGaps: Gap[] }>(Q.GAPS, vars).then((d) => d.networkGaps),
        (a) => (data.gaps = a),
      ),
      settle(
        gql<{ introductionSuggestions: IntroductionSuggestion[] }>(Q.SUGGESTIONS, {
          ...vars,
          limit: 20,
        }).then((d) => d.introductionSuggestions),
        (a) => (data.suggestions = a),
      ),
      region
        ? settle(
            gql<{ outreachPlan: OutreachTarget[] }>(Q.OUTREACH, {
              regionId: region,
              limit: 30,
            }).then((d) => d.outreachPlan),
            (a) => (data.outreach = a),
          )
        : Promise.resolve((data.outreach = { status: 'idle' })),
    ]);
  };
  try {
    const t0 = Math.min(performance.now(), early?.region === region ? early.at : Infinity);
    const { networkMap } = await mapQuery(region).finally(startPanels);
    if (seq !== loadSeq) return;
    timings.mapData = Math.round(performance.now() - t0);
    data.nodes = networkMap.nodes;
    data.edges = networkMap.edges;
    data.nodeById = new Map(networkMap.nodes.map((n) => [n.id, n]));
    await map.setData(networkMap, region === null, `layout:${region ?? 'all'}`, store.get().kinds);
    if (seq !== loadSeq) return;
    Object.assign(timings, map.timings, {
      total: Math.round(performance.now() - t0),
      // page clock (from navigation start) when the map was asked for and when it was drawn
      fetchAt: Math.round(t0),
      readyAt: Math.round(performance.now()),
    });
    console.info('map timings (ms)', JSON.stringify(timings));
    cyBox.setAttribute('aria-label', `${t('map.label')}: ${regionLabel()}`);
    document.body.dataset.mapReady = 'true';
    const s = store.get();
    if (s.selected && !data.nodeById.has(s.selected)) store.update({ selected: null });
    syncMap(true);
    if (data.nodes.length === 0) {
      mapMessage.textContent = t('map.empty');
      mapMessage.hidden = false;
    }
  } catch (err) {
    if (seq !== loadSeq) return;
    showProgress(null);
    mapMessage.textContent = friendly(err);
    mapMessage.append(
      ' ',
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => void loadRegionData(false) },
        t('common.reload'),
      ),
    );
    mapMessage.hidden = false;
  } finally {
    mapDone();
  }
  await panels;
  if (seq === loadSeq) {
    void loadSelection();
    void loadOverlay();
  }
}

/**
 * The map of the region in the URL, asked for as the page starts (beside the region list it
 * waits for otherwise): the largest answer, on the way to the first picture.
 */
let early: {
  region: string | null;
  at: number;
  answer: Promise<{ networkMap: NetworkMap }>;
} | null = null;

function requestMap(region: string | null): Promise<{ networkMap: NetworkMap }> {
  return gql<{ networkMap: NetworkMap }>(Q.NETWORK_MAP, { regionId: region });
}

function mapQuery(region: string | null): Promise<{ networkMap: NetworkMap }> {
  const e = early;
  early = null;
  if (e && e.region === region) return e.answer;
  return requestMap(region);
}

function regionLabel(): string {
  const r = data.regions.find((x) => x.id === store.get().region);
  return r ? regionName(r) : t('region.all');
}

async function loadRegions(): Promise<void> {
  try {
    const d = await gql<{ regions: Array<RegionOption & { depts: Array<{ id: string }> }> }>(
      Q.REGIONS,
    );
    const withDept = d.regions.filter((r) => r.depts.length > 0);
    // In the API's order (the report's order of the pilot regions).
    data.regions = withDept.length ? withDept : d.regions;
  } catch (err) {
    notify(friendly(err), 'error');
  }
  renderHeader();
}

async function loadEditable(): Promise<void> {
  try {
    const d = await gql<{ __schema: { mutationType: { fields: Array<{ name: string }> } | null } }>(
      Q.MUTATION_FIELDS,
    );
    const names = new Set(d.__schema.mutationType?.fields.map((f) => f.name) ?? []);
    if (names.has(UPDATE_MUTATION))
      for (const kind of Object.keys(ENTITY_API)) if (FIELDS[kind]?.length) data.editable.add(kind);
  } catch {
    // Introspection off: editing is not offered.
  }
}

let entityFor: string | null = null;
async function loadSelection(force = false): Promise<void> {
  const id = store.get().selected;
  const node = id ? data.nodeById.get(id) : undefined;
  if (!id || !node) {
    entityFor = null;
    data.entity = { status: 'idle' };
    return;
  }
  if (entityFor === id && !force) return;
  entityFor = id;
  const api = ENTITY_API[node.kind];
  const defs = FIELDS[node.kind] ?? [];
  if (!api || defs.length === 0) {
    data.entity = { status: 'ok', value: null };
    return;
  }
  data.entity = { status: 'loading' };
  if (store.get().panel === 'detail') renderPanel();
  try {
    const fields = [...defs.map((d) => d.name), ...(EXTRA_READ[node.kind] ?? [])];
    const d = await gql<Record<string, Array<Record<string, unknown>>>>(
      Q.entityQuery(api.query, fields),
      { id },
    );
    if (entityFor !== id) return;
    data.entity = { status: 'ok', value: d[api.query]?.[0] ?? null };
  } catch (err) {
    if (entityFor !== id) return;
    data.entity = { status: 'error', message: friendly(err) };
  }
  if (store.get().panel === 'detail') renderPanel();
}

let overlayLoaded = '';
async function loadOverlay(): Promise<void> {
  const o = store.get().overlay;
  const key = JSON.stringify([o, store.get().region]);
  if (key === overlayLoaded) return;
  overlayLoaded = key;
  if (o?.type === 'whatif') {
    data.whatIf = { status: 'loading' };
    renderPanel();
    try {
      const d = await gql<{ whatIfRemoved: RemovalImpact }>(Q.WHAT_IF, {
        regionId: store.get().region,
        personId: o.personId,
      });
      if (overlayLoaded !== key) return;
      data.whatIf = { status: 'ok', value: d.whatIfRemoved };
    } catch (err) {
      if (overlayLoaded !== key) return;
      data.whatIf = { status: 'error', message: friendly(err) };
    }
  } else if (o?.type === 'path') {
    data.path = { status: 'loading' };
    renderPanel();
    try {
      const d = await gql<{ connectionPath: PathStep[] | null }>(Q.CONNECTION_PATH, {
        fromId: o.from,
        toId: o.to,
      });
      if (overlayLoaded !== key) return;
      data.path = { status: 'ok', value: d.connectionPath };
    } catch (err) {
      if (overlayLoaded !== key) return;
      data.path = { status: 'error', message: friendly(err) };
    }
  } else {
    return;
  }
  renderPanel();
  applyOverlay(true);
}

// ------------------------------------------------------------------------------------------
// Map ⇄ state

function highlightFor(s: ViewState): Highlight {
  const hl = emptyHighlight();
  const o = s.overlay;
  if (!o) return hl;
  if (o.type === 'gap' && data.gaps.status === 'ok') {
    const g = data.gaps.value.find((x) => x.id === o.id);
    if (g) {
      hl.primary = g.nodeIds;
      hl.secondary = g.relatedIds;
    }
  } else if (o.type === 'suggestion' && data.suggestions.status === 'ok') {
    const sg = data.suggestions.value.find((x) => x.id === o.id);
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
    if (data.whatIf.status === 'ok' && data.whatIf.value.personId === o.personId) {
      hl.cut = data.whatIf.value.cutOffIds;
      hl.secondary = data.whatIf.value.newGaps
        .flatMap((g) => g.nodeIds)
        .filter((id) => id !== o.personId);
    }
  } else if (o.type === 'path') {
    hl.primary = [o.from, o.to];
    if (data.path.status === 'ok' && data.path.value) {
      hl.path = data.path.value.map((st) => [st.fromId, st.toId] as [string, string]);
      hl.secondary = data.path.value.map((st) => st.toId).filter((id) => id !== o.to);
    }
  }
  return hl;
}

let lastHighlightKey = '';
function applyOverlay(fit: boolean): void {
  const s = store.get();
  const hl = highlightFor(s);
  const key = JSON.stringify(hl);
  if (key === lastHighlightKey && !fit) return;
  const changed = key !== lastHighlightKey;
  lastHighlightKey = key;
  map.highlight(hl, fit && changed);
}

function syncMap(fit: boolean): void {
  const s = store.get();
  map.applyFilter(
    s.kinds,
    s.selected && s.focusDepth ? { id: s.selected, depth: s.focusDepth } : null,
  );
  map.select(s.selected, fit && !s.overlay);
  lastHighlightKey = '';
  applyOverlay(fit);
  renderStats();
}

// ------------------------------------------------------------------------------------------
// Actions

const actions: Actions = {
  select(id, opts) {
    store.update({ selected: id, ...(opts?.panel ? { panel: opts.panel } : {}) });
  },
  show(overlay, selected) {
    store.update({ overlay, ...(selected !== undefined ? { selected } : {}) });
  },
  setFocus(depth) {
    store.update({ focusDepth: depth });
  },
  setPathFrom(id) {
    data.pathFrom = id;
    renderPanel();
    if (id) notify(t('detail.pathPending', { name: nameOf(id) }));
  },
  async record(s: IntroductionSuggestion, status: RecordedStatus) {
    showProgress(t('progress.saving'));
    try {
      await gql(Q.RECORD_INTRODUCTION, { fromId: s.fromId, toId: s.toId, viaId: s.viaId, status });
      notify(t(`sug.recorded.${status}`, { from: s.fromName, to: s.toName }));
      store.update({ overlay: null });
      await loadRegionData(true);
    } catch (err) {
      showProgress(null);
      notify(friendly(err), 'error');
      renderPanel();
    }
  },
  async saveEntity(kind, id, values) {
    if (!data.editable.has(kind)) throw new ApiError(t('detail.notEditable'), 'BAD_USER_INPUT');
    const record = data.entity.status === 'ok' && data.entity.value ? data.entity.value : {};
    const fields = fieldChanges(values, record);
    if (fields.length === 0) {
      notify(t('detail.unchanged'));
      return;
    }
    showProgress(t('progress.saving'));
    try {
      await gql(Q.UPDATE_NODE, { id, fields });
    } finally {
      showProgress(null);
    }
    notify(t('detail.saved'));
    // The graph version changed: the map, the panels and the record are read again.
    await loadRegionData(true);
    await loadSelection(true);
  },
  exportCsv(title: string, headerRow: string[], rows: Cell[][]) {
    const blob = new Blob([toCsv(headerRow, rows)], { type: 'text/csv;charset=utf-8' });
    download(blob, csvFileName(title, regionLabel()));
  },
  notify,
};

async function exportPng(): Promise<void> {
  try {
    const blob = await map.png();
    download(blob, csvFileName(t('map.label'), regionLabel()).replace(/\.csv$/, '.png'));
  } catch (err) {
    console.error(err);
    notify(t('err.png'), 'error');
  }
}

// ------------------------------------------------------------------------------------------
// State changes

store.subscribe((s, prev) => {
  const q = stateToQuery(s);
  if (q !== location.search) {
    const url = `${location.pathname}${q}${location.hash}`;
    if (isNavigation(prev, s)) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
  if (s.lang !== prev.lang) {
    setLang(s.lang);
    document.title = t('app.title');
    renderHeader();
    renderLegend();
  }
  if (s.region !== prev.region) {
    if (regionSelect) regionSelect.value = s.region ?? '';
    data.pathFrom = null;
    void loadRegionData(false);
    renderToolbar();
    return;
  }
  if (
    s.kinds.join() !== prev.kinds.join() ||
    s.focusDepth !== prev.focusDepth ||
    s.selected !== prev.selected ||
    s.lang !== prev.lang
  )
    renderToolbar();
  if (
    s.kinds.join() !== prev.kinds.join() ||
    s.focusDepth !== prev.focusDepth ||
    s.selected !== prev.selected
  ) {
    map.applyFilter(
      s.kinds,
      s.selected && s.focusDepth ? { id: s.selected, depth: s.focusDepth } : null,
    );
    renderStats();
  }
  if (s.selected !== prev.selected) {
    map.select(s.selected, !sameOverlay(s.overlay, prev.overlay) ? false : true);
    void loadSelection();
  }
  if (!sameOverlay(s.overlay, prev.overlay)) {
    if (!s.overlay) overlayLoaded = '';
    applyOverlay(true);
    void loadOverlay();
  }
  if (s.panel !== prev.panel || s.lang !== prev.lang) renderTabs();
  renderPanel();
  if (s.lang !== prev.lang) renderStats();
});

window.addEventListener('popstate', () => {
  const next = queryToState(location.search);
  store.replace(next);
});
document.addEventListener('app:rerender', () => renderPanel());

// ------------------------------------------------------------------------------------------
// Start

/** Signs in (or shows the form), then applies what the account may see, then loads. */
async function boot(): Promise<void> {
  let me: Me | null;
  try {
    me = await fetchMe();
  } catch (err) {
    console.warn(err);
    notify(t('err.network'), 'error');
    return;
  }
  if (!me) {
    const gate = h('div', { id: 'signin' });
    document.body.append(gate);
    app.hidden = true;
    await signInForm(gate);
    location.reload(); // a clean start with the session cookie
    return;
  }
  data.me = me;
  // A session that ends while the page is open: say so, then show the sign-in form.
  setUnauthenticatedHandler(() => {
    setUnauthenticatedHandler(null);
    notify(t('auth.expired'), 'error');
    setTimeout(() => location.reload(), 2500);
  });
  // What the role may not read is not asked for (the server would refuse it anyway).
  if (!seesContact(me)) hideFields(['email', 'phone']);
  const own = me.regionIds;
  if (own !== null && !own.includes(store.get().region ?? '')) {
    store.replace({ ...store.get(), region: own[0] ?? null });
  }
  renderHeader();
  renderToolbar();
  renderLegend();
  renderTabs();
  renderPanel();
  {
    // The map is asked for at once, beside the region list (the largest answer).
    const region = store.get().region;
    const answer = requestMap(region);
    // Unhandled until loadRegionData takes it (a failure is reported there).
    answer.catch(() => {});
    early = { region, at: performance.now(), answer };
  }
  if (canWrite(me)) void loadEditable();
  void loadRegions().then(() => loadRegionData(false));
}

document.title = t('app.title');
void boot();
