/**
 * The overview of regions (networkOverview, issue 16) from what Neo4j grouped
 * (cypher/network-overview-members.cypher): organisations, SMEs, persons and KNOWS ties, each
 * group with the exact set of regions its members belong to. Here they become counts per region
 * and weighted links between two regions. A pure function, tested on hand-made rows.
 *
 * What counts where:
 * - a region's counts are those of its own map (the same membership rules): an organisation or
 *   a person in two regions counts in both;
 * - a KNOWS tie counts **inside** every region both its ends belong to, and **between** A and B
 *   when one end is in A but not B and the other in B but not A — a tie inside A whose other
 *   end is also in B does not link A to B a second time (that person is *shared* instead);
 * - organisations and persons in both A and B are **shared** by A and B.
 */

import type { OverviewLink, RegionCounts } from '../../common/overview';

export type MemberKind = 'Organization' | 'SME' | 'Person' | 'KNOWS';

/** One group of the Cypher answer. */
export interface MemberGroup {
  kind: MemberKind;
  /** The (readable) regions of the members; of a tie, its first end's. */
  regions: readonly string[];
  /** A tie's second end's regions; [] for the other kinds. */
  other: readonly string[];
  n: number;
  talent: number;
  keyPersons: number;
}

export type { RegionCounts } from '../../common/overview';
/** What links two regions (a < b). */
export type RegionLink = OverviewLink;

export const emptyCounts = (): RegionCounts => ({
  persons: 0,
  declaredKeyPersons: 0,
  organizations: 0,
  smes: 0,
  talent: 0,
  knowsTies: 0,
});

/**
 * Counts of each region of `regionIds` and the links among them (any other region in the
 * groups is ignored); links sorted by their regions, only those with some weight.
 */
export function summariseRegions(
  regionIds: readonly string[],
  groups: readonly MemberGroup[],
): { counts: Map<string, RegionCounts>; links: RegionLink[] } {
  const counts = new Map(regionIds.map((id) => [id, emptyCounts()]));
  const links = new Map<string, RegionLink>();
  const link = (x: string, y: string): RegionLink | null => {
    if (!counts.has(x) || !counts.has(y)) return null;
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}\n${b}`;
    let l = links.get(key);
    if (!l) {
      l = { a, b, knowsTies: 0, sharedOrganizations: 0, sharedPersons: 0 };
      links.set(key, l);
    }
    return l;
  };
  const pairs = (ids: readonly string[], add: (l: RegionLink) => void) => {
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const l = link(ids[i]!, ids[j]!);
        if (l) add(l);
      }
  };
  for (const g of groups) {
    if (g.kind === 'KNOWS') {
      const other = new Set(g.other);
      const own = new Set(g.regions);
      for (const r of g.regions) {
        const c = other.has(r) ? counts.get(r) : undefined;
        if (c) c.knowsTies += g.n;
      }
      for (const a of g.regions) {
        if (other.has(a)) continue;
        for (const b of g.other) {
          if (own.has(b)) continue;
          const l = link(a, b);
          if (l) l.knowsTies += g.n;
        }
      }
      continue;
    }
    for (const r of g.regions) {
      const c = counts.get(r);
      if (!c) continue;
      if (g.kind === 'Organization') c.organizations += g.n;
      else if (g.kind === 'SME') c.smes += g.n;
      else {
        c.persons += g.n;
        c.talent += g.talent;
        c.declaredKeyPersons += g.keyPersons;
      }
    }
    if (g.kind === 'Organization') pairs(g.regions, (l) => (l.sharedOrganizations += g.n));
    else if (g.kind === 'Person') pairs(g.regions, (l) => (l.sharedPersons += g.n));
  }
  const sorted = [...links.values()].sort((x, y) =>
    x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1,
  );
  return { counts, links: sorted };
}
