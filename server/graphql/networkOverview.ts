/**
 * `networkOverview` (issue 16): the network of regions — one node per region the viewer reads,
 * weighted links among them — counted in Neo4j (server/overview/read.ts) without loading any
 * projection, so it answers on the national network too, where networkMap(regionId: null) is
 * refused. Cached per graph version by the response cache like every analytics field (it is
 * one of limits.ts's HEAVY_FIELDS), and kept here per version for other documents asking it.
 *
 * Privacy: only readable regions are ever read — the Cypher is given the viewer's regions, so
 * a coordinator's answer is computed as if the other regions did not exist: no count, no link
 * weight and no region id of a region they cannot read can be observed. Counts only: no person
 * is named, so an analyst gets the same answer as an admin.
 */
import { today } from '../../common/dates';
import type { Database } from '../db/driver';
import { readRegionsOverview, type RegionsOverview } from '../overview/read';
import type { ProjectionCache } from '../projection';
import { allRegionsOf } from './allRegions';
import { resolver } from './resolvers';
import { NetworkOverviewArgs } from './validate';
import { keepNewest } from '../../common/keepNewest';

/** Answers kept (each a few KiB): a handful of accounts' kinds × dates. */
const KEPT = 16;

export function createOverviewResolvers({ db, cache }: { db: Database; cache: ProjectionCache }) {
  const all = allRegionsOf(db, cache);
  const kept = new Map<string, Promise<RegionsOverview & { version: number }>>();

  const overview = async (
    regionIds: readonly string[] | null,
    asOf: string,
    confirmedOnly: boolean,
  ) => {
    const version = await cache.version();
    const key = JSON.stringify([version, regionIds, asOf, confirmedOnly]);
    let answer = kept.get(key);
    if (!answer) {
      answer = readRegionsOverview(db, { regionIds, asOf, confirmedOnly }).then((o) => ({
        ...o,
        version,
      }));
      kept.set(key, answer);
      answer.catch(() => kept.delete(key));
      keepNewest(kept, KEPT);
    }
    return answer;
  };

  const Query = {
    networkOverview: resolver(NetworkOverviewArgs, async ({ asOf, includeUnconfirmed }, viewer) => {
      const date = asOf ?? today();
      const o = await overview(viewer.regionIds, date, !includeUnconfirmed);
      return {
        asOf: date,
        graphVersion: o.version,
        includesUnconfirmed: includeUnconfirmed,
        allRegionsMap: viewer.regionIds === null && !(await all.composed()),
        regions: o.regions,
        links: o.links,
      };
    }),
  };
  return { Query };
}
