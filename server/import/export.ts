/**
 * A region as an .xlsx workbook in the import format (a sheet per label and relationship type,
 * Japanese headers, columns in schema order), so that importing it again changes nothing: the
 * nodes and ties of the region's analytics projection (cypher/projection-region.cypher, the
 * same nodes the map shows), every property as stored. And the import templates: the same
 * sheets, empty, with a description row under the header. Text is written as text, never as
 * a formula (xlsx/write.ts).
 */
import { NODE_LABELS, REL_TYPES, type NodeLabel, type RelType } from '../../common/model';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { standing } from '../write/access';
import { readNodeRegions } from '../write/regions';
import { autoReader } from '../write/validate';
import { TARGET_TITLES, columnsOf } from './columns';
import { writeWorkbook, type CellValue, type SheetToWrite } from './xlsx/write';

/** The tab of a label or type: `Person 人物` (the importer reads the first word). */
export function sheetNameOf(target: NodeLabel | RelType): string {
  return `${target} ${TARGET_TITLES[target]}`.slice(0, 31);
}

function cell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(String).join(';');
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** The import templates: every sheet with its Japanese header and a description row. */
export function templateWorkbook(): Uint8Array {
  const sheets: SheetToWrite[] = [...NODE_LABELS, ...REL_TYPES].map((t) => {
    const cols = columnsOf(t);
    return {
      name: sheetNameOf(t),
      header: cols.map((c) => c.header),
      description: cols.map((c) => c.description),
      rows: [],
      widths: cols.map((c) => Math.min(40, Math.max(10, [...c.description].length))),
    };
  });
  return writeWorkbook(sheets);
}

interface ProjectedRow {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
  out: [string, string, Record<string, unknown>][];
}

/**
 * The rows of a region's export, per label and type (null when the region does not exist).
 * For a reader limited to some regions (`own`, a coordinator), nodes the write path would call
 * outside their regions (server/write/access.ts; e.g. the Region node of a neighbouring region
 * a shared bank is located in) are left out with their ties, so that everything exported is
 * theirs or shared, and imports back as unchanged.
 */
export async function regionRows(
  db: Database,
  regionId: string,
  own: readonly string[] | null = null,
): Promise<Map<NodeLabel | RelType, CellValue[][]> | null> {
  const res = await db.driver.executeQuery(
    cypher('projection-region'),
    // Every tie ever (ended ones too, with their `until`), so the export is the whole record.
    { regionId, asOf: null },
    { database: db.database, routing: 'READ' },
  );
  if (res.records.length === 0) return null;
  const out = new Map<NodeLabel | RelType, CellValue[][]>();
  const push = (t: NodeLabel | RelType, row: CellValue[]) => {
    let rows = out.get(t);
    if (!rows) out.set(t, (rows = []));
    rows.push(row);
  };
  let rows = res.records.map((r) => r.toObject() as ProjectedRow);
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (own !== null) {
    const regions = await readNodeRegions(
      autoReader(db),
      rows.map((r) => r.id),
    );
    const mine = new Set(own);
    const readable = new Set(
      rows.map((r) => r.id).filter((id) => standing(id, regions, mine) !== 'outside'),
    );
    rows = rows
      .filter((r) => readable.has(r.id))
      .map((r) => ({ ...r, out: r.out.filter(([, to]) => readable.has(to)) }));
  }
  for (const r of rows) {
    const label = NODE_LABELS.find((l) => r.labels.includes(l));
    if (!label) continue;
    // A person's key-person and talent flags are labels, not properties (common/model.ts).
    const props =
      label === 'Person'
        ? {
            ...r.props,
            isKeyPerson: r.labels.includes('KeyPerson'),
            isTalent: r.labels.includes('Talent'),
          }
        : r.props;
    push(
      label,
      columnsOf(label).map((c) => cell(props[c.field])),
    );
    for (const [type, to, props] of r.out) {
      if (!(REL_TYPES as readonly string[]).includes(type)) continue;
      const t = type as RelType;
      push(
        t,
        columnsOf(t).map((c) =>
          c.field === 'from' ? r.id : c.field === 'to' ? to : cell(props[c.field]),
        ),
      );
    }
  }
  return out;
}

/** A region's export workbook, or null when there is no such region (`own` as for regionRows). */
export async function regionWorkbook(
  db: Database,
  regionId: string,
  own: readonly string[] | null = null,
): Promise<Uint8Array | null> {
  const rows = await regionRows(db, regionId, own);
  if (!rows) return null;
  const sheets: SheetToWrite[] = [];
  for (const t of [...NODE_LABELS, ...REL_TYPES]) {
    const data = rows.get(t);
    if (!data || data.length === 0) continue;
    sheets.push({ name: sheetNameOf(t), header: columnsOf(t).map((c) => c.header), rows: data });
  }
  return writeWorkbook(sheets);
}
