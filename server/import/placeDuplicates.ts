/**
 * Likely duplicates among an import's organisations and SMEs (SPEC §10, "flagged on import",
 * as server/import/duplicates.ts does for persons): a row whose name, after width/kana/space
 * folding (common/fold.ts), equals that of a stored node of the same kind the importer may read
 * (cypher/import-duplicate-pool-places.cypher) or of another row of the upload, under another
 * id, in the same region — a region they share by LOCATED_IN (the upload's rows, else what is
 * stored), or both located nowhere. 「株式会社ミヤマ精工」 and 「株式会社 ﾐﾔﾏ精工」 of 塩尻市
 * are flagged; the same name in 燕市 is another company. Neither kind has an e-mail
 * or a corporate number in the model, so the name is all there is to compare. Flags only: the
 * coordinator decides (and merges in the 詳細 panel).
 */
import type { ImportDuplicate } from '../../common/importAnswer';
import { foldText } from '../../common/fold';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import type { Dataset, DatasetSources, RowSource } from './dataset';

export type PlaceKind = 'Organization' | 'SME';
const KINDS: readonly PlaceKind[] = ['Organization', 'SME'];

export interface Place {
  id: string;
  kind: PlaceKind;
  name: string;
  regions: ReadonlySet<string>;
  /** Where the row is, for a row of the upload (stored nodes have none). */
  at?: RowSource;
}

/** A row or a stored node as a duplicate entry names it. */
interface Named {
  id: string;
  name: string;
  at?: RowSource | undefined;
}

/** The entry of the preview's duplicates: the row (where it is), and the other (row or stored). */
export function duplicateEntry(
  kind: ImportDuplicate['kind'],
  row: Named,
  other: Named,
  reasons: ImportDuplicate['reasons'],
): ImportDuplicate {
  const where = (at: RowSource) => ({
    file: at.file,
    ...(at.sheet !== undefined ? { sheet: at.sheet } : {}),
    row: at.row,
  });
  return {
    kind,
    ...(row.at ? where(row.at) : { file: '', row: 0 }),
    id: row.id,
    name: row.name,
    otherId: other.id,
    otherName: other.name,
    ...(other.at ? { otherRow: where(other.at) } : {}),
    reasons,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Whether two places are in the same region: one they share, or both in none. */
function sameRegion(a: Place, b: Place): boolean {
  if (a.regions.size === 0 && b.regions.size === 0) return true;
  return [...a.regions].some((r) => b.regions.has(r));
}

/**
 * The likely duplicates of the upload's rows among themselves and the stored places (pure: the
 * rows come in upload order; a pair of rows is listed once, at the later row).
 */
export function placeDuplicates(
  rows: readonly Place[],
  stored: readonly Place[],
  max: number,
): ImportDuplicate[] {
  const inUpload = new Set(rows.map((r) => r.id));
  const index = new Map<string, Place[]>();
  const key = (p: Place) => {
    const folded = foldText(p.name);
    return folded ? `${p.kind}:${folded}` : null;
  };
  // A stored node the upload itself names is being updated, not duplicated.
  for (const p of [...stored.filter((s) => !inUpload.has(s.id)), ...rows]) {
    const k = key(p);
    if (!k) continue;
    let list = index.get(k);
    if (!list) index.set(k, (list = []));
    list.push(p);
  }
  const order = new Map(rows.map((r, i) => [r, i]));
  const out: ImportDuplicate[] = [];
  for (const row of rows) {
    const k = key(row);
    if (!k) continue;
    for (const other of index.get(k)!) {
      if (other.id === row.id || !sameRegion(row, other)) continue;
      // Two rows of the upload: listed once, at the later row.
      if (other.at && order.get(other)! > order.get(row)!) continue;
      out.push(duplicateEntry(row.kind, row, other, ['name', 'region']));
      if (out.length >= max) return out;
    }
  }
  return out;
}

/** The upload's organisations and SMEs, with their regions (the upload's, else the stored). */
export function uploadPlaces(
  dataset: Dataset,
  sources: DatasetSources,
  storedRegions: ReadonlyMap<string, ReadonlySet<string>>,
): Place[] {
  const located = new Map<string, Set<string>>();
  for (const r of (dataset.relationships.LOCATED_IN ?? []) as Array<Record<string, unknown>>) {
    const from = text(r.from);
    const to = text(r.to);
    if (!from || !to) continue;
    let set = located.get(from);
    if (!set) located.set(from, (set = new Set()));
    set.add(to);
  }
  return KINDS.flatMap((kind) => {
    const rows = (dataset.nodes[kind] ?? []) as Array<Record<string, unknown>>;
    const at = sources.nodes[kind] ?? [];
    return rows.flatMap((r, i): Place[] => {
      const id = text(r.id);
      const name = text(r.name);
      if (!id || !name) return [];
      const regions = located.get(id) ?? storedRegions.get(id) ?? new Set<string>();
      return [{ id, kind, name, regions, ...(at[i] ? { at: at[i] } : {}) }];
    });
  });
}

/** The likely duplicates of the upload's organisations and SMEs (see the file comment). */
export async function importPlaceDuplicates(
  db: Database,
  dataset: Dataset,
  sources: DatasetSources,
  regionIds: readonly string[] | null,
  max: number,
): Promise<ImportDuplicate[]> {
  if (!KINDS.some((k) => (dataset.nodes[k] ?? []).length > 0)) return [];
  const res = await db.driver.executeQuery(
    cypher('import-duplicate-pool-places'),
    { all: regionIds === null, regionIds: regionIds ?? [] },
    { database: db.database, routing: 'READ' },
  );
  const stored: Place[] = res.records.map((r) => ({
    id: r.get('id') as string,
    kind: r.get('kind') as PlaceKind,
    name: (r.get('name') as string | null) ?? '',
    regions: new Set(r.get('regions') as string[]),
  }));
  const storedRegions = new Map(stored.map((p) => [p.id, p.regions]));
  return placeDuplicates(uploadPlaces(dataset, sources, storedRegions), stored, max);
}
