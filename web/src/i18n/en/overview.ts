import type { jaOverview } from '../ja/overview';

/** English texts: the overview of regions (overview.*). */
export const enOverview: Record<keyof typeof jaOverview, string> = {
  'overview.label': 'Overview of regions',
  'overview.intro':
    'All regions together are too large for one map, so each region is shown as one circle. Circle size: persons; line width: ties across the two regions. Click a region to open its map.',
  'overview.legend.size': 'Circle size = persons',
  'overview.legend.width':
    'Line width = acquaintances across the regions, organisations and persons in both',
  'overview.region':
    '{name}: {persons} persons ({key} declared key persons, {talent} talent), {orgs} organisations, {smes} SMEs, {ties} acquaintance ties inside',
  'overview.link':
    '{a} ⇔ {b}: {ties} acquaintance ties across, {orgs} organisations and {persons} persons in both',
  'overview.open': 'Open the map of {name}',
  'overview.stats': '{regions} regions, {links} linked pairs',
  'overview.hint': 'Point at a region for its numbers; click it to open its map.',
  'overview.loading': 'Loading the overview of regions…',
};
