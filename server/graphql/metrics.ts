/**
 * Resolvers of the network over time (SPEC §12; docs/metrics.md): `networkMetrics`,
 * `compareNetworks`, `regionsOverview`, `networkTrend`, `surveyWaves`. Each reads the cached
 * projection of the scope *as of* the date (only the ties valid then), runs the pure metrics
 * of server/metrics on it, and answers with the definitions of common/metrics.ts. Role rules
 * are those of every analysis: a region the viewer may read (all regions: admins and analysts
 * only), persons under their alias for analysts; the overview lists only the viewer's regions.
 */
import neo4j from 'neo4j-driver';
import { assertReadRegion, canReadRegion, pseudonymises, type Viewer } from '../../common/roles';
import { today } from '../../common/dates';
import { METRICS, METRIC_KEYS, STAGE_NAMES } from '../../common/metrics';
import { SURVEY_WAVES, trendDates, type WaveDef } from '../../common/waves';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import {
  compareMetrics,
  networkDifference,
  networkMetrics,
  type NetworkMetricsResult,
} from '../metrics';
import type { ProjectionCache } from '../projection';
import { closedWaves, waveFor, wavesOf } from '../surveys/points';
import { resolver, ScopedAnalytics } from './resolvers';
import { apiError } from './errors';
import { CompareArgs, NetworkMetricsArgs, OverviewArgs, RegionArgs } from './validate';

export interface MetricsResolverDeps {
  db: Database;
  cache: ProjectionCache;
}

interface Point {
  date: string;
  wave: WaveDef | null;
}

interface MetricsAt {
  a: ScopedAnalytics;
  m: NetworkMetricsResult;
  /** The scope's unconfirmed survey ties at the date, counted whether the metrics include them. */
  unconfirmed: number;
}

function metricsAnswer({ a, m, unconfirmed }: MetricsAt, point: Point, regionName: string) {
  return {
    regionId: a.view.scope.regionId,
    regionName,
    asOf: point.date,
    wave: point.wave,
    graphVersion: a.view.version,
    includesUnconfirmed: !a.view.scope.confirmedOnly,
    unconfirmedTies: unconfirmed,
    stage: m.stage,
    stageJa: STAGE_NAMES[m.stage].ja,
    stageEn: STAGE_NAMES[m.stage].en,
    stageMeasures: m.stageMeasures,
    metrics: METRIC_KEYS.map((key) => {
      const d = METRICS[key];
      return {
        key,
        value: m.values[key],
        better: d.better,
        unit: d.unit,
        labelJa: d.ja,
        labelEn: d.en,
        explanationJa: d.explanationJa,
        explanationEn: d.explanationEn,
      };
    }),
  };
}

export function createMetricsResolvers({ db, cache }: MetricsResolverDeps) {
  /**
   * A date or a wave id as the point in time it names for a scope: an interim wave, or a closed
   * stored wave of the scope's dept (its closing date); any other wave id is refused.
   */
  const pointOf = async (field: string, regionId: string | null, v: string): Promise<Point> => {
    if (/^\d{4}-/.test(v)) return { date: v, wave: null };
    const wave = await waveFor(db, regionId, v);
    if (wave) return { date: wave.date, wave };
    throw apiError(
      'BAD_USER_INPUT',
      `${field}: ${v} is not a known wave of this region (${SURVEY_WAVES.map((w) => w.id).join(', ')}, or a closed survey wave of its dept). / この地域の締切済みの調査ではありません。`,
    );
  };

  /**
   * The analytics of a scope the viewer may read at a date (pseudonymised for analysts), with
   * or without the survey's unconfirmed ties (the analytics option).
   */
  const at = async (
    viewer: Viewer,
    regionId: string | null,
    date: string,
    includeUnconfirmed = true,
  ) => {
    assertReadRegion(viewer, regionId);
    const view = await cache.get({
      regionId,
      asOf: date,
      pseudonymised: pseudonymises(viewer),
      ...(includeUnconfirmed ? {} : { confirmedOnly: true }),
    });
    return new ScopedAnalytics(view, db);
  };

  const introductionsMade = (a: ScopedAnalytics, date: string): Promise<number> =>
    a.view.memo(`introductionsMade:${date}`, async () => {
      const ids =
        a.view.scope.regionId === null
          ? null
          : a.graph.filterNodes((_id, n) => n.kind === 'Person' || n.kind === 'SME');
      const res = await db.driver.executeQuery(
        cypher('introductions-made'),
        { asOf: date, ids },
        { database: db.database, routing: neo4j.routing.READ },
      );
      return Number(res.records[0]?.get('made') ?? 0);
    });

  const metricsOf = async (a: ScopedAnalytics, date: string): Promise<NetworkMetricsResult> => {
    const made = await introductionsMade(a, date);
    return a.view.memo(`metrics:${date}`, () =>
      networkMetrics({
        ctx: a.context(),
        keyPersons: a.keyPersons(),
        gaps: a.gaps(date),
        introductionsMade: made,
      }),
    );
  };

  const regionName = (a: ScopedAnalytics): string => {
    const id = a.view.scope.regionId;
    if (id === null) return 'すべての地域';
    return a.graph.hasNode(id) ? a.graph.getNodeAttribute(id, 'name') : id;
  };

  const metricsAt = async (
    viewer: Viewer,
    regionId: string | null,
    point: Point,
    includeUnconfirmed = true,
  ): Promise<MetricsAt> => {
    const a = await at(viewer, regionId, point.date, includeUnconfirmed);
    const all = includeUnconfirmed ? a : await at(viewer, regionId, point.date, true);
    return { a, m: await metricsOf(a, point.date), unconfirmed: all.unconfirmedTies() };
  };

  const Query = {
    networkMetrics: resolver(
      NetworkMetricsArgs,
      async ({ regionId, asOf, waveId, includeUnconfirmed }, viewer) => {
        assertReadRegion(viewer, regionId);
        const point =
          waveId !== null
            ? await pointOf('waveId', regionId, waveId)
            : { date: asOf ?? today(), wave: null };
        const r = await metricsAt(viewer, regionId, point, includeUnconfirmed);
        return metricsAnswer(r, point, regionName(r.a));
      },
    ),

    compareNetworks: resolver(
      CompareArgs,
      async ({ regionId, from, to, limit, includeUnconfirmed }, viewer) => {
        assertReadRegion(viewer, regionId);
        const p1 = await pointOf('from', regionId, from);
        const p2 = await pointOf('to', regionId, to);
        if (p1.date >= p2.date) {
          throw apiError(
            'BAD_USER_INPUT',
            `from (${p1.date}) must be before to (${p2.date}). / 比較の開始日は終了日より前にしてください。`,
          );
        }
        const [x, y] = await Promise.all([
          metricsAt(viewer, regionId, p1, includeUnconfirmed),
          metricsAt(viewer, regionId, p2, includeUnconfirmed),
        ]);
        const diff = networkDifference(x.a.graph, y.a.graph);
        return {
          regionId,
          from: metricsAnswer(x, p1, regionName(y.a)),
          to: metricsAnswer(y, p2, regionName(y.a)),
          changes: compareMetrics(x.m, y.m).map((c) => ({
            ...c,
            labelJa: METRICS[c.key].ja,
            labelEn: METRICS[c.key].en,
            better: METRICS[c.key].better,
            unit: METRICS[c.key].unit,
          })),
          difference: {
            newTieCount: diff.newTies.length,
            endedTieCount: diff.endedTies.length,
            newPersonCount: diff.newPersons.length,
            departedPersonCount: diff.departedPersons.length,
            newTies: diff.newTies.slice(0, limit),
            endedTies: diff.endedTies.slice(0, limit),
            newPersons: diff.newPersons.slice(0, limit),
            departedPersons: diff.departedPersons.slice(0, limit),
          },
        };
      },
    ),

    regionsOverview: resolver(OverviewArgs, async ({ asOf }, viewer) => {
      const date = asOf ?? today();
      const res = await db.driver.executeQuery(
        cypher('regions-overview'),
        { asOf: date },
        { database: db.database, routing: neo4j.routing.READ },
      );
      const rows = res.records
        .map((r) => r.toObject() as Record<string, string | null>)
        .filter((r) => canReadRegion(viewer, r.regionId as string));
      // one row per region (a region covered by two depts shows the first)
      const seen = new Set<string>();
      const unique = rows.filter((r) => !seen.has(r.regionId!) && seen.add(r.regionId!));
      const point = { date, wave: null };
      const out = [];
      // one region after the other: each loads its own projection (the cache keeps them)
      for (const r of unique) {
        const at = await metricsAt(viewer, r.regionId!, point);
        out.push({ ...r, metrics: metricsAnswer(at, point, r.regionName ?? r.regionId!) });
      }
      return out;
    }),

    networkTrend: resolver(RegionArgs, async ({ regionId }, viewer) => {
      assertReadRegion(viewer, regionId);
      const out = [];
      // The dates of the history, and the closing date of each closed wave of the region's dept.
      const waves = [...SURVEY_WAVES, ...(await wavesOf(db, regionId))];
      const now = today();
      const dates = [...new Set([...trendDates(now), ...waves.map((w) => w.date)])]
        .filter((d) => d <= now)
        .sort();
      for (const date of dates) {
        const point = { date, wave: waves.filter((w) => w.date === date).at(-1) ?? null };
        const at = await metricsAt(viewer, regionId, point);
        out.push(metricsAnswer(at, point, regionName(at.a)));
      }
      return out;
    }),

    // The interim waves, and the closed waves of a region (regionId) or of every region the
    // viewer reads.
    surveyWaves: resolver(RegionArgs, async ({ regionId }, viewer) => {
      if (regionId !== null) assertReadRegion(viewer, regionId);
      const stored = (await closedWaves(db)).filter((w) =>
        regionId !== null
          ? w.regionIds.includes(regionId)
          : w.regionIds.some((r) => canReadRegion(viewer, r)),
      );
      return [
        ...SURVEY_WAVES,
        ...stored.map(({ id, nameJa, nameEn, date }) => ({ id, nameJa, nameEn, date })),
      ];
    }),
  };
  return { Query };
}
