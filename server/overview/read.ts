/**
 * Reads the overview of regions (networkOverview, issue 16) from Neo4j: the regions the viewer
 * reads, and their members grouped by region set (cypher/network-overview-*.cypher), in one
 * read transaction, so both describe the same graph. Nothing but a few hundred grouped rows
 * reaches this process, whatever the size of the store; the counting is Neo4j's.
 */
import neo4j from 'neo4j-driver';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import type { OverviewRegion } from '../../common/overview';
import { summariseRegions, type MemberGroup, type MemberKind, type RegionLink } from './regionSets';

export interface RegionsOverview {
  regions: OverviewRegion[];
  links: RegionLink[];
  /** Milliseconds in Neo4j and here. */
  ms: number;
}

export interface OverviewQuery {
  /** Regions the viewer reads; null = all. */
  regionIds: readonly string[] | null;
  asOf: string;
  /** Leave out the survey's unconfirmed KNOWS ties. */
  confirmedOnly: boolean;
}

const num = (v: unknown): number =>
  neo4j.isInt(v) ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export async function readRegionsOverview(
  db: Database,
  q: OverviewQuery,
): Promise<RegionsOverview> {
  const started = performance.now();
  const params = { regionIds: q.regionIds, asOf: q.asOf, confirmedOnly: q.confirmedOnly };
  const session = db.driver.session({
    database: db.database,
    defaultAccessMode: neo4j.session.READ,
  });
  try {
    const { regionRows, groupRows } = await session.executeRead(
      async (tx) => {
        const regionRows = (await tx.run(cypher('network-overview-regions'), params)).records;
        const groupRows = (await tx.run(cypher('network-overview-members'), params)).records;
        return { regionRows, groupRows };
      },
      // one pass over the whole store at national scale: the long timeout of projection reads
      { timeout: db.timeouts?.longTxMs },
    );
    const groups: MemberGroup[] = groupRows.map((r) => ({
      kind: r.get('kind') as MemberKind,
      regions: r.get('regions') as string[],
      other: r.get('other') as string[],
      n: num(r.get('n')),
      talent: num(r.get('talent')),
      keyPersons: num(r.get('keyPersons')),
    }));
    const ids = regionRows.map((r) => r.get('id') as string);
    const { counts, links } = summariseRegions(ids, groups);
    const regions = regionRows.map((r) => {
      const id = r.get('id') as string;
      return {
        id,
        name: str(r.get('name')) ?? id,
        nameEn: str(r.get('nameEn')),
        prefecture: str(r.get('prefecture')),
        ...counts.get(id)!,
      };
    });
    return { regions, links, ms: performance.now() - started };
  } finally {
    await session.close();
  }
}
