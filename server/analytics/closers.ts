/**
 * Which new ties close which gaps, by definition (docs/analytics.md "Closure check, by
 * definition"). Each gap a KNOWS tie can close or reduce has one or more *closers*: two sides
 * of persons such that a tie between a person of one side and a person of the other closes
 * (or only reduces) the gap. The suggestions test their candidates against the closers; the
 * evaluation's greedy limit (server/eval/greedyLimit.ts) searches every pair the closers allow.
 *
 * One side (`near`) is always small and listed; the other (`far`) may be large (every local
 * person, the whole lead side of a bridge) and is a membership test, listed on demand.
 */
import {
  type Ctx,
  compareIds,
  deptsOfSme,
  isLocal,
  isPerson,
  knowsStrength,
  leadStaffOfSme,
  localTieCount,
} from './context';
import { liveTalent, newcomerSeverity, type Gap } from './gaps';
import type { KeyPersonScore } from './keyPerson';

export interface GapCloser {
  gap: Gap;
  /** The small side, sorted ids of persons. */
  near: string[];
  /** Whether a person is on the other side. */
  far: (id: string) => boolean;
  /** The other side's persons, sorted (computed on demand; may be large). */
  farList: () => string[];
  /** true: the tie closes the gap; false: it only reduces it. */
  closes: boolean;
  /**
   * Severity the tie removes, by the severity formulas (a newcomer's first local tie takes
   * 0.8 to 0.5; a bridge's piece takes its share of the cut off). 0 when the tie reduces the
   * need without changing the number (a follow-up contact).
   */
  gain: number;
  /** For a KEY_PERSON_DEPENDENCY: the bridge's two sides (shared by the piece closers). */
  dependency?: DependencySides;
}

export interface CloserOptions {
  /** The キーパーソン群 the silos were found with. */
  keyPersons: KeyPersonScore[];
  /** At most this many dependency gaps (highest severity first); each costs two BFS of T. */
  maxDependencyGaps?: number;
}

/** BFS in T without `skip` from `start`, entering only nodes `visit` accepts. */
function bfsWithout(
  ctx: Ctx,
  start: number,
  skip: number,
  visit: (v: number) => boolean,
  onReach: (v: number) => void,
): void {
  const { off, nbr } = ctx.T;
  const queue: number[] = [start];
  onReach(start);
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h] as number;
    for (let e = off[v]!; e < off[v + 1]!; e++) {
      const u = nbr[e]!;
      if (u === skip || !visit(u)) continue;
      onReach(u);
      queue.push(u);
    }
  }
}

/** The two sides of a bridge: what the lead reaches without it, and the cut-off pieces. */
export interface DependencySides {
  gap: Gap;
  personIdx: number;
  /** 1 for nodes the lead reaches without the person. */
  leadSide: Uint8Array;
  /** Cut-off node → its piece (a component of T without the person holding cut-off targets). */
  pieceOf: Map<number, number>;
  /** Cut-off targets (relatedIds) per piece. */
  targetsPerPiece: number[];
}

export function dependencySides(ctx: Ctx, gap: Gap): DependencySides | null {
  const [deptId, personId] = gap.nodeIds;
  const dept = ctx.deptById.get(deptId ?? '');
  const p = ctx.T.index.get(personId ?? '');
  const lead = dept?.lead ? ctx.T.index.get(dept.lead) : undefined;
  if (p === undefined || lead === undefined) return null;
  const leadSide = new Uint8Array(ctx.T.n);
  bfsWithout(
    ctx,
    lead,
    p,
    (u) => leadSide[u] === 0,
    (u) => {
      leadSide[u] = 1;
    },
  );
  const pieceOf = new Map<number, number>();
  const targetsPerPiece: number[] = [];
  for (const t of gap.relatedIds) {
    const ti = ctx.T.index.get(t);
    if (ti === undefined || leadSide[ti] === 1) continue;
    if (!pieceOf.has(ti)) {
      const label = targetsPerPiece.length;
      targetsPerPiece.push(0);
      bfsWithout(
        ctx,
        ti,
        p,
        (u) => !pieceOf.has(u) && leadSide[u] === 0,
        (u) => {
          pieceOf.set(u, label);
        },
      );
    }
    targetsPerPiece[pieceOf.get(ti) as number]!++;
  }
  return { gap, personIdx: p, leadSide, pieceOf, targetsPerPiece };
}

const bySeverity = (a: Gap, b: Gap): number => b.severity - a.severity || compareIds(a.id, b.id);

/** The closers of `gaps` (kinds a KNOWS tie cannot change have none). */
export function gapClosers(ctx: Ctx, gaps: readonly Gap[], opts: CloserOptions): GapCloser[] {
  const { g, T } = ctx;
  const K = new Set(opts.keyPersons.filter((k) => k.inGroup).map((k) => k.personId));
  const persons = (ids: Iterable<string>): string[] =>
    [...new Set(ids)].filter((x) => isPerson(g, x)).sort(compareIds);
  const lazy = (make: () => string[]): (() => string[]) => {
    let list: string[] | null = null;
    return () => (list ??= make());
  };
  const locals = lazy(() => ctx.persons.filter((p) => isLocal(g, p)));
  const live = liveTalent(ctx);
  const out: GapCloser[] = [];
  const dependencies: Gap[] = [];
  for (const gap of gaps) {
    switch (gap.kind) {
      case 'COORDINATION_GAP': {
        const [, a, b] = gap.nodeIds as [string, string, string];
        const far = persons(ctx.staff.get(b) ?? []);
        const farSet = new Set(far);
        out.push({
          gap,
          near: persons(ctx.staff.get(a) ?? []),
          far: (id) => farSet.has(id),
          farList: () => far,
          closes: true,
          gain: gap.severity,
        });
        break;
      }
      case 'UNSUPPORTED_SME': {
        const sme = gap.nodeIds[0] as string;
        const team = new Set<string>();
        for (const d of deptsOfSme(ctx, sme))
          for (const o of ctx.deptById.get(d)?.team ?? []) team.add(o);
        const far = lazy(() => persons([...team].flatMap((o) => ctx.staff.get(o) ?? [])));
        out.push({
          gap,
          near: persons(ctx.staff.get(sme) ?? []),
          far: (id) => (ctx.worksAt.get(id) ?? []).some((o) => team.has(o)),
          farList: far,
          closes: true,
          gain: gap.severity,
        });
        break;
      }
      case 'ISOLATED_NEWCOMER': {
        const p = gap.nodeIds[0] as string;
        const have = localTieCount(ctx, p);
        const closes = have + 1 >= 2;
        out.push({
          gap,
          near: [p],
          far: (id) => id !== p && isPerson(g, id) && isLocal(g, id),
          farList: () => locals().filter((q) => q !== p),
          closes,
          gain: closes ? gap.severity : gap.severity - newcomerSeverity(have + 1, live.has(p)),
        });
        break;
      }
      case 'COMMUNITY_SILO': {
        const far = [...K].sort(compareIds);
        out.push({
          gap,
          near: persons(gap.nodeIds),
          far: (id) => K.has(id),
          farList: () => far,
          closes: true,
          gain: gap.severity,
        });
        break;
      }
      case 'FOLLOW_UP_OVERDUE': {
        // A contact at the SME or at the lead gives the engagement someone to follow it up:
        // it reduces the need, not the number of days, so it removes no severity.
        const [t, sme] = gap.nodeIds as [string, string];
        const smeStaff = ctx.staff.get(sme) ?? [];
        if (smeStaff.some((s) => knowsStrength(ctx, t, s) > 0)) break;
        const far = persons([...smeStaff, ...leadStaffOfSme(ctx, sme)]);
        const farSet = new Set(far);
        out.push({
          gap,
          near: [t],
          far: (id) => farSet.has(id),
          farList: () => far,
          closes: false,
          gain: 0,
        });
        break;
      }
      case 'KEY_PERSON_DEPENDENCY':
        dependencies.push(gap);
        break;
      default:
        break;
    }
  }
  const examined = [...dependencies]
    .sort(bySeverity)
    .slice(0, opts.maxDependencyGaps ?? Number.POSITIVE_INFINITY);
  for (const gap of examined) {
    const sides = dependencySides(ctx, gap);
    if (!sides) continue;
    const { leadSide, pieceOf, targetsPerPiece, personIdx } = sides;
    const total = targetsPerPiece.reduce((a, b) => a + b, 0);
    const far = lazy(() =>
      ctx.persons.filter((q) => {
        const i = T.index.get(q) as number;
        return i !== personIdx && leadSide[i] === 1;
      }),
    );
    const nearOf: string[][] = targetsPerPiece.map(() => []);
    for (const [v, piece] of pieceOf) {
      if (v !== personIdx && isPerson(g, T.ids[v] as string)) nearOf[piece]!.push(T.ids[v]!);
    }
    nearOf.forEach((near, piece) => {
      out.push({
        gap,
        near: near.sort(compareIds),
        far: (id) => {
          const i = T.index.get(id);
          return i !== undefined && i !== personIdx && leadSide[i] === 1 && isPerson(g, id);
        },
        farList: far,
        closes: targetsPerPiece.length === 1,
        gain: total > 0 ? (gap.severity * targetsPerPiece[piece]!) / total : 0,
        dependency: sides,
      });
    });
  }
  return out;
}

/** Closers by the persons of their near side, to test a pair without scanning every closer. */
export type CloserIndex = Map<string, GapCloser[]>;

export function indexClosers(closers: readonly GapCloser[]): CloserIndex {
  const index: CloserIndex = new Map();
  for (const c of closers) {
    for (const p of c.near) {
      const list = index.get(p);
      if (list) list.push(c);
      else index.set(p, [c]);
    }
  }
  return index;
}

/** The gaps a tie between `a` and `b` would close, and those it would only reduce. */
export function closedBy(
  index: CloserIndex,
  a: string,
  b: string,
): { closes: Gap[]; reduces: Gap[] } {
  const closes = new Map<string, Gap>();
  const reduces = new Map<string, Gap>();
  for (const [me, other] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const c of index.get(me) ?? []) {
      if (!c.far(other)) continue;
      (c.closes ? closes : reduces).set(c.gap.id, c.gap);
    }
  }
  for (const id of closes.keys()) reduces.delete(id);
  return {
    closes: [...closes.values()].sort(bySeverity),
    reduces: [...reduces.values()].sort(bySeverity),
  };
}
