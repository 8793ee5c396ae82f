/**
 * Step 2 of the write path for a writer limited to some regions: what the write touches, with
 * the regions its nodes are in, checked against the access rules (access.ts) inside the write
 * transaction before the change is written and again after it. Writers of every region skip it.
 */
import { assertMayWrite, type RegionMap, type Touched, type Writer } from './access';
import type { CheckedRows } from './checkRows';
import type { PreparedPatch } from './patch';
import type { NodeToDelete, RelationshipToDelete } from './plan';
import { readNodeRegions } from './regions';
import type { Reader, ValidationResult } from './validate';

/** What the check before the change found, for the check after it. */
export interface RegionCheck {
  touched: Touched;
  before: RegionMap;
}

/** What the write touches (for the access rules); rows found unchanged write nothing. */
function touchedBy(
  checked: CheckedRows,
  relationships: ValidationResult,
  patches: readonly PreparedPatch[],
  deletions: readonly NodeToDelete[],
  relDeletions: readonly RelationshipToDelete[],
): Touched {
  const nodes: Touched['nodes'][number][] = [];
  for (const [label, rows] of Object.entries(checked.nodes.prepared.nodes))
    for (const r of rows ?? []) nodes.push({ id: r.id, kind: label, writes: !r.unchanged });
  for (const p of patches) nodes.push({ id: p.id, kind: p.label, writes: !p.unchanged });
  for (const d of deletions) nodes.push({ id: d.id, kind: d.label, writes: true });
  const rels: Touched['relationships'][number][] = [];
  for (const [type, rows] of Object.entries(relationships.prepared.relationships))
    for (const r of rows ?? []) rels.push({ type, from: r.from, to: r.to, writes: !r.unchanged });
  for (const d of relDeletions) rels.push({ ...d, writes: true });
  return { nodes, relationships: rels };
}

function touchedIds(t: Touched): Set<string> {
  const ids = new Set(t.nodes.map((n) => n.id));
  for (const r of t.relationships) ids.add(r.from).add(r.to);
  return ids;
}

/**
 * Before the change: what it touches may be written by `writer` as it is now (AccessDenied
 * otherwise). `known`: regions already read (of the edited nodes). Null for a writer of every
 * region. The relationship rows of a limited writer are always validated before (index.ts).
 */
export async function checkRegionsBefore(
  read: Reader,
  writer: Writer,
  checked: CheckedRows,
  edits: {
    patches: readonly PreparedPatch[];
    deletions: readonly NodeToDelete[];
    regions: RegionMap;
  },
  relDeletions: readonly RelationshipToDelete[],
): Promise<RegionCheck | null> {
  if (writer.regionIds === null) return null;
  const touched = touchedBy(
    checked,
    checked.relationships!,
    edits.patches,
    edits.deletions,
    relDeletions,
  );
  const before = await readNodeRegions(read, touchedIds(touched), edits.regions);
  assertMayWrite(writer, touched, before, null);
  return { touched, before };
}

/** After the change (its deleted nodes left out): the same rules, with the regions as now. */
export async function checkRegionsAfter(
  read: Reader,
  writer: Writer,
  check: RegionCheck | null,
  deleted: ReadonlySet<string>,
): Promise<void> {
  if (!check) return;
  const after = [...touchedIds(check.touched)].filter((id) => !deleted.has(id));
  assertMayWrite(writer, check.touched, check.before, await readNodeRegions(read, after));
}
