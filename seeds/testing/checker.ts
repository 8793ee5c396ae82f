/**
 * An independent gap checker for the generator's tests: it reads only the dataset rows and
 * applies docs/gaps.md's rules literally, sharing no code with the generator, so that
 * "planted truth = gaps present" is a real check. It detects the kinds that need no key-person
 * scores: all but COMMUNITY_SILO exactly, and silos over the *declared* key persons (a lower
 * bound on the detector's K, which adds persons above a score threshold).
 */
import louvain from 'graphology-communities-louvain';
import { UndirectedGraph } from 'graphology';
import type { Dataset } from '../dataset';
import { ORG_FUNCTIONS } from '../../common/model';
import { Rng } from '../random';
import type { PlantedGap } from '../truth';

const DAY_MS = 86_400_000;

interface Index {
  persons: Map<string, Dataset['nodes']['Person'][number]>;
  employer: Map<string, string>;
  staffOf: Map<string, string[]>;
  knows: Map<string, Set<string>>;
  depts: { id: string; lead: string; members: string[]; smes: string[] }[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function index(ds: Dataset): Index {
  const persons = new Map(ds.nodes.Person.map((p) => [p.id, p]));
  const employer = new Map<string, string>();
  const staffOf = new Map<string, string[]>();
  for (const r of ds.relationships.WORKS_AT) {
    employer.set(r.from, r.to);
    push(staffOf, r.to, r.from);
  }
  const knows = new Map<string, Set<string>>();
  for (const r of ds.relationships.KNOWS) {
    for (const [a, b] of [
      [r.from, r.to],
      [r.to, r.from],
    ] as const) {
      const s = knows.get(a);
      if (s) s.add(b);
      else knows.set(a, new Set([b]));
    }
  }
  const smeIds = new Set(ds.nodes.SME.map((s) => s.id));
  const smesIn = new Map<string, string[]>();
  for (const r of ds.relationships.LOCATED_IN) if (smeIds.has(r.from)) push(smesIn, r.to, r.from);
  const depts = ds.nodes.RegionalHRDept.map((d) => ({
    id: d.id,
    lead: ds.relationships.LEADS.find((r) => r.to === d.id)?.from ?? '',
    members: ds.relationships.MEMBER_OF.filter((r) => r.to === d.id).map((r) => r.from),
    smes: ds.relationships.COVERS.filter((r) => r.from === d.id).flatMap(
      (r) => smesIn.get(r.to) ?? [],
    ),
  }));
  return { persons, employer, staffOf, knows, depts };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** UNSUPPORTED_SME, COORDINATION_GAP, ISOLATED_NEWCOMER, FOLLOW_UP_OVERDUE, FUNCTION_UNCOVERED. */
export function detectSimpleGaps(ds: Dataset, asOf: string, followUpDays = 60): PlantedGap[] {
  const ix = index(ds);
  const gaps: PlantedGap[] = [];
  const supports = new Set(ds.relationships.SUPPORTS.map((r) => `${r.from}|${r.to}`));
  const partners = new Set(ds.relationships.PARTNERS_WITH.map((r) => pairKey(r.from, r.to)));
  // Employer pairs with a KNOWS tie between their staff.
  const tiedEmployers = new Set<string>();
  for (const r of ds.relationships.KNOWS) {
    const a = ix.employer.get(r.from);
    const b = ix.employer.get(r.to);
    if (a && b) tiedEmployers.add(pairKey(a, b));
  }
  const eventsOf = new Map<string, Set<string>>();
  const addEvent = (org: string, ev: string) => {
    const s = eventsOf.get(org);
    if (s) s.add(ev);
    else eventsOf.set(org, new Set([ev]));
  };
  for (const r of ds.relationships.HOSTED) addEvent(r.from, r.to);
  for (const r of ds.relationships.ATTENDED) {
    const org = ix.employer.get(r.from);
    if (org) addEvent(org, r.to);
  }
  const orgFunctions = new Map(ds.nodes.Organization.map((o) => [o.id, o.functions ?? []]));

  const unsupported = new Set<string>();
  for (const d of ix.depts) {
    const team = [d.lead, ...d.members];
    for (const sme of d.smes) {
      if (team.some((o) => supports.has(`${o}|${sme}`))) continue;
      if (team.some((o) => tiedEmployers.has(pairKey(o, sme)))) continue;
      unsupported.add(sme);
    }
    for (let i = 0; i < team.length; i++) {
      for (let j = i + 1; j < team.length; j++) {
        const [a, b] = [team[i] as string, team[j] as string].sort() as [string, string];
        if (tiedEmployers.has(pairKey(a, b)) || partners.has(pairKey(a, b))) continue;
        const ea = eventsOf.get(a) ?? new Set();
        if ([...(eventsOf.get(b) ?? [])].some((e) => ea.has(e))) continue;
        gaps.push({ kind: 'COORDINATION_GAP', nodeIds: [d.id, a, b] });
      }
    }
    const covered = new Set(team.flatMap((o) => orgFunctions.get(o) ?? []));
    for (const f of ORG_FUNCTIONS)
      if (!covered.has(f)) gaps.push({ kind: 'FUNCTION_UNCOVERED', nodeIds: [d.id], detail: f });
  }
  for (const sme of unsupported) gaps.push({ kind: 'UNSUPPORTED_SME', nodeIds: [sme] });

  for (const p of ds.nodes.Person) {
    if (p.origin !== 'outside' && !p.isTalent) continue;
    const local = [...(ix.knows.get(p.id) ?? [])].filter(
      (q) => ix.persons.get(q)?.origin === 'local',
    ).length;
    if (local < 2) gaps.push({ kind: 'ISOLATED_NEWCOMER', nodeIds: [p.id] });
  }

  const asOfMs = Date.parse(`${asOf}T00:00:00Z`);
  for (const e of ds.relationships.ENGAGED_WITH) {
    if (e.status !== 'contracted' && e.status !== 'active') continue;
    const last = e.lastFollowUpAt ?? e.startedAt;
    if (!last || (asOfMs - Date.parse(`${last}T00:00:00Z`)) / DAY_MS > followUpDays) {
      gaps.push({ kind: 'FOLLOW_UP_OVERDUE', nodeIds: [e.from, e.to] });
    }
  }
  return gaps;
}

/**
 * A dept's persons as docs/gaps.md defines them: located in a region the dept covers; with no
 * LOCATED_IN, working at a team org or at a place located in a covered region; and talent
 * ENGAGED_WITH one of the dept's SMEs.
 */
function personsOfDepts(ds: Dataset, ix: Index): Map<string, string[]> {
  const located = new Map<string, string[]>();
  for (const r of ds.relationships.LOCATED_IN) push(located, r.from, r.to);
  const covering = new Map<string, string[]>();
  for (const r of ds.relationships.COVERS) push(covering, r.to, r.from);
  const teamOf = new Map<string, string[]>();
  for (const d of ix.depts) for (const o of [d.lead, ...d.members]) push(teamOf, o, d.id);
  const smeDepts = new Map<string, string[]>();
  for (const d of ix.depts) for (const s of d.smes) push(smeDepts, s, d.id);
  const workplaces = new Map<string, string[]>();
  for (const r of ds.relationships.WORKS_AT) push(workplaces, r.from, r.to);
  const out = new Map<string, Set<string>>();
  const add = (d: string, p: string) => {
    const s = out.get(d);
    if (s) s.add(p);
    else out.set(d, new Set([p]));
  };
  for (const p of ds.nodes.Person) {
    const own = located.get(p.id) ?? [];
    if (own.length > 0) {
      for (const r of own) for (const d of covering.get(r) ?? []) add(d, p.id);
      continue;
    }
    for (const w of workplaces.get(p.id) ?? []) {
      for (const d of teamOf.get(w) ?? []) add(d, p.id);
      for (const r of located.get(w) ?? []) for (const d of covering.get(r) ?? []) add(d, p.id);
    }
  }
  for (const e of ds.relationships.ENGAGED_WITH)
    for (const d of smeDepts.get(e.to) ?? []) add(d, e.from);
  return new Map([...out].map(([d, s]) => [d, [...s]]));
}

/**
 * KEY_PERSON_DEPENDENCY: articulation points of the tie graph T (KNOWS, WORKS_AT, SUPPORTS,
 * PARTNERS_WITH; undirected) that cut dept SMEs, members or persons off from the lead. One DFS gives
 * preorder numbers and subtree sizes; a child subtree `c` of `v` with low[c] ≥ pre[v] is what
 * removing `v` separates, and whether a node is inside is a range test on its preorder number.
 */
export function detectKeyPersonDependencies(ds: Dataset): PlantedGap[] {
  const ids: string[] = [];
  const num = new Map<string, number>();
  const node = (id: string) => {
    let n = num.get(id);
    if (n === undefined) {
      n = ids.length;
      num.set(id, n);
      ids.push(id);
    }
    return n;
  };
  const adj: number[][] = [];
  const edge = (a: string, b: string) => {
    const x = node(a);
    const y = node(b);
    (adj[x] ??= []).push(y);
    (adj[y] ??= []).push(x);
  };
  for (const t of ['KNOWS', 'WORKS_AT', 'SUPPORTS', 'PARTNERS_WITH'] as const)
    for (const r of ds.relationships[t]) edge(r.from, r.to);
  const ix = index(ds);
  for (const d of ix.depts) for (const id of [d.lead, ...d.members, ...d.smes]) node(id);

  const n = ids.length;
  const pre = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const size = new Int32Array(n);
  const comp = new Int32Array(n);
  const separated: number[][] = Array.from({ length: n }, () => []);
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (pre[root] !== -1) continue;
    const stack: [number, number, number][] = [[root, -1, 0]];
    pre[root] = low[root] = counter++;
    comp[root] = root;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [number, number, number];
      const [v, parent, i] = top;
      const nb = adj[v] ?? [];
      if (i < nb.length) {
        top[2]++;
        const w = nb[i] as number;
        if (pre[w] === -1) {
          pre[w] = low[w] = counter++;
          comp[w] = root;
          stack.push([w, v, 0]);
        } else if (w !== parent) {
          low[v] = Math.min(low[v] as number, pre[w] as number);
        }
      } else {
        stack.pop();
        size[v] = counter - (pre[v] as number);
        if (parent >= 0) {
          low[parent] = Math.min(low[parent] as number, low[v] as number);
          if ((low[v] as number) >= (pre[parent] as number))
            (separated[parent] as number[]).push(v);
        }
      }
    }
  }

  const gaps: PlantedGap[] = [];
  const isPerson = new Set(ds.nodes.Person.map((p) => p.id));
  const deptPersons = personsOfDepts(ds, ix);
  for (const d of ix.depts) {
    const lead = num.get(d.lead) as number;
    const people = (deptPersons.get(d.id) ?? []).filter((p) => num.has(p));
    const interest = [...new Set([...d.members, ...d.smes, ...people])]
      .map((id) => num.get(id) as number)
      .filter((x) => comp[x] === comp[lead])
      .map((x) => pre[x] as number)
      .sort((a, b) => a - b);
    const countIn = (from: number, to: number) =>
      lowerBound(interest, to) - lowerBound(interest, from);
    for (let v = 0; v < n; v++) {
      const subtrees = separated[v] as number[];
      if (subtrees.length === 0 || comp[v] !== comp[lead] || !isPerson.has(ids[v] as string))
        continue;
      const leadPre = pre[lead] as number;
      const home = subtrees.find(
        (c) => leadPre >= (pre[c] as number) && leadPre < (pre[c] as number) + (size[c] as number),
      );
      const cut =
        home === undefined
          ? subtrees.reduce(
              (acc, c) => acc + countIn(pre[c] as number, (pre[c] as number) + (size[c] as number)),
              0,
            )
          : interest.length -
            countIn(pre[home] as number, (pre[home] as number) + (size[home] as number)) -
            // the person themself leaves; they are not cut off
            countIn(pre[v] as number, (pre[v] as number) + 1);
      if (cut > 0) gaps.push({ kind: 'KEY_PERSON_DEPENDENCY', nodeIds: [d.id, ids[v] as string] });
    }
  }
  return gaps;
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Louvain communities (weighted KNOWS graph of persons, seeded) of ≥ 5 persons with no declared
 * key person and no KNOWS tie to one.
 */
export function detectSilos(ds: Dataset, seed = 1): string[][] {
  const g = new UndirectedGraph();
  for (const p of ds.nodes.Person) g.addNode(p.id);
  for (const r of ds.relationships.KNOWS) g.mergeEdge(r.from, r.to, { weight: r.strength ?? 1 });
  const rng = new Rng(seed);
  const community = louvain(g, { getEdgeWeight: 'weight', rng: () => rng.next() });
  const members = new Map<number, string[]>();
  for (const [id, c] of Object.entries(community)) push(members, c, id);
  const key = new Set(ds.nodes.Person.filter((p) => p.isKeyPerson).map((p) => p.id));
  const silos: string[][] = [];
  for (const list of members.values()) {
    if (list.length < 5) continue;
    if (list.some((p) => key.has(p) || g.neighbors(p).some((q) => key.has(q)))) continue;
    silos.push(list.sort());
  }
  return silos;
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (sa.size + b.length - inter);
}
