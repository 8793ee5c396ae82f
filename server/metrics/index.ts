/** Network metrics over time (SPEC §12): pure functions of projections. See docs/metrics.md. */
export { networkMetrics, type MetricsInput, type NetworkMetricsResult } from './networkMetrics';
export {
  compareMetrics,
  networkDifference,
  type MetricChange,
  type NetworkDifference,
  type PersonChange,
  type TieChange,
} from './compare';
export { classifyStage, networkStage, stageMeasures, type StageMeasures } from './stage';
export { personGraph, type PersonGraph } from './personGraph';
