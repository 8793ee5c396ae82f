/**
 * Who may write what (SPEC §8, §10: "a coordinator writes only inside their dept's regions"),
 * as pure functions of the writer and the regions of the nodes a change touches. The regions
 * of a node are those whose analytics projection holds it (cypher/write-node-regions.cypher,
 * the rule of the map and the analytics), read inside the write transaction before the change
 * and again after it, so that neither the node as it was nor as it will be lies outside.
 *
 * For a writer limited to some regions (a coordinator), a node is
 * - *theirs* when every region holding it is one of theirs (a node in no region is nobody's:
 *   it would vanish from their view);
 * - *shared* when it is in one of their regions and also in another's — 関東経済産業局's
 *   情報共有会 that every region attends, a bank serving two depts: readable, not writable;
 * - *outside* otherwise.
 * Regions are theirs by id; skills and challenges are shared reference data (tied to by
 * anyone, edited by an administrator); an introduction is theirs when every party (FROM, TO,
 * VIA) is theirs or shared and at least one is theirs.
 *
 * The rules: a node a write creates, edits or deletes must be theirs before and after; a
 * relationship a write creates, changes or deletes must join two nodes they may read (theirs or
 * shared), at least one of them theirs, before and after. Region, Skill and Challenge nodes are
 * written by administrators only. A row that would change nothing (an unchanged row of a
 * re-imported export, an edit to the value already stored) only needs to be readable: it
 * writes nothing, and refusing it for a node the writer cannot read would tell them whether
 * their guess of its value was right. Writers of every region (admin, the command line) may
 * write anything.
 */
import { AccessDenied } from '../../common/roles';
import type { Actor } from '../auth/audit';

/** Who writes: the actor for the audit log, and the regions they may write in. */
export interface Writer {
  actor: Actor;
  /** Regions the writer may write in; null = every region (admin, the command line). */
  regionIds: readonly string[] | null;
}

/** Kinds of shared reference data and the regions themselves: only an administrator writes them. */
export const ADMIN_ONLY_KINDS: ReadonlySet<string> = new Set(['Region', 'Skill', 'Challenge']);

/** A node as cypher/write-node-regions reads it. */
export interface NodeRegions {
  /** Its label (of NODE_LABELS). */
  kind: string;
  regions: readonly string[];
  /** An introduction's parties (FROM, TO, VIA). */
  parties: readonly string[];
}

/** The regions of the nodes a write touches, at one moment (before or after its changes). */
export type RegionMap = ReadonlyMap<string, NodeRegions>;

export type Standing = 'theirs' | 'shared' | 'outside';

/**
 * What a write touches: the nodes it writes or deletes, and the endpoints of its relationships;
 * `writes: false` for a row that would change nothing.
 */
export interface Touched {
  nodes: ReadonlyArray<{ id: string; kind: string; writes: boolean }>;
  relationships: ReadonlyArray<{ type: string; from: string; to: string; writes: boolean }>;
}

/** A node's standing for a writer limited to `own` (regions of a node the map does not hold). */
export function standing(id: string, at: RegionMap, own: ReadonlySet<string>): Standing {
  const n = at.get(id);
  if (!n) return 'outside';
  if (n.kind === 'Region') return own.has(id) ? 'theirs' : 'outside';
  if (n.kind === 'Skill' || n.kind === 'Challenge') return 'shared';
  if (n.kind === 'Introduction') {
    const parties = n.parties.map((p) => standing(p, at, own));
    if (parties.length === 0 || parties.includes('outside')) return 'outside';
    return parties.includes('theirs') ? 'theirs' : 'shared';
  }
  if (n.regions.length === 0) return 'outside';
  const inOwn = n.regions.filter((r) => own.has(r)).length;
  if (inOwn === n.regions.length) return 'theirs';
  return inOwn > 0 ? 'shared' : 'outside';
}

function describe(id: string, s: Standing, at: RegionMap): string {
  const n = at.get(id);
  if (s === 'shared')
    return `${id} is shared with other regions (${n?.regions.join(', ') || 'reference data'}): only an administrator may change it / 他の地域と共有されているため、管理者のみ変更できます`;
  return `${id} is not in your regions / 担当地域外のデータです`;
}

/**
 * The refusals of a write (empty = allowed). `before` holds the touched nodes that existed
 * before the write, `after` those that exist after it (null: not checked yet, e.g. before the
 * write ran).
 */
export function accessRefusals(
  writer: Writer,
  touched: Touched,
  before: RegionMap,
  after: RegionMap | null,
): string[] {
  if (writer.regionIds === null) return [];
  const own = new Set(writer.regionIds);
  const out = new Set<string>();
  const moments = after ? [before, after] : [before];
  for (const { id, kind, writes } of touched.nodes) {
    if (!writes) {
      if (standing(id, before, own) === 'outside') out.add(describe(id, 'outside', before));
      continue;
    }
    if (ADMIN_ONLY_KINDS.has(kind)) {
      out.add(
        `${id}: only an administrator may change a ${kind} (shared by every region) / 管理者のみ変更できます`,
      );
      continue;
    }
    for (const at of moments) {
      if (!at.has(id)) continue;
      const s = standing(id, at, own);
      if (s !== 'theirs') out.add(describe(id, s, at));
    }
  }
  for (const { type, from, to, writes } of touched.relationships) {
    for (const at of writes ? moments : [before]) {
      const ends = [from, to].filter((id) => at.has(id));
      if (ends.length === 0) continue;
      const standings = ends.map((id) => standing(id, at, own));
      const outside = ends.filter((_, i) => standings[i] === 'outside');
      for (const id of outside) out.add(describe(id, 'outside', at));
      // Both ends are known at the moment after the write (both exist then); before it, a new
      // end is not there yet and only the known one is judged.
      if (writes && outside.length === 0 && ends.length === 2 && !standings.includes('theirs')) {
        out.add(
          `${type} ${from} → ${to}: both ends are shared with other regions; only an administrator may tie them / 共有データ同士のつながりは管理者のみ変更できます`,
        );
      }
    }
  }
  return [...out];
}

/**
 * Throws FORBIDDEN unless the writer may read every node (theirs or shared): checked on the
 * nodes an edit names before its fields are validated against what is stored, so that a
 * validation error never tells anything about a node the writer cannot read.
 */
export function assertMayRead(writer: Writer, ids: Iterable<string>, at: RegionMap): void {
  if (writer.regionIds === null) return;
  const own = new Set(writer.regionIds);
  const outside = [...ids].filter((id) => standing(id, at, own) === 'outside');
  if (outside.length > 0) throw refused(outside.map((id) => describe(id, 'outside', at)));
}

function refused(refusals: string[]): AccessDenied {
  const shown = refusals.slice(0, 5).join('; ');
  const more = refusals.length > 5 ? ` (and ${refusals.length - 5} more)` : '';
  return new AccessDenied('FORBIDDEN', `${shown}${more}`);
}

/** Throws FORBIDDEN naming every refusal, if there is any. */
export function assertMayWrite(
  writer: Writer,
  touched: Touched,
  before: RegionMap,
  after: RegionMap | null,
): void {
  const refusals = accessRefusals(writer, touched, before, after);
  if (refusals.length > 0) throw refused(refusals);
}
