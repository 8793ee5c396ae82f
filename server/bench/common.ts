/**
 * Shared pieces of `npm run bench` (server/cli/bench.ts): progress on stderr, timing and
 * statistics helpers, and the benchmark state the sections share (the bench database, the
 * generated prefecture network, the biggest synthetic region).
 */
import os from 'node:os';
import { loadConfig } from '../config/env';
import { openDatabase, type Database } from '../db/driver';
import { applySchema, countsByLabel } from '../db/schema';
import { emptyDatabase } from '../db/wipe';
import { importDataset } from '../import';
import type { Dataset } from '../../seeds/dataset';
import { loadProjection } from '../projection';
import { generateNetwork } from '../../seeds/generator';

/** The network every section measures: `prefecture`, seed 1. */
export const BENCH_SCALE = 'prefecture' as const;
export const BENCH_SEED = 1;
export const BENCH_AS_OF = '2026-10-01';

const started = performance.now();

/** A progress line on stderr, with the time since the start of the run. */
export function say(msg: string): void {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${msg}\n`);
}

/** The 1-minute load average and the core count, to say how busy the machine was. */
export function loadNote(): string {
  const [l1, l5] = os.loadavg();
  return `load average ${l1!.toFixed(2)} (1 min) / ${l5!.toFixed(2)} (5 min) on ${os.cpus().length} cores when the section ended`;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[k]!;
}

/** Milliseconds as "123 ms" or "4.56 s". */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * "met" / "missed" for a figure against an upper bound (lower is better) or a lower bound,
 * with the margin.
 */
export function verdict(value: number, target: number, better: 'lower' | 'higher'): string {
  if (better === 'lower') {
    return value <= target
      ? `**met** (${(target / value).toFixed(2)}× margin)`
      : `**missed**: ${(value / target).toFixed(2)}× the target`;
  }
  return value >= target
    ? `**met** (${(value / target).toFixed(2)}× the target)`
    : `**missed**: ${((100 * value) / target).toFixed(0)}% of the target`;
}

/** Ranks with ties averaged (1-based). */
function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const r = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && xs[idx[j + 1]!] === xs[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson on tie-averaged ranks). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length || n < 2) return NaN;
  const ra = ranks(a);
  const rb = ranks(b);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i]!;
    mb += rb[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = ra[i]! - ma;
    const y = rb[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

export interface RegionLoad {
  regionId: string;
  name: string;
  nodes: number;
  edges: number;
  loadMs: number;
}

/** State shared by the sections of one run. */
export class BenchState {
  private dbPromise: Promise<Database> | null = null;
  private generated: Dataset | null = null;
  private imported = false;
  private loads: RegionLoad[] | null = null;

  db(): Promise<Database> {
    if (!this.dbPromise) {
      say('opening the bench database (its own local Neo4j store) …');
      this.dbPromise = openDatabase(loadConfig(), 'bench').then(async (db) => {
        await applySchema(db);
        return db;
      });
    }
    return this.dbPromise;
  }

  /** The prefecture network, seed 1 (generated once per run). */
  dataset(): Dataset {
    if (!this.generated) {
      say(`generating the ${BENCH_SCALE} network, seed ${BENCH_SEED} …`);
      this.generated = generateNetwork({
        scale: BENCH_SCALE,
        seed: BENCH_SEED,
        asOf: BENCH_AS_OF,
      }).dataset;
    }
    return this.generated;
  }

  /** Called by the import section once it has loaded the network. */
  markImported(): void {
    this.imported = true;
  }

  /**
   * Makes sure the bench database holds exactly the prefecture network: when a section runs
   * without the import section, the database is reused if its label counts match the
   * generated network, else emptied and loaded with importDataset.
   */
  async ensureImported(): Promise<void> {
    if (this.imported) return;
    const db = await this.db();
    const ds = this.dataset();
    const counts = await countsByLabel(db);
    const expected = Object.entries(ds.nodes).filter(([, rows]) => (rows as unknown[]).length > 0);
    const same = expected.every(
      ([label, rows]) => (counts[label] ?? 0) === (rows as unknown[]).length,
    );
    if (!same) {
      say('the bench database does not hold the prefecture network: emptying it and importing …');
      await emptyDatabase(db, { why: 'the benchmark' });
      await applySchema(db);
      const res = await importDataset(db, ds);
      if (res.errors.length > 0)
        throw new Error(`the generated network did not validate (${res.errors.length} errors)`);
    } else {
      say('the bench database already holds the prefecture network');
    }
    this.imported = true;
  }

  /**
   * Empties the bench database and loads another network into it (the `save` section's pilot
   * seed). A later section that needs the prefecture network imports it again
   * (ensureImported sees the label counts differ).
   */
  async replaceNetwork(ds: Dataset, what: string): Promise<void> {
    const db = await this.db();
    say(`emptying the bench database and importing ${what} …`);
    this.imported = false;
    this.loads = null;
    await emptyDatabase(db, { why: 'the benchmark' });
    await applySchema(db);
    const res = await importDataset(db, ds);
    if (res.errors.length > 0)
      throw new Error(`${what} did not validate (${res.errors.length} errors)`);
  }

  /** Loads the projection of every synthetic (`syn-`) region once, timing each (cold). */
  async syntheticRegionLoads(): Promise<RegionLoad[]> {
    if (this.loads) return this.loads;
    await this.ensureImported();
    const db = await this.db();
    const regions = (this.dataset().nodes.Region as Array<{ id: string; name: string }>).filter(
      (r) => r.id.startsWith('region:syn-'),
    );
    const loads: RegionLoad[] = [];
    for (const r of regions) {
      const t0 = performance.now();
      const p = await loadProjection(db, { regionId: r.id });
      loads.push({
        regionId: r.id,
        name: r.name,
        nodes: p.graph.order,
        edges: p.graph.size,
        loadMs: performance.now() - t0,
      });
    }
    if (loads.length === 0) throw new Error('the prefecture network has no synthetic region');
    this.loads = loads;
    return loads;
  }

  /** The synthetic region with the most nodes in its projection (≈ 5k nodes). */
  async biggestSyntheticRegion(): Promise<RegionLoad> {
    const loads = await this.syntheticRegionLoads();
    return loads.reduce((a, b) => (b.nodes > a.nodes ? b : a));
  }

  /** Closes the bench database (and stops its Neo4j); `db()` opens it again. */
  async close(): Promise<void> {
    const open = this.dbPromise;
    this.dbPromise = null;
    if (open) await (await open).close();
  }
}
