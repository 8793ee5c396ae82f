/** The analytics projection (SPEC §4): loading a scope from Neo4j and caching it per version. */
export {
  ALL_REGIONS,
  ScopeNotFoundError,
  loadProjection,
  scopeDate,
  scopeKey,
  type Projection,
  type Scope,
} from './load';
export {
  ProjectionCache,
  type ProjectionCacheOptions,
  type ProjectionCacheStats,
  type ProjectionView,
} from './cache';
