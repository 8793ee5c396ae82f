/**
 * Internal indexes over a projection, shared by the analytics (not part of the public API).
 *
 * `buildContext(g)` reads the graph once and builds:
 * - the tie graph T of docs/gaps.md as a compact undirected CSR (persons, organisations, SMEs;
 *   KNOWS weight = strength, WORKS_AT / SUPPORTS / PARTNERS_WITH weight 1; parallel and
 *   reverse-direction edges merged, keeping the strongest). Node indices follow the sorted ids,
 *   and every adjacency list is sorted, so every traversal is deterministic whatever the order
 *   in which the projection was loaded;
 * - plain maps for the rest (staff, depts, regions, events, engagements, skills, challenges).
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { NetworkGraph } from './graph';

export const NK_PERSON = 0;
export const NK_ORG = 1;
export const NK_SME = 2;
export const R_KNOWS = 0;
export const R_WORKS_AT = 1;
export const R_SUPPORTS = 2;
export const R_PARTNERS = 3;
import { REL_NAMES, type Reason, type TieRel } from '../../common/answers';

export { REL_NAMES, type Reason, type TieRel };

/** The tie graph T as compressed sparse rows. */
export interface TieGraph {
  n: number;
  ids: string[];
  index: Map<string, number>;
  kind: Uint8Array;
  off: Int32Array;
  nbr: Int32Array;
  w: Float64Array;
  rel: Uint8Array;
}

export interface DeptInfo {
  id: string;
  name: string;
  lead: string | null;
  members: string[];
  /** members ∪ {lead}, sorted. */
  team: string[];
  regions: string[];
  /** SMEs LOCATED_IN a covered region, sorted. */
  smes: string[];
  /**
   * The dept's persons (docs/gaps.md): located in a covered region; with no LOCATED_IN of
   * their own, working at a team org or at a place located in a covered region; and talent
   * engaged with a dept SME. Sorted.
   */
  persons: string[];
  engagement: Map<string, number>;
}

export interface Engagement {
  talentId: string;
  smeId: string;
  status: string;
  startedAt?: string;
  lastFollowUpAt?: string;
}

export interface Ctx {
  g: NetworkGraph;
  T: TieGraph;
  persons: string[];
  worksAt: Map<string, string[]>;
  staff: Map<string, string[]>;
  knows: Map<string, Map<string, number>>;
  depts: DeptInfo[];
  deptById: Map<string, DeptInfo>;
  /** region → depts covering it (sorted ids). */
  deptsByRegion: Map<string, string[]>;
  /** org → depts whose team it is in. */
  deptsOfOrg: Map<string, string[]>;
  regionsOf: Map<string, string[]>;
  supportsOf: Map<string, string[]>;
  partners: Set<string>;
  hosted: Map<string, string[]>;
  attended: Map<string, string[]>;
  engagements: Engagement[];
  smeChallenges: Map<string, Array<{ challengeId: string; priority: number }>>;
  skillsOf: Map<string, Array<{ skillId: string; level: number }>>;
  addresses: Map<string, string[]>;
  communities?: Map<string, number>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const compareIds = cmp;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

function sortUniq(m: Map<string, string[]>): void {
  for (const [k, a] of m) m.set(k, [...new Set(a)].sort(cmp));
}

/**
 * Hypothetical changes applied while indexing, so what-if analyses need no copy of the graph:
 * `dropNodes` are left out with all their relationships; `extraKnows` are added as KNOWS ties.
 */
export interface ContextChanges {
  dropNodes?: ReadonlySet<string>;
  extraKnows?: ReadonlyArray<{ from: string; to: string; strength: number }>;
}

export function buildContext(g: NetworkGraph, changes: ContextChanges = {}): Ctx {
  const drop = changes.dropNodes ?? new Set<string>();
  // ---- tie graph T
  const tIds: string[] = [];
  g.forEachNode((id, a) => {
    if (drop.has(id)) return;
    if (a.kind === 'Person' || a.kind === 'Organization' || a.kind === 'SME') tIds.push(id);
  });
  tIds.sort(cmp);
  const n = tIds.length;
  const index = new Map<string, number>();
  const kind = new Uint8Array(n);
  tIds.forEach((id, i) => {
    index.set(id, i);
    const k = g.getNodeAttribute(id, 'kind');
    kind[i] = k === 'Person' ? NK_PERSON : k === 'Organization' ? NK_ORG : NK_SME;
  });
  const pairW = new Map<number, number>();
  const pairR = new Map<number, number>();

  const worksAt = new Map<string, string[]>();
  const staff = new Map<string, string[]>();
  const knows = new Map<string, Map<string, number>>();
  const leads = new Map<string, string>();
  const members = new Map<string, string[]>();
  const engagementOf = new Map<string, Map<string, number>>();
  const covers = new Map<string, string[]>();
  const regionsOf = new Map<string, string[]>();
  const supportsOf = new Map<string, string[]>();
  const partners = new Set<string>();
  const hosted = new Map<string, string[]>();
  const attended = new Map<string, string[]>();
  const engagements: Engagement[] = [];
  const smeChallenges = new Map<string, Array<{ challengeId: string; priority: number }>>();
  const skillsOf = new Map<string, Array<{ skillId: string; level: number }>>();
  const addresses = new Map<string, string[]>();

  const addTie = (s: string, t: string, w: number, rel: number): void => {
    const a = index.get(s);
    const b = index.get(t);
    if (a === undefined || b === undefined || a === b) return;
    const key = a < b ? a * n + b : b * n + a;
    const old = pairW.get(key);
    if (old === undefined || w > old) {
      pairW.set(key, w);
      pairR.set(key, rel);
    }
  };

  const onEdge = (
    attr: { type: string; weight: number; props: Record<string, unknown> },
    s: string,
    t: string,
  ): void => {
    if (drop.has(s) || drop.has(t)) return;
    const p = attr.props ?? {};
    switch (attr.type) {
      case 'KNOWS': {
        const w = Number(attr.weight) || 1;
        addTie(s, t, w, R_KNOWS);
        if (s === t) break;
        let ms = knows.get(s);
        if (!ms) knows.set(s, (ms = new Map()));
        let mt = knows.get(t);
        if (!mt) knows.set(t, (mt = new Map()));
        ms.set(t, Math.max(ms.get(t) ?? 0, w));
        mt.set(s, Math.max(mt.get(s) ?? 0, w));
        break;
      }
      case 'WORKS_AT':
        addTie(s, t, 1, R_WORKS_AT);
        push(worksAt, s, t);
        push(staff, t, s);
        break;
      case 'SUPPORTS':
        addTie(s, t, 1, R_SUPPORTS);
        push(supportsOf, t, s);
        break;
      case 'PARTNERS_WITH':
        addTie(s, t, 1, R_PARTNERS);
        partners.add(`${s}|${t}`);
        partners.add(`${t}|${s}`);
        break;
      case 'LEADS':
        if (!leads.has(t) || cmp(s, leads.get(t) as string) < 0) leads.set(t, s);
        break;
      case 'MEMBER_OF': {
        push(members, t, s);
        let em = engagementOf.get(t);
        if (!em) engagementOf.set(t, (em = new Map()));
        const e = Number(p.engagement);
        em.set(s, Number.isFinite(e) && e > 0 ? e : 2);
        break;
      }
      case 'COVERS':
        push(covers, s, t);
        break;
      case 'LOCATED_IN':
        push(regionsOf, s, t);
        break;
      case 'HOSTED':
        push(hosted, s, t);
        break;
      case 'ATTENDED':
        push(attended, s, t);
        break;
      case 'ENGAGED_WITH':
        engagements.push({
          talentId: s,
          smeId: t,
          status: String(p.status ?? ''),
          ...(typeof p.startedAt === 'string' ? { startedAt: p.startedAt } : {}),
          ...(typeof p.lastFollowUpAt === 'string' ? { lastFollowUpAt: p.lastFollowUpAt } : {}),
        });
        break;
      case 'HAS_CHALLENGE': {
        const pr = Number(p.priority);
        push(smeChallenges, s, {
          challengeId: t,
          priority: Number.isFinite(pr) && pr > 0 ? pr : 2,
        });
        break;
      }
      case 'HAS_SKILL': {
        const lv = Number(p.level);
        push(skillsOf, s, { skillId: t, level: Number.isFinite(lv) && lv > 0 ? lv : 2 });
        break;
      }
      case 'ADDRESSES':
        push(addresses, s, t);
        break;
      default:
        break;
    }
  };
  g.forEachEdge((_e, attr, s, t) => onEdge(attr, s, t));
  for (const k of changes.extraKnows ?? []) {
    if (g.hasNode(k.from) && g.hasNode(k.to)) {
      onEdge(
        {
          type: 'KNOWS',
          weight: k.strength,
          props: { strength: k.strength, source: 'introduction' },
        },
        k.from,
        k.to,
      );
    }
  }
  for (const m of [
    worksAt,
    staff,
    covers,
    regionsOf,
    supportsOf,
    hosted,
    attended,
    addresses,
    members,
  ]) {
    sortUniq(m);
  }
  engagements.sort((a, b) => cmp(a.talentId, b.talentId) || cmp(a.smeId, b.smeId));

  // CSR: sorting the pair keys gives every adjacency list in ascending neighbour order.
  const keys = Float64Array.from(pairW.keys()).sort();
  const deg = new Int32Array(n + 1);
  for (const k of keys) {
    const a = Math.floor(k / n);
    const b = k - a * n;
    deg[a]!++;
    deg[b]!++;
  }
  const off = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) off[i + 1] = off[i]! + deg[i]!;
  const fill = off.slice(0, n);
  const nbr = new Int32Array(off[n]!);
  const w = new Float64Array(off[n]!);
  const rel = new Uint8Array(off[n]!);
  for (const k of keys) {
    const a = Math.floor(k / n);
    const b = k - a * n;
    const ww = pairW.get(k) as number;
    const rr = pairR.get(k) as number;
    let p = fill[a]!++;
    nbr[p] = b;
    w[p] = ww;
    rel[p] = rr;
    p = fill[b]!++;
    nbr[p] = a;
    w[p] = ww;
    rel[p] = rr;
  }
  const T: TieGraph = { n, ids: tIds, index, kind, off, nbr, w, rel };

  // ---- depts
  const deptIds: string[] = [];
  g.forEachNode((id, a) => {
    if (a.kind === 'RegionalHRDept' && !drop.has(id)) deptIds.push(id);
  });
  deptIds.sort(cmp);
  const smesByRegion = new Map<string, string[]>();
  g.forEachNode((id, a) => {
    if (a.kind !== 'SME' || drop.has(id)) return;
    for (const r of regionsOf.get(id) ?? []) push(smesByRegion, r, id);
  });
  const depts: DeptInfo[] = [];
  const deptById = new Map<string, DeptInfo>();
  const deptsByRegion = new Map<string, string[]>();
  const deptsOfOrg = new Map<string, string[]>();
  for (const id of deptIds) {
    const lead = leads.get(id) ?? null;
    const mem = (members.get(id) ?? []).filter((m) => m !== lead);
    const team = [...new Set([...mem, ...(lead ? [lead] : [])])].sort(cmp);
    const regions = covers.get(id) ?? [];
    const smes = new Set<string>();
    for (const r of regions) {
      for (const s of smesByRegion.get(r) ?? []) smes.add(s);
      push(deptsByRegion, r, id);
    }
    for (const o of team) push(deptsOfOrg, o, id);
    const d: DeptInfo = {
      id,
      name: nameOf(g, id),
      lead,
      members: mem,
      team,
      regions,
      smes: [...smes].sort(cmp),
      persons: [],
      engagement: engagementOf.get(id) ?? new Map(),
    };
    depts.push(d);
    deptById.set(id, d);
  }
  sortUniq(deptsByRegion);
  sortUniq(deptsOfOrg);

  const persons = tIds.filter((_id, i) => kind[i] === NK_PERSON);
  const deptPersons = new Map<string, Set<string>>(depts.map((d) => [d.id, new Set()]));
  const addTo = (d: string, p: string) => deptPersons.get(d)?.add(p);
  for (const p of persons) {
    const own = regionsOf.get(p);
    if (own && own.length > 0) {
      for (const r of own) for (const d of deptsByRegion.get(r) ?? []) addTo(d, p);
      continue;
    }
    for (const o of worksAt.get(p) ?? []) {
      for (const d of deptsOfOrg.get(o) ?? []) addTo(d, p);
      for (const r of regionsOf.get(o) ?? [])
        for (const d of deptsByRegion.get(r) ?? []) addTo(d, p);
    }
  }
  const smeDepts = new Map<string, string[]>();
  for (const d of depts) for (const s of d.smes) push(smeDepts, s, d.id);
  for (const e of engagements) {
    if (!index.has(e.talentId)) continue;
    for (const d of smeDepts.get(e.smeId) ?? []) addTo(d, e.talentId);
  }
  for (const d of depts) d.persons = [...(deptPersons.get(d.id) ?? [])].sort(cmp);
  return {
    g,
    T,
    persons,
    worksAt,
    staff,
    knows,
    depts,
    deptById,
    deptsByRegion,
    deptsOfOrg,
    regionsOf,
    supportsOf,
    partners,
    hosted,
    attended,
    engagements,
    smeChallenges,
    skillsOf,
    addresses,
  };
}

// ---------------------------------------------------------------------------------------------
// Small accessors

export function nameOf(g: NetworkGraph, id: string): string {
  return g.hasNode(id) ? String(g.getNodeAttribute(id, 'name') ?? id) : id;
}

export function propsOf(g: NetworkGraph, id: string): Record<string, unknown> {
  return g.hasNode(id) ? (g.getNodeAttribute(id, 'props') ?? {}) : {};
}

export function hasLabel(g: NetworkGraph, id: string, label: string): boolean {
  if (!g.hasNode(id)) return false;
  const a = g.getNodeAttributes(id);
  if (a.labels?.includes(label)) return true;
  if (label === 'Talent') return a.props?.isTalent === true;
  if (label === 'KeyPerson') return a.props?.isKeyPerson === true;
  return false;
}

export function isPerson(g: NetworkGraph, id: string): boolean {
  return g.hasNode(id) && g.getNodeAttribute(id, 'kind') === 'Person';
}

export function isLocal(g: NetworkGraph, id: string): boolean {
  return propsOf(g, id).origin === 'local';
}

export function isTalent(g: NetworkGraph, id: string): boolean {
  return hasLabel(g, id, 'Talent');
}

/** A newcomer in the sense of ISOLATED_NEWCOMER: `origin: outside` or `:Talent`. */
export function isNewcomer(g: NetworkGraph, id: string): boolean {
  return propsOf(g, id).origin === 'outside' || isTalent(g, id);
}

export function localTieCount(ctx: Ctx, id: string): number {
  let c = 0;
  for (const q of ctx.knows.get(id)?.keys() ?? []) if (isLocal(ctx.g, q)) c++;
  return c;
}

export function knowsStrength(ctx: Ctx, a: string, b: string): number {
  return ctx.knows.get(a)?.get(b) ?? 0;
}

/** Regions of a node: its own LOCATED_IN, else those of the places it works at. */
export function regionsNear(ctx: Pick<Ctx, 'worksAt' | 'regionsOf'>, id: string): string[] {
  const own = ctx.regionsOf.get(id);
  if (own && own.length > 0) return own;
  const out = new Set<string>();
  for (const o of ctx.worksAt.get(id) ?? []) for (const r of ctx.regionsOf.get(o) ?? []) out.add(r);
  return [...out].sort(cmp);
}

/** Depts a person belongs to: via the team orgs they work at, else the depts covering their region. */
export function deptsOfPerson(ctx: Ctx, id: string): string[] {
  const out = new Set<string>();
  for (const o of ctx.worksAt.get(id) ?? [])
    for (const d of ctx.deptsOfOrg.get(o) ?? []) out.add(d);
  if (out.size === 0) {
    for (const r of regionsNear(ctx, id))
      for (const d of ctx.deptsByRegion.get(r) ?? []) out.add(d);
  }
  return [...out].sort(cmp);
}

/** Staff of the lead organisations of the depts covering an SME (the coordinators). */
export function leadStaffOfSme(ctx: Ctx, smeId: string): string[] {
  return deptsOfSme(ctx, smeId).flatMap((d) => {
    const lead = ctx.deptById.get(d)?.lead;
    return lead ? (ctx.staff.get(lead) ?? []) : [];
  });
}

export function deptsOfSme(ctx: Ctx, smeId: string): string[] {
  const out = new Set<string>();
  for (const r of ctx.regionsOf.get(smeId) ?? [])
    for (const d of ctx.deptsByRegion.get(r) ?? []) out.add(d);
  return [...out].sort(cmp);
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and communities

/** mulberry32: a small, fast, seedable PRNG. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const LOUVAIN_SEED = 20240401;

/**
 * Louvain communities of the weighted KNOWS graph of persons (every person is a node, so an
 * isolated person is a community of one). Nodes and edges are inserted in sorted order and the
 * rng is seeded, so the result does not depend on load order. Communities are renumbered
 * 0, 1, 2… by size (largest first), then by smallest member id.
 */
export function personCommunities(ctx: Ctx): Map<string, number> {
  if (ctx.communities) return ctx.communities;
  const h = new Graph({ type: 'undirected', allowSelfLoops: false, multi: false });
  for (const p of ctx.persons) h.addNode(p);
  let edges = 0;
  for (const p of ctx.persons) {
    const m = ctx.knows.get(p);
    if (!m) continue;
    for (const q of [...m.keys()].sort(cmp)) {
      if (cmp(p, q) < 0 && h.hasNode(q)) {
        h.addEdge(p, q, { weight: m.get(q) as number });
        edges++;
      }
    }
  }
  const raw: Record<string, number> =
    edges > 0
      ? louvain(h, { getEdgeWeight: 'weight', rng: seededRng(LOUVAIN_SEED) })
      : Object.fromEntries(ctx.persons.map((p, i) => [p, i]));
  const groups = new Map<number, string[]>();
  for (const p of ctx.persons) push(groups, raw[p] ?? -1, p);
  const ordered = [...groups.values()].sort(
    (a, b) => b.length - a.length || cmp(a[0] as string, b[0] as string),
  );
  const out = new Map<string, number>();
  ordered.forEach((members, i) => {
    for (const p of members) out.set(p, i);
  });
  ctx.communities = out;
  return out;
}

/** Days between two ISO dates (or date-times), b − a, in whole UTC days; NaN if unreadable. */
export function daysBetween(a: string, b: string): number {
  const pa = Date.parse(a.slice(0, 10) + 'T00:00:00Z');
  const pb = Date.parse(b.slice(0, 10) + 'T00:00:00Z');
  return Math.round((pb - pa) / 86_400_000);
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Error with a GraphQL-ready code, for callers that pass an unknown id. */
export class AnalyticsInputError extends Error {
  constructor(
    message: string,
    readonly code: 'NOT_FOUND' | 'BAD_USER_INPUT',
  ) {
    super(message);
    this.name = 'AnalyticsInputError';
  }
}

/** Lists at most `max` names joined the Japanese and the English way. */
export function listNames(names: string[], max = 3): { ja: string; en: string } {
  const shown = names.slice(0, max);
  const more = names.length - shown.length;
  return {
    ja: shown.join('、') + (more > 0 ? `ほか${more}件` : ''),
    en: shown.join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}
