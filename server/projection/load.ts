/**
 * Loads the analytics projection (SPEC §4) of one scope from Neo4j into a graphology graph:
 * one read transaction with one Cypher statement per scope (cypher/projection-region.cypher,
 * cypher/projection-all.cypher: a row per node with its outgoing relationships inside the
 * scope) and the graph version, so graph and version always belong together.
 */
import neo4j from 'neo4j-driver';
import {
  createNetworkGraph,
  putEdge,
  putNode,
  type NetworkGraph,
  type ProjectedKind,
} from '../analytics/graph';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { GRAPH_NODE_LABELS, isRelType } from '../../common/model';
import { CONTACT_FIELDS, personAlias, RATING_FIELDS } from '../auth/privacy';
import { today } from '../../common/dates';
import { derivedContent, RowDigest } from './fingerprint';

/** neo4j-driver's fetch size for "all rows in one batch". */
const FETCH_ALL = -1;

/** A region, or all regions (`null` regionId). */
export interface Scope {
  regionId: string | null;
  /**
   * Persons without consentPublicProfile carry their alias instead of their name (the
   * analyst's view, SPEC §8), so every result computed from it — names, explanations,
   * reasons — is pseudonymised at the source.
   */
  pseudonymised?: boolean;
  /**
   * The date (YYYY-MM-DD) the projection describes: only ties valid then (SPEC §12: since ≤
   * asOf < until). Absent = today, so every analysis of "now" sees the ties valid now.
   */
  asOf?: string;
  /** Every tie ever, ended ones included (history; `asOf` is then ignored). */
  allHistory?: boolean;
  /** Persons carry no ratings (mind, skill, network): the municipality's view. */
  withoutRatings?: boolean;
  /**
   * Without the unconfirmed survey ties (KNOWS named by only one of the two persons in a
   * つながり調査, docs/surveys.md): the analytics option `includeUnconfirmed: false`.
   */
  confirmedOnly?: boolean;
}

export const ALL_REGIONS: Scope = { regionId: null };

/** The date a scope describes: its `asOf`, else today. */
export function scopeDate(scope: Scope): string {
  return scope.asOf ?? today();
}

export function scopeKey(scope: Scope): string {
  const at = scope.allHistory ? 'ever' : scopeDate(scope);
  const key = `${scope.regionId === null ? '*' : `region:${scope.regionId}`}@${at}`;
  return `${key}${scope.pseudonymised ? ':pseudonymised' : ''}${scope.withoutRatings ? ':without-ratings' : ''}${scope.confirmedOnly ? ':confirmed-only' : ''}`;
}

export interface Projection {
  scope: Scope;
  graph: NetworkGraph;
  version: number;
  /** Milliseconds the load took (database + graph building). */
  loadMs: number;
  /**
   * A hash of what the graph was built from: the rows of the read, in their order, and how the
   * projection was derived from them (server/projection/fingerprint.ts).
   */
  content: string;
}

export class ScopeNotFoundError extends Error {
  constructor(readonly regionId: string) {
    super(`No region with id ${regionId}`);
    this.name = 'ScopeNotFoundError';
  }
}

/** The domain label of a node (its kind); the rest, minus :Entity, are extra labels. */
const KINDS: ReadonlySet<string> = new Set<ProjectedKind>(GRAPH_NODE_LABELS);

/** Neo4j temporal values and integers as plain JSON-able values (ISO strings, numbers). */
export function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  return value;
}

/** A person's props as the projection keeps them: no contact fields, the alias if asked. */
function personProps(
  id: string,
  props: Record<string, unknown>,
  pseudonymised: boolean,
): Record<string, unknown> {
  const out = { ...props };
  for (const f of CONTACT_FIELDS) delete out[f];
  if (pseudonymised && out.consentPublicProfile !== true) {
    out.name = personAlias(id);
    delete out.nameKana; // the reading tells the name
  }
  return out;
}

/**
 * The analyst's projection of the same scope, made from the plain one (no second read of the
 * database): persons without consentPublicProfile renamed to their alias, nothing else changed.
 */
export function pseudonymise(p: Projection): Projection {
  const started = performance.now();
  const graph = p.graph.copy();
  graph.forEachNode((id, attrs) => {
    if (attrs.kind !== 'Person') return;
    const props = personProps(id, attrs.props, true);
    graph.mergeNodeAttributes(id, {
      props,
      name: typeof props.name === 'string' ? props.name : id,
    });
  });
  return {
    scope: { ...p.scope, pseudonymised: true },
    graph,
    version: p.version,
    loadMs: performance.now() - started,
    content: derivedContent(p.content, 'pseudonymised'),
  };
}

/**
 * The municipality's projection of the same scope, made from another one: persons without
 * their ratings, so no score, reason or number computed from it can show them.
 */
export function withoutRatings(p: Projection): Projection {
  const started = performance.now();
  const graph = p.graph.copy();
  graph.forEachNode((id, attrs) => {
    if (attrs.kind !== 'Person') return;
    const props = { ...attrs.props };
    for (const f of RATING_FIELDS) delete props[f];
    graph.mergeNodeAttributes(id, { props });
  });
  return {
    scope: { ...p.scope, withoutRatings: true },
    graph,
    version: p.version,
    loadMs: performance.now() - started,
    content: derivedContent(p.content, 'without-ratings'),
  };
}

/** A KNOWS tie from a survey that only one of the two persons named (docs/surveys.md). */
export function isUnconfirmedSurveyTie(type: string, props: Record<string, unknown>): boolean {
  return type === 'KNOWS' && props.source === 'survey' && props.confirmed === false;
}

/** How many unconfirmed survey ties a graph holds. */
export function unconfirmedTieCount(graph: NetworkGraph): number {
  return graph.filterEdges((_e, a) => isUnconfirmedSurveyTie(a.type, a.props)).length;
}

/**
 * The same scope without the unconfirmed survey ties (`confirmedOnly`), made from another
 * projection: every analysis of it counts only what both persons said, or what was recorded.
 */
export function withoutUnconfirmed(p: Projection): Projection {
  const started = performance.now();
  const graph = p.graph.copy();
  graph.forEachEdge((e, a) => {
    if (isUnconfirmedSurveyTie(a.type, a.props)) graph.dropEdge(e);
  });
  return {
    scope: { ...p.scope, confirmedOnly: true },
    graph,
    version: p.version,
    loadMs: performance.now() - started,
    content: derivedContent(p.content, 'confirmed-only'),
  };
}

function plainProps(props: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const k in props) {
    const v = props[k];
    if (v !== null && typeof v === 'object') {
      out ??= { ...props };
      out[k] = plain(v);
    }
  }
  return out ?? props;
}

export async function loadProjection(db: Database, scope: Scope): Promise<Projection> {
  const started = performance.now();
  const session = db.driver.session({
    database: db.database,
    defaultAccessMode: neo4j.session.READ,
    // Every row in one batch: Neo4j streams the whole answer without waiting for the next
    // PULL, which the driver sends only when the event loop runs. The analytics of all regions
    // read the next region while this thread is busy with the current one (allRegions.ts);
    // with the default 1,000-row batches that read stalled until the analysis yielded.
    fetchSize: FETCH_ALL,
  });
  try {
    const asOf = scope.allHistory ? null : scopeDate(scope);
    const { version, rows } = await session.executeRead(
      async (tx) => {
        const versionRes = await tx.run(cypher('graph-version'));
        const res =
          scope.regionId === null
            ? await tx.run(cypher('projection-all'), { asOf })
            : await tx.run(cypher('projection-region'), { regionId: scope.regionId, asOf });
        return { version: Number(versionRes.records[0]?.get('version') ?? 0), rows: res.records };
        // a whole network's projection may take minutes at national scale: the long timeout
      },
      { timeout: db.timeouts?.longTxMs },
    );
    if (scope.regionId !== null && rows.length === 0) throw new ScopeNotFoundError(scope.regionId);
    const graph = createNetworkGraph();
    const digest = new RowDigest(scopeKey(scope));
    // nodes first, then the relationships (putEdge ignores endpoints outside the projection)
    for (const r of rows) {
      const id = r.get('id') as unknown;
      const labels = r.get('labels') as string[];
      const raw = r.get('props') as Record<string, unknown>;
      digest.add(id, labels, raw, r.get('out'));
      const kind = labels.find((l) => KINDS.has(l)) as ProjectedKind | undefined;
      if (!kind || typeof id !== 'string') continue;
      let props = plainProps(raw);
      if (kind === 'Person') props = personProps(id, props, false);
      putNode(graph, id, {
        kind,
        name: typeof props.name === 'string' ? props.name : id,
        labels: labels.filter((l) => l !== kind && l !== 'Entity'),
        props,
      });
    }
    for (const r of rows) {
      const from = r.get('id') as string;
      for (const [type, to, props] of r.get('out') as Array<
        [string, string, Record<string, unknown>]
      >) {
        if (isRelType(type)) putEdge(graph, type, from, to, plainProps(props));
      }
    }
    const plain: Projection = {
      scope: scope.allHistory
        ? { regionId: scope.regionId, allHistory: true }
        : { regionId: scope.regionId, asOf: asOf ?? today() },
      graph,
      version,
      loadMs: 0,
      content: digest.digest(),
    };
    const out = scope.pseudonymised ? pseudonymise(plain) : plain;
    return { ...out, loadMs: performance.now() - started };
  } finally {
    await session.close();
  }
}
