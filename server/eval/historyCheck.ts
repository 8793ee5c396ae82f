/**
 * The eval's check of the network over time (SPEC §12, issue 15): for each date of the trend,
 * the metrics of the projection loaded from Neo4j as of that date (cypher/projection-all with
 * $asOf) against the metrics of a network rebuilt by hand from the generated rows valid on that
 * date (seeds/asOf.ts, no Cypher): both must agree on every metric and on nodes and ties.
 */
import { buildContext } from '../analytics/context';
import { networkGapsCtx } from '../analytics/gaps';
import { createNetworkGraph, putEdge, putNode, type NetworkGraph } from '../analytics/graph';
import { keyPersonGroupCtx } from '../analytics/keyPerson';
import { GRAPH_NODE_LABELS, REL_TYPES, type RelType } from '../../common/model';
import { METRIC_KEYS, type MetricKey } from '../../common/metrics';
import type { Dataset } from '../../seeds/dataset';
import { datasetAsOf } from '../../seeds/asOf';
import { networkMetrics, type NetworkMetricsResult } from '../metrics';

/** A graph of the dataset's rows as the projection holds them (no database involved). */
export function graphOfDataset(ds: Dataset): NetworkGraph {
  const g = createNetworkGraph();
  for (const label of GRAPH_NODE_LABELS) {
    for (const row of ds.nodes[label] as Array<Record<string, unknown> & { id: string }>) {
      const labels: string[] = [];
      if (row.isKeyPerson === true) labels.push('KeyPerson');
      if (row.isTalent === true) labels.push('Talent');
      putNode(g, row.id, {
        kind: label,
        name: typeof row.name === 'string' ? row.name : row.id,
        labels,
        props: { ...row },
      });
    }
  }
  for (const type of REL_TYPES as RelType[]) {
    for (const r of ds.relationships[type] as Array<Record<string, unknown>>) {
      const { from, to, ...props } = r as { from: string; to: string };
      putEdge(g, type, from, to, props);
    }
  }
  return g;
}

/** The metrics of a projection at a date (no introductions in generated data: 0 made). */
export function metricsOfGraph(g: NetworkGraph, date: string): NetworkMetricsResult {
  const ctx = buildContext(g);
  const keyPersons = keyPersonGroupCtx(ctx);
  const gaps = networkGapsCtx(ctx, { asOf: date, keyPersons });
  return networkMetrics({ ctx, keyPersons, gaps, introductionsMade: 0 });
}

export interface HistoryPoint {
  date: string;
  nodes: number;
  edges: number;
  /** The metrics of the projection loaded as of the date. */
  metrics: NetworkMetricsResult;
  /** Metrics (and nodes/edges) where the rebuilt network differs. */
  differing: string[];
}

export function checkDate(dataset: Dataset, projected: NetworkGraph, date: string): HistoryPoint {
  const rebuilt = graphOfDataset(datasetAsOf(dataset, date));
  const a = metricsOfGraph(projected, date);
  const b = metricsOfGraph(rebuilt, date);
  const differing: string[] = METRIC_KEYS.filter((k: MetricKey) => a.values[k] !== b.values[k]).map(
    (k) => `${k} ${a.values[k]} ≠ ${b.values[k]}`,
  );
  if (projected.order !== rebuilt.order)
    differing.push(`nodes ${projected.order} ≠ ${rebuilt.order}`);
  if (projected.size !== rebuilt.size) differing.push(`edges ${projected.size} ≠ ${rebuilt.size}`);
  return { date, nodes: projected.order, edges: projected.size, metrics: a, differing };
}
