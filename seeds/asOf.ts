/**
 * A dataset as it was on a date (SPEC §12), rebuilt from its rows alone — independently of the
 * Cypher projection, so the eval and the generator's tests can check the projection of a date
 * against it: only the relationships valid on the date (since ≤ date < until; no since or no
 * until = open), and without the persons whose every tie that places them in the network
 * (WORKS_AT, KNOWS, LOCATED_IN, ENGAGED_WITH) has ended or not yet begun — with all their
 * relationships — as cypher/projection-all.cypher does. Introductions and their FROM/TO/VIA are left out.
 */
import { REL_TYPES, validOn } from '../common/model';
import { emptyDataset, type Dataset } from './dataset';

const INTRODUCTION_RELS = new Set(['FROM', 'TO', 'VIA']);
/** The ties that place a person in the network (skills and attended events do not). */
const PRESENCE_RELS = new Set(['WORKS_AT', 'KNOWS', 'LOCATED_IN', 'ENGAGED_WITH']);

export function datasetAsOf(ds: Dataset, date: string): Dataset {
  const out = emptyDataset();
  const hadTie = new Set<string>();
  const hasValidTie = new Set<string>();
  for (const type of REL_TYPES) {
    if (!PRESENCE_RELS.has(type)) continue;
    for (const r of ds.relationships[type] as Array<{ from: string; to: string }>) {
      hadTie.add(r.from);
      hadTie.add(r.to);
      if (validOn(r as { since?: unknown; until?: unknown }, date)) {
        hasValidTie.add(r.from);
        hasValidTie.add(r.to);
      }
    }
  }
  const gone = new Set(
    ds.nodes.Person.filter((p) => hadTie.has(p.id) && !hasValidTie.has(p.id)).map((p) => p.id),
  );
  for (const label of Object.keys(ds.nodes) as Array<keyof Dataset['nodes']>) {
    if (label === 'Introduction') continue;
    (out.nodes[label] as unknown[]) = (ds.nodes[label] as Array<{ id: string }>).filter(
      (n) => !gone.has(n.id),
    );
  }
  for (const type of REL_TYPES) {
    if (INTRODUCTION_RELS.has(type)) continue;
    (out.relationships[type] as unknown[]) = (
      ds.relationships[type] as Array<{
        from: string;
        to: string;
        since?: unknown;
        until?: unknown;
      }>
    ).filter((r) => !gone.has(r.from) && !gone.has(r.to) && validOn(r, date));
  }
  return out;
}
