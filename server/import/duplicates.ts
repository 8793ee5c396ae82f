/**
 * Likely duplicates among an import's rows: persons here, organisations and SMEs in
 * placeDuplicates.ts. Persons (SPEC §10: "flagged on import"): a row whose
 * name or フリガナ, after width/kana/space folding (common/fold.ts), or whose e-mail equals that
 * of a stored person the importer may read (cypher/import-duplicate-pool.cypher) or of another
 * row of the upload, under another id; "same employer" is said alongside when they also work at
 * the same place (the upload's WORKS_AT rows and the stored ties). Flags only: the import is not
 * stopped, the coordinator decides (and merges in the 詳細 panel).
 */
import type { ImportDuplicate } from '../../common/importAnswer';
import { foldEmail, foldText } from '../../common/fold';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import type { Dataset, DatasetSources, RowSource } from './dataset';
import { duplicateEntry, importPlaceDuplicates } from './placeDuplicates';

interface Candidate {
  id: string;
  name: string;
  nameKana: string | null;
  email: string | null;
  employers: Set<string>;
  /** Where the row is, for a row of the upload (stored persons have none). */
  at?: RowSource;
}

/** At most this many are listed. */
const MAX_LISTED = 200;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function keysOf(c: Candidate): string[] {
  const out: string[] = [];
  const name = text(c.name) && foldText(c.name);
  const kana = c.nameKana && foldText(c.nameKana);
  const email = c.email && foldEmail(c.email);
  if (name) out.push(`n:${name}`);
  if (kana) out.push(`n:${kana}`);
  if (email) out.push(`e:${email}`);
  return out;
}

function reasonsOf(a: Candidate, b: Candidate): ImportDuplicate['reasons'] {
  const out: ImportDuplicate['reasons'] = [];
  const same = (x: string | null, y: string | null, fold: (s: string) => string) =>
    !!x && !!y && fold(x) !== '' && fold(x) === fold(y);
  if (same(a.name, b.name, foldText) || same(a.nameKana, b.nameKana, foldText)) out.push('name');
  if (same(a.email, b.email, foldEmail)) out.push('email');
  if (out.length > 0 && [...a.employers].some((e) => b.employers.has(e))) out.push('employer');
  return out;
}

/** The upload's persons, with their employers from its WORKS_AT rows. */
function uploadPersons(dataset: Dataset, sources: DatasetSources): Candidate[] {
  const employers = new Map<string, Set<string>>();
  for (const r of (dataset.relationships.WORKS_AT ?? []) as Array<Record<string, unknown>>) {
    const from = text(r.from);
    const to = text(r.to);
    if (!from || !to) continue;
    let set = employers.get(from);
    if (!set) employers.set(from, (set = new Set()));
    set.add(to);
  }
  const rows = (dataset.nodes.Person ?? []) as Array<Record<string, unknown>>;
  const at = sources.nodes.Person ?? [];
  return rows.flatMap((r, i) => {
    const id = text(r.id);
    const name = text(r.name);
    if (!id || !name) return [];
    return [
      {
        id,
        name,
        nameKana: text(r.nameKana),
        email: text(r.email),
        employers: employers.get(id) ?? new Set<string>(),
        ...(at[i] ? { at: at[i] } : {}),
      },
    ];
  });
}

/** The likely duplicates of the upload's persons, organisations and SMEs (at most MAX_LISTED). */
export async function importDuplicates(
  db: Database,
  dataset: Dataset,
  sources: DatasetSources,
  regionIds: readonly string[] | null,
): Promise<ImportDuplicate[]> {
  const persons = await personDuplicates(db, dataset, sources, regionIds);
  if (persons.length >= MAX_LISTED) return persons;
  const places = await importPlaceDuplicates(
    db,
    dataset,
    sources,
    regionIds,
    MAX_LISTED - persons.length,
  );
  return [...persons, ...places];
}

/** The likely duplicates of the upload's persons (see the file comment). */
async function personDuplicates(
  db: Database,
  dataset: Dataset,
  sources: DatasetSources,
  regionIds: readonly string[] | null,
): Promise<ImportDuplicate[]> {
  const rows = uploadPersons(dataset, sources);
  if (rows.length === 0) return [];
  const res = await db.driver.executeQuery(
    cypher('import-duplicate-pool'),
    { all: regionIds === null, regionIds: regionIds ?? [] },
    { database: db.database, routing: 'READ' },
  );
  const inUpload = new Set(rows.map((r) => r.id));
  const stored: Candidate[] = res.records
    .map((r) => ({
      id: r.get('id') as string,
      name: (r.get('name') as string | null) ?? '',
      nameKana: r.get('nameKana') as string | null,
      email: r.get('email') as string | null,
      employers: new Set(r.get('employers') as string[]),
    }))
    // A stored person the upload itself names is being updated, not duplicated.
    .filter((c) => !inUpload.has(c.id));
  const index = new Map<string, Candidate[]>();
  for (const c of [...stored, ...rows]) {
    for (const k of keysOf(c)) {
      let list = index.get(k);
      if (!list) index.set(k, (list = []));
      list.push(c);
    }
  }
  const out: ImportDuplicate[] = [];
  for (const row of rows) {
    const seen = new Set<string>([row.id]);
    for (const k of keysOf(row)) {
      for (const other of index.get(k) ?? []) {
        if (seen.has(other.id)) continue;
        seen.add(other.id);
        // Two rows of the upload: listed once, at the later row.
        if (other.at && row.at && rows.indexOf(other) > rows.indexOf(row)) continue;
        const reasons = reasonsOf(row, other);
        if (reasons.length === 0) continue;
        out.push(duplicateEntry('Person', row, other, reasons));
        if (out.length >= MAX_LISTED) return out;
      }
    }
  }
  return out;
}
