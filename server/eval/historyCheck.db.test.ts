/**
 * The eval's check of the network over time on the pilot seed in the real Neo4j: at dates of
 * 令和4–6年度 the projection loaded as of the date has the metrics of the network rebuilt by
 * hand from the generated rows valid then; the history shows change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db';
import { ensurePilotSeed, SEED_AS_OF } from '../../web/e2e/server';
import type { Database } from '../db/driver';
import { loadProjection } from '../projection';
import { generateNetwork } from '../../seeds/generator';
import { checkDate } from './historyCheck';

let db: Database;
beforeAll(async () => {
  db = await testDb();
  await ensurePilotSeed(db);
}, 300_000);

describe('metrics of a date against the network rebuilt by hand', () => {
  it('agree on every metric at the start of 令和4年度, a wave and the seed date', async () => {
    const { dataset } = generateNetwork({ scale: 'pilot', seed: 1, asOf: SEED_AS_OF });
    const points = [];
    for (const date of ['2022-04-01', '2024-02-15', SEED_AS_OF]) {
      const { graph } = await loadProjection(db, { regionId: null, asOf: date });
      const p = checkDate(dataset, graph, date);
      expect(p.differing, date).toEqual([]);
      points.push(p);
    }
    // the network changed: more ties, fewer components later
    const [first, , last] = points;
    expect(first!.metrics.values.ties!).toBeLessThan(last!.metrics.values.ties!);
  }, 180_000);
});
