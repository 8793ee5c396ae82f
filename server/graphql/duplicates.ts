/**
 * Likely duplicates of a node (SPEC §10; the 詳細 panel offers a merge): candidates read by
 * cypher/duplicate-pool.cypher, compared here with the folding of common/fold.ts — a person
 * with the same name or フリガナ after width/kana/space folding, or the same e-mail (and
 * SAME_EMPLOYER said alongside when they also work at the same place); an organisation or SME
 * with the same folded name. Pure apart from the read.
 */
import neo4j from 'neo4j-driver';
import { foldEmail, foldText } from '../../common/fold';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';

export type DuplicateReason = 'SAME_NAME' | 'SAME_KANA' | 'SAME_EMAIL' | 'SAME_EMPLOYER';

export interface PoolRow {
  id: string;
  self: boolean;
  kind: string;
  name: string;
  nameKana: string | null;
  email: string | null;
  employers: string[];
}

export interface DuplicateCandidate {
  id: string;
  kind: string;
  name: string;
  nameKana: string | null;
  reasons: DuplicateReason[];
}

const KINDS = ['Person', 'Organization', 'SME'];

/** Why `c` looks like `n` (empty: it does not). */
export function duplicateReasons(n: PoolRow, c: PoolRow): DuplicateReason[] {
  const out: DuplicateReason[] = [];
  const same = (a: string | null, b: string | null, fold: (s: string) => string) =>
    !!a && !!b && fold(a) !== '' && fold(a) === fold(b);
  if (same(n.name, c.name, foldText)) out.push('SAME_NAME');
  if (n.kind === 'Person') {
    if (same(n.nameKana, c.nameKana, foldText)) out.push('SAME_KANA');
    if (same(n.email, c.email, foldEmail)) out.push('SAME_EMAIL');
    if (out.length > 0 && n.employers.some((e) => c.employers.includes(e)))
      out.push('SAME_EMPLOYER');
  }
  return out;
}

/** The candidates among the pool, most reasons first (then by name). */
export function rankDuplicates(pool: readonly PoolRow[], limit: number): DuplicateCandidate[] {
  const n = pool.find((r) => r.self);
  if (!n) return [];
  return pool
    .filter((c) => !c.self)
    .map((c) => ({ c, reasons: duplicateReasons(n, c) }))
    .filter((x) => x.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || a.c.name.localeCompare(b.c.name, 'ja'))
    .slice(0, limit)
    .map(({ c, reasons }) => ({
      id: c.id,
      kind: c.kind,
      name: c.name,
      nameKana: c.nameKana,
      reasons,
    }));
}

export async function readDuplicatePool(db: Database, id: string): Promise<PoolRow[]> {
  const res = await db.driver.executeQuery(
    cypher('duplicate-pool'),
    { id, kinds: KINDS },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => ({
    id: r.get('id') as string,
    self: r.get('self') as boolean,
    kind: r.get('kind') as string,
    name: String(r.get('name') ?? ''),
    nameKana: (r.get('nameKana') as string | null) ?? null,
    email: (r.get('email') as string | null) ?? null,
    employers: r.get('employers') as string[],
  }));
}
