/**
 * Closed survey waves as points in time (SPEC §11 "closing freezes its answers, so later waves
 * compare with it"; §12): a stored wave that is closed names the network on its closing date
 * (UTC, as every stored `since`), next to the generator's interim waves of common/waves.ts.
 * `networkMetrics(waveId)`, `compareNetworks(from, to)` and `networkTrend` read them here.
 *
 * A stored wave is a point of the regions its dept covers only: asked for another region it is
 * "not a wave of this region", the same answer as an unknown id, so nobody learns of another
 * dept's waves. Drafts and open waves are not points (their answers may still change).
 */
import neo4j from 'neo4j-driver';
import { waveById, type WaveDef } from '../../common/waves';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';

export interface StoredWavePoint extends WaveDef {
  deptId: string;
  regionIds: string[];
}

/** Every closed wave, oldest first. */
export async function closedWaves(db: Database): Promise<StoredWavePoint[]> {
  const res = await db.driver.executeQuery(
    cypher('survey-waves-closed'),
    {},
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => {
    const name = r.get('name') as string;
    return {
      id: r.get('id') as string,
      nameJa: name,
      nameEn: name,
      date: String(r.get('closedAt')).slice(0, 10),
      deptId: r.get('deptId') as string,
      regionIds: (r.get('regionIds') as string[]) ?? [],
    };
  });
}

/** Whether a stored wave describes a scope (all regions: any wave). */
export function isWaveOf(wave: StoredWavePoint, regionId: string | null): boolean {
  return regionId === null || wave.regionIds.includes(regionId);
}

/** The closed stored waves of a scope (those of the depts covering its region), oldest first. */
export async function wavesOf(db: Database, regionId: string | null): Promise<WaveDef[]> {
  const stored = (await closedWaves(db)).filter((w) => isWaveOf(w, regionId));
  return stored.map(({ id, nameJa, nameEn, date }) => ({ id, nameJa, nameEn, date }));
}

/** The wave an id names for a scope (interim or a closed stored wave of it), else undefined. */
export async function waveFor(
  db: Database,
  regionId: string | null,
  id: string,
): Promise<WaveDef | undefined> {
  return waveById(id) ?? (await wavesOf(db, regionId)).find((w) => w.id === id);
}
