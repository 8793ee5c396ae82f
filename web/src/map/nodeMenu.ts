/**
 * What the map's context menu of a node offers (right-click, long press): 詳細 for everyone;
 * つなぐ…, 編集… and 削除… only to those who may write the node. A convenience that follows the
 * server's rules (server/write/access.ts; the server enforces them): an administrator writes
 * everything; a coordinator edits and deletes a node that is *theirs* (every region holding it
 * is one of theirs) and ties to a node they may read (theirs, or *shared* with another region,
 * as a bank serving two depts, and the skills and challenges every region shares); municipality
 * and analyst accounts write nothing. Pure.
 */
import type { Me } from '../auth';
import { canWrite } from '../auth';
import { tieChoices } from '../panels/entry/ties';

export const MENU_ITEMS = ['detail', 'connect', 'edit', 'delete'] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];

/** Kinds only an administrator edits or deletes (server/write/access.ts ADMIN_ONLY_KINDS). */
const ADMIN_ONLY: ReadonlySet<string> = new Set(['Region', 'Skill', 'Challenge']);
/** Shared reference data: anyone who writes may tie to it. */
const REFERENCE: ReadonlySet<string> = new Set(['Skill', 'Challenge']);

export interface MenuNode {
  id: string;
  kind: string;
  regionIds: readonly string[];
}

/** How a coordinator of `own` stands to a node: theirs, shared with others, or outside. */
export function standing(
  node: MenuNode,
  own: ReadonlySet<string>,
): 'theirs' | 'shared' | 'outside' {
  if (node.kind === 'Region') return own.has(node.id) ? 'theirs' : 'outside';
  if (REFERENCE.has(node.kind)) return 'shared';
  if (node.regionIds.length === 0) return 'outside';
  const inOwn = node.regionIds.filter((r) => own.has(r)).length;
  if (inOwn === node.regionIds.length) return 'theirs';
  return inOwn > 0 ? 'shared' : 'outside';
}

/**
 * The menu of a node for the signed-in account. `editable`: the kinds whose form this account
 * has (store.editable: empty when the server offers no edits).
 */
export function menuItems(
  me: Pick<Me, 'role' | 'regionIds'> | null,
  node: MenuNode,
  editable: ReadonlySet<string>,
): MenuItem[] {
  const items: MenuItem[] = ['detail'];
  if (!me || !canWrite(me) || editable.size === 0) return items;
  const admin = me.regionIds === null;
  const s = admin ? 'theirs' : standing(node, new Set(me.regionIds));
  if (s === 'outside') return items;
  if (tieChoices(node.kind).length > 0) items.push('connect');
  const writesNode = s === 'theirs' && (admin || !ADMIN_ONLY.has(node.kind));
  if (writesNode && editable.has(node.kind)) items.push('edit', 'delete');
  return items;
}

/**
 * Whether a tie from `from` to `to` may be made by this account: both readable, one of them
 * theirs (two shared nodes are tied by an administrator only).
 */
export function mayTie(
  me: Pick<Me, 'role' | 'regionIds'> | null,
  a: MenuNode,
  b: MenuNode,
): boolean {
  if (!me || !canWrite(me)) return false;
  if (me.regionIds === null) return true;
  const own = new Set(me.regionIds);
  const sa = standing(a, own);
  const sb = standing(b, own);
  return sa !== 'outside' && sb !== 'outside' && (sa === 'theirs' || sb === 'theirs');
}
