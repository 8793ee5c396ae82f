/**
 * The three analytics of all regions (`regionId: null`) at national scale, region by region
 * (docs/decisions.md, "National analytics: region by region"). Above `ALL_REGIONS_WHOLE_MAX`
 * domain nodes the whole network is not loaded into one projection (≈ 490k nodes and 2.6M
 * relationships would take minutes to read and GiBs of this process's heap, and its betweenness
 * could only be sampled); instead every region's projection is read in turn — the same
 * projection, the same analytics as that region's own view, its betweenness exact — and the
 * answers are combined (server/analytics/combine.ts). Memory stays that of one region plus the
 * combined answers. Each region is one synchronous step; between regions the event loop runs,
 * so the server keeps answering other requests during a pass.
 *
 * A pass runs once per graph version, day and viewer kind (plain, pseudonymised): concurrent
 * requests share it. Its progress is logged (a line per tenth of the regions). A write while it
 * runs: the answer is filed under the version the pass started at, so the next request after
 * the write starts a new pass.
 */
import { combineGaps, combineKeyPersons, combineSuggestions } from '../analytics/combine';
import type { Gap, IntroductionSuggestion, KeyPersonScore } from '../analytics';
import { SUGGESTION_MAX_LIMIT } from '../analytics/suggestions';
import { loadConfig } from '../config/env';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { log } from '../log';
import type { ProjectionCache, Scope } from '../projection';
import { fingerprintWith } from '../projection/fingerprint';
import { ScopedAnalytics } from './resolvers';

/**
 * Up to this many domain nodes, all regions are one projection (the pilot, a prefecture); the
 * default of the configuration's ALL_REGIONS_WHOLE_MAX.
 */
export const ALL_REGIONS_WHOLE_MAX = 100_000;
/**
 * Regions read ahead of the one analysed. Two, measured on the national network (2 cores):
 * one left this thread idle while Neo4j answered; three gained nothing over two.
 */
const READ_AHEAD = 2;
/** Persons kept from each region: enough for keyPersonGroup's largest limit. */
const KEY_PERSONS_KEPT = SUGGESTION_MAX_LIMIT;

export interface RegionTotals {
  regionId: string;
  name: string;
  nodes: number;
  persons: number;
  inKeyPersonGroup: number;
  gaps: number;
  /** Wall time of the region's step, and its parts: waiting for its projection (read while
   * the previous region was analysed), the key persons, the gaps, the suggestions. */
  ms: number;
  waitMs: number;
  keyPersonsMs: number;
  gapsMs: number;
  suggestionsMs: number;
  /** The region's projection was the same as in the last pass: its answers were reused. */
  reused: boolean;
}

/** One region's part of a pass, with the fingerprint of the projection it was computed from. */
interface RegionPart {
  fingerprint: string;
  keyPersons: KeyPersonScore[];
  gaps: Gap[];
  suggestions: IntroductionSuggestion[];
  totals: RegionTotals;
}

/** The combined answers of one pass. */
export interface AllRegionsAnswer {
  version: number;
  asOf: string;
  /** The best KEY_PERSONS_KEPT persons, keyPersonGroup's order. */
  keyPersons: KeyPersonScore[];
  gaps: Gap[];
  /** The best SUGGESTION_MAX_LIMIT suggestions (no forId). */
  suggestions: IntroductionSuggestion[];
  regions: RegionTotals[];
  ms: number;
}

export interface StoreSize {
  entities: number;
  regions: { id: string; name: string }[];
}

export async function storeSize(db: Database): Promise<StoreSize> {
  const res = await db.driver.executeQuery(
    cypher('all-regions-list'),
    {},
    {
      database: db.database,
      routing: 'READ',
    },
  );
  const r = res.records[0];
  return {
    entities: Number(r?.get('entities') ?? 0),
    regions: ((r?.get('regions') as { id: string | null; name: string | null }[]) ?? [])
      .filter((x): x is { id: string; name: string | null } => typeof x.id === 'string')
      .map((x) => ({ id: x.id, name: x.name ?? x.id })),
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class AllRegionsAnalytics {
  private readonly passes = new Map<
    string,
    { version: number; answer: Promise<AllRegionsAnswer> }
  >();
  private size: { version: number; size: Promise<StoreSize> } | null = null;
  /**
   * The regions' answers of the last finished pass of each kind, kept so that the next pass
   * (after a write) recomputes only the regions whose projection changed.
   */
  private readonly parts = new Map<string, Map<string, RegionPart>>();

  constructor(
    private readonly db: Database,
    private readonly cache: ProjectionCache,
    /** Above this many domain nodes, all regions are composed (ALL_REGIONS_WHOLE_MAX). */
    readonly wholeMax = ALL_REGIONS_WHOLE_MAX,
  ) {}

  /** How big the store is at the current version (one count-store read per version). */
  async storeSize(): Promise<StoreSize> {
    const version = await this.cache.version();
    if (this.size?.version !== version) {
      const size = storeSize(this.db);
      this.size = { version, size };
      size.catch(() => {
        if (this.size?.size === size) this.size = null;
      });
    }
    return this.size.size;
  }

  /** Whether `regionId: null` is answered region by region (the store is past wholeMax). */
  async composed(): Promise<boolean> {
    return (await this.storeSize()).entities > this.wholeMax;
  }

  /** The combined answers for a viewer's scope (plain or pseudonymised) at `asOf`. */
  async answer(scope: Omit<Scope, 'regionId'>, asOf: string): Promise<AllRegionsAnswer> {
    const version = await this.cache.version();
    const key = `${scope.pseudonymised ? 'pseudonymised' : 'plain'}${scope.withoutRatings ? ':without-ratings' : ''}@${asOf}`;
    const held = this.passes.get(key);
    if (held && held.version === version) return held.answer;
    const answer = this.pass(key, scope, asOf, version);
    this.passes.set(key, { version, answer });
    answer.catch(() => {
      if (this.passes.get(key)?.answer === answer) this.passes.delete(key);
    });
    return answer;
  }

  private async pass(
    key: string,
    scope: Omit<Scope, 'regionId'>,
    asOf: string,
    version: number,
  ): Promise<AllRegionsAnswer> {
    const started = performance.now();
    const { regions } = await this.storeSize();
    const keyPersons: KeyPersonScore[][] = [];
    const gaps: Gap[][] = [];
    const suggestions: IntroductionSuggestion[][] = [];
    const totals: RegionTotals[] = [];
    // Each region's answers of the last pass of this kind, and this pass's, by region id.
    const previous = this.parts.get(key);
    const parts = new Map<string, RegionPart>();
    const step = Math.max(1, Math.ceil(regions.length / 10));
    log.info({ regions: regions.length, version, asOf }, 'all regions: analysing region by region');
    const load = (i: number) =>
      this.cache
        .transient({ ...scope, regionId: regions[i]!.id })
        .then((view) => {
          const a = new ScopedAnalytics(view, this.db);
          // What else the region's answers depend on, the declined pairs and the survey
          // wishes: small reads, asked for as soon as the projection is here.
          const inputs = Promise.all([a.declined(asOf), a.wishes()]);
          inputs.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
          return { view, a, inputs };
        })
        .catch((e: unknown) => e as Error);
    // The next READ_AHEAD regions are read from Neo4j while this one is analysed (and this
    // thread builds their graphs while the workers compute this one's betweenness).
    const ahead: ReturnType<typeof load>[] = [];
    for (let j = 0; j < Math.min(READ_AHEAD, regions.length); j++) ahead.push(load(j));
    for (let i = 0; i < regions.length; i++) {
      const r0 = performance.now();
      const loaded = await ahead.shift()!;
      if (i + READ_AHEAD < regions.length) ahead.push(load(i + READ_AHEAD));
      if (loaded instanceof Error) {
        // A region without any projection (no such region any more) has nothing to add.
        if (loaded.name === 'ScopeNotFoundError') continue;
        throw loaded;
      }
      const { view, a } = loaded;
      const [declined, wishes] = await loaded.inputs;
      const fingerprint = fingerprintWith(view.content, declined, wishes);
      // Waiting = reading the projection, and its fingerprint with the inputs it needs.
      const r1 = performance.now();
      const prior = previous?.get(regions[i]!.id);
      let part: RegionPart;
      if (prior?.fingerprint === fingerprint) {
        part = prior;
        totals.push({
          ...prior.totals,
          ms: performance.now() - r0,
          waitMs: r1 - r0,
          keyPersonsMs: 0,
          gapsMs: 0,
          suggestionsMs: 0,
          reused: true,
        });
      } else {
        await a.prepareKeyPersons();
        const kp = a.keyPersons();
        const r2 = performance.now();
        const g = a.gaps(asOf);
        const r3 = performance.now();
        const s = await a.suggestions(asOf, null, SUGGESTION_MAX_LIMIT);
        const r4 = performance.now();
        const group = kp.filter((k) => k.inGroup);
        const t: RegionTotals = {
          regionId: regions[i]!.id,
          name: regions[i]!.name,
          nodes: view.graph.order,
          persons: kp.length,
          inKeyPersonGroup: group.length,
          gaps: g.length,
          ms: performance.now() - r0,
          waitMs: r1 - r0,
          keyPersonsMs: r2 - r1,
          gapsMs: r3 - r2,
          suggestionsMs: r4 - r3,
          reused: false,
        };
        part = {
          fingerprint,
          keyPersons: combineKeyPersons([kp], Math.max(KEY_PERSONS_KEPT, group.length)),
          gaps: g,
          suggestions: s,
          totals: t,
        };
        totals.push(t);
      }
      parts.set(regions[i]!.id, part);
      keyPersons.push(part.keyPersons);
      gaps.push(part.gaps);
      suggestions.push(part.suggestions);
      if ((i + 1) % step === 0 || i + 1 === regions.length) {
        log.info(
          {
            done: i + 1,
            regions: regions.length,
            seconds: Math.round((performance.now() - started) / 100) / 10,
            heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
          },
          'all regions: progress',
        );
      }
      await nextTurn();
    }
    this.parts.set(key, parts);
    const answer: AllRegionsAnswer = {
      version,
      asOf,
      keyPersons: combineKeyPersons(keyPersons, KEY_PERSONS_KEPT),
      gaps: combineGaps(gaps),
      suggestions: combineSuggestions(suggestions, SUGGESTION_MAX_LIMIT),
      regions: totals,
      ms: performance.now() - started,
    };
    const sec = (f: (t: RegionTotals) => number) =>
      Math.round(totals.reduce((n, t) => n + f(t), 0) / 100) / 10;
    log.info(
      {
        regions: totals.length,
        reused: totals.filter((t) => t.reused).length,
        gaps: answer.gaps.length,
        seconds: Math.round(answer.ms / 100) / 10,
        waitSeconds: sec((t) => t.waitMs),
        keyPersonsSeconds: sec((t) => t.keyPersonsMs),
        gapsSeconds: sec((t) => t.gapsMs),
        suggestionsSeconds: sec((t) => t.suggestionsMs),
      },
      'all regions: done',
    );
    return answer;
  }
}

const instances = new WeakMap<ProjectionCache, AllRegionsAnalytics>();

/**
 * The one AllRegionsAnalytics of a projection cache (every schema variant shares its passes),
 * with the threshold of the configuration (ALL_REGIONS_WHOLE_MAX, default 100,000).
 */
export function allRegionsOf(db: Database, cache: ProjectionCache): AllRegionsAnalytics {
  let a = instances.get(cache);
  if (!a)
    instances.set(
      cache,
      (a = new AllRegionsAnalytics(db, cache, loadConfig().ALL_REGIONS_WHOLE_MAX)),
    );
  return a;
}
