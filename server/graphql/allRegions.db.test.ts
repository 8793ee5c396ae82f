/**
 * The analytics of all regions region by region (server/graphql/allRegions.ts), here with the
 * threshold at 0 so that the small test store is composed too: the answer is exactly every
 * region's own view (its projection, its analytics) combined — so a person's score in the
 * national list is the one their region shows — and one pass serves concurrent callers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/driver';
import { importDataset } from '../import';
import { ProjectionCache } from '../projection';
import { removeByIdPrefix, testDb } from '../../test/db';
import { ids, P, testDataset } from '../../test/testDataset';
import { combineGaps, combineKeyPersons, combineSuggestions } from '../analytics/combine';
import { AllRegionsAnalytics } from './allRegions';
import { ScopedAnalytics } from './resolvers';
import { today } from '../../common/dates';

let db: Database;

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  expect((await importDataset(db, testDataset())).errors).toEqual([]);
});
afterAll(async () => {
  await removeByIdPrefix(db, P);
});

/** Each region's own answers, as its view computes them. */
async function regionByRegion(cache: ProjectionCache, all: AllRegionsAnalytics, asOf: string) {
  const { regions } = await all.storeSize();
  const parts = await Promise.all(
    regions.map(async (r) => {
      const a = new ScopedAnalytics(await cache.get({ regionId: r.id }), db);
      return {
        keyPersons: a.keyPersons(),
        gaps: a.gaps(asOf),
        suggestions: await a.suggestions(asOf, null, 100),
      };
    }),
  );
  return parts;
}

describe('all regions, region by region', () => {
  it("is every region's own answer, combined, and one pass for concurrent callers", async () => {
    const asOf = today();
    for (let attempt = 0; ; attempt++) {
      const cache = new ProjectionCache(db);
      const all = new AllRegionsAnalytics(db, cache, 0);
      expect(await all.composed()).toBe(true);
      const before = await cache.currentVersion();
      const [answer, again] = await Promise.all([all.answer({}, asOf), all.answer({}, asOf)]);
      expect(again).toBe(answer);
      const parts = await regionByRegion(cache, all, asOf);
      // Another test file wrote meanwhile: compare again at one version.
      if ((await cache.currentVersion()) !== before && attempt < 2) continue;
      expect(answer.version).toBe(before);
      expect(answer.regions.map((r) => r.regionId)).toContain(ids.region);
      expect(answer.keyPersons).toEqual(
        combineKeyPersons(
          parts.map((p) => p.keyPersons),
          100,
        ),
      );
      expect(answer.gaps).toEqual(combineGaps(parts.map((p) => p.gaps)));
      expect(answer.suggestions).toEqual(
        combineSuggestions(
          parts.map((p) => p.suggestions),
          100,
        ),
      );
      // The test region's persons are in it with the scores their region gives them.
      const own = new ScopedAnalytics(await cache.get({ regionId: ids.region }), db).keyPersons();
      const shown = new Map(answer.keyPersons.map((k) => [k.personId, k.score]));
      const testPersons = own.filter((k) => shown.has(k.personId));
      expect(testPersons.length).toBeGreaterThan(0);
      for (const k of testPersons) expect(shown.get(k.personId)).toBeGreaterThanOrEqual(k.score);
      const region = answer.regions.find((r) => r.regionId === ids.region)!;
      expect(region.persons).toBe(own.length);
      expect(region.inKeyPersonGroup).toBe(own.filter((k) => k.inGroup).length);
      break;
    }
  });

  it("after a write, recomputes only the regions whose projection changed, with a fresh pass's answer", async () => {
    const asOf = today();
    for (let attempt = 0; ; attempt++) {
      const all = new AllRegionsAnalytics(db, new ProjectionCache(db), 0);
      const first = await all.answer({}, asOf);
      expect(first.regions.every((r) => !r.reused)).toBe(true);
      // A write through the write path: p1 (in the test region) gets another title.
      const data = testDataset();
      data.nodes.Person = data.nodes.Person!.map((p) =>
        p.id === ids.p1 ? { ...p, title: `課長 ${attempt} ${Date.now()}` } : p,
      );
      expect((await importDataset(db, data)).errors).toEqual([]);
      const second = await all.answer({}, asOf);
      const fresh = await new AllRegionsAnalytics(db, new ProjectionCache(db), 0).answer({}, asOf);
      // Another test file wrote meanwhile: compare again at one version.
      if ((second.version !== fresh.version || second.version !== first.version + 1) && attempt < 2)
        continue;
      expect(second.version).toBeGreaterThan(first.version);
      const byId = new Map(second.regions.map((r) => [r.regionId, r]));
      expect(byId.get(ids.region)?.reused).toBe(false);
      // Regions the write did not touch were not analysed again…
      expect(second.regions.filter((r) => r.reused).length).toBeGreaterThan(0);
      for (const r of second.regions.filter((x) => x.reused))
        expect(r.keyPersonsMs + r.gapsMs + r.suggestionsMs).toBe(0);
      // …and the answer is the one a pass from scratch gives.
      expect(second.keyPersons).toEqual(fresh.keyPersons);
      expect(second.gaps).toEqual(fresh.gaps);
      expect(second.suggestions).toEqual(fresh.suggestions);
      expect(second.keyPersons.find((k) => k.personId === ids.p1)).toEqual(
        fresh.keyPersons.find((k) => k.personId === ids.p1),
      );
      break;
    }
  });

  it('is not composed below the threshold', async () => {
    const all = new AllRegionsAnalytics(db, new ProjectionCache(db));
    expect(await all.composed()).toBe(false);
  });
});
