/**
 * Reads the regions of nodes (cypher/write-node-regions.cypher) for the access rules of
 * server/write/access.ts, with the parties of introductions among them, in batches.
 */
import { cypher } from '../db/cypher';
import { NODE_LABELS } from '../../common/model';
import type { NodeRegions } from './access';
import type { Reader } from './validate';

const BATCH = 10_000;

export async function readNodeRegions(
  read: Reader,
  ids: Iterable<string>,
  known: ReadonlyMap<string, NodeRegions> = new Map(),
): Promise<Map<string, NodeRegions>> {
  const out = new Map<string, NodeRegions>(known);
  let wanted = [...new Set(ids)].filter((id) => !out.has(id));
  // Twice at most: the nodes, then the parties of the introductions among them.
  while (wanted.length > 0) {
    const parties = new Set<string>();
    for (let i = 0; i < wanted.length; i += BATCH) {
      const records = await read(cypher('write-node-regions'), {
        ids: wanted.slice(i, i + BATCH),
      });
      for (const r of records) {
        const labels = r.get('labels') as string[];
        const n: NodeRegions = {
          kind: NODE_LABELS.find((l) => labels.includes(l)) ?? 'node',
          regions: r.get('regions') as string[],
          parties: r.get('parties') as string[],
        };
        out.set(r.get('id') as string, n);
        for (const p of n.parties) parties.add(p);
      }
    }
    wanted = [...parties].filter((p) => !out.has(p));
  }
  return out;
}
