/**
 * The projection cache (SPEC §4 "cached until the graph changes"). One entry per scope, keyed
 * by the graph version (cypher/graph-version.cypher, bumped by every write in the writing
 * transaction): a read first asks for the version (one index lookup) and reloads the scope only
 * when it changed. Concurrent requests for the same scope share one load. Each entry also
 * memoises results computed from it (analytics are pure functions of the projection), so the
 * key persons, the gaps and the map are computed once per scope and version.
 *
 * A GraphQL request reads the version once (server/graphql/index.ts): its resolvers run inside
 * `withGraphVersion`, and every read of the version under it — the projections of each field,
 * the viewer's regions — answers that request's one read, so all fields of one answer belong to
 * the same version (and the response cache files the answer under it).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from '../db/driver';
import { requestStateReader } from '../auth/requestState';
import {
  loadProjection,
  pseudonymise,
  scopeKey,
  withoutRatings,
  withoutUnconfirmed,
  type Projection,
  type Scope,
} from './load';

/** A loaded projection with a memo of the results derived from it. */
export interface ProjectionView extends Projection {
  /** The value of `compute` for `key`, computed once per scope and graph version. */
  memo<T>(key: string, compute: () => T): T;
}

interface Entry {
  version: number;
  view: Promise<ProjectionView>;
  lastUsed: number;
}

export interface ProjectionCacheOptions {
  /** Scopes kept in memory at once (least recently used dropped first). Default 32. */
  maxScopes?: number;
  /** Replaces the loader (tests). */
  load?: (db: Database, scope: Scope) => Promise<Projection>;
}

export interface ProjectionCacheStats {
  loads: number;
  hits: number;
  lastLoadMs: number | null;
}

function makeView(p: Projection): ProjectionView {
  const memo = new Map<string, unknown>();
  return {
    ...p,
    memo<T>(key: string, compute: () => T): T {
      if (memo.has(key)) return memo.get(key) as T;
      const value = compute();
      memo.set(key, value);
      // A failed async computation is not remembered, so the next request tries again.
      if (value instanceof Promise) value.catch(() => memo.delete(key));
      return value;
    },
  };
}

const requestVersion = new AsyncLocalStorage<() => Promise<number>>();

/** Runs `work` with `version` as the graph version of every cache read under it. */
export function withGraphVersion<T>(version: () => Promise<number>, work: () => T): T {
  return requestVersion.run(version, work);
}

export class ProjectionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxScopes: number;
  private readonly load: (db: Database, scope: Scope) => Promise<Projection>;
  readonly stats: ProjectionCacheStats = { loads: 0, hits: 0, lastLoadMs: null };

  constructor(
    private readonly db: Database,
    opts: ProjectionCacheOptions = {},
  ) {
    this.maxScopes = opts.maxScopes ?? 32;
    this.load = opts.load ?? loadProjection;
  }

  /** The graph version: the request's (withGraphVersion), else the current one. */
  version(): Promise<number> {
    return requestVersion.getStore()?.() ?? this.currentVersion();
  }

  /**
   * The current graph version (cheap: one index lookup). Concurrent callers share a read only
   * if it starts after they asked (server/db/freshBatch.ts), so it is never older than the call.
   */
  currentVersion(): Promise<number> {
    return requestStateReader(this.db).version();
  }

  /** The projection of the scope at the current graph version, loading it if needed. */
  async get(scope: Scope): Promise<ProjectionView> {
    const version = await this.version();
    const key = scopeKey(scope);
    const entry = this.entries.get(key);
    if (entry && entry.version === version) {
      entry.lastUsed = Date.now();
      this.stats.hits++;
      return entry.view;
    }
    this.stats.loads++;
    const fresh: Entry = { version, view: Promise.resolve(null as never), lastUsed: Date.now() };
    // The analyst's view of a scope is derived from its plain projection, which is read (and
    // cached) once for every role.
    const loaded = scope.confirmedOnly
      ? this.get({ ...scope, confirmedOnly: false }).then((v) => withoutUnconfirmed(v))
      : scope.withoutRatings
        ? this.get({ ...scope, withoutRatings: false }).then((v) => withoutRatings(v))
        : scope.pseudonymised
          ? this.get({ ...scope, pseudonymised: false }).then(pseudonymise)
          : this.load(this.db, scope);
    fresh.view = loaded.then(
      (p) => {
        // The load reads the version in its own transaction; a write between the check and
        // the load makes it newer, and that is the version the data belongs to.
        fresh.version = p.version;
        this.stats.lastLoadMs = p.loadMs;
        return makeView(p);
      },
      (err: unknown) => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
        throw err;
      },
    );
    this.entries.set(key, fresh);
    this.evict();
    return fresh.view;
  }

  /**
   * The projection of the scope at the current graph version without keeping it: the cached
   * one if there is one, else loaded (and derived, as `get` does) for this caller only. A pass
   * over every region (server/graphql/allRegions.ts) reads through it, so it neither evicts the
   * regions people are looking at nor holds a hundred regions in memory.
   */
  async transient(scope: Scope): Promise<ProjectionView> {
    const version = await this.version();
    const entry = this.entries.get(scopeKey(scope));
    if (entry && entry.version === version) return entry.view;
    let p = await this.load(this.db, { ...scope, pseudonymised: false, withoutRatings: false });
    if (scope.withoutRatings) p = withoutRatings(p);
    if (scope.pseudonymised) p = pseudonymise(p);
    return makeView(p);
  }

  /** Drops every cached scope (e.g. after a restore). */
  clear(): void {
    this.entries.clear();
  }

  private evict(): void {
    if (this.entries.size <= this.maxScopes) return;
    const oldest = [...this.entries.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [k] of oldest.slice(0, this.entries.size - this.maxScopes)) this.entries.delete(k);
  }
}
