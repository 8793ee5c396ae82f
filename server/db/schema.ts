/**
 * Applies cypher/schema.cypher (idempotent: every statement is IF NOT EXISTS) and the data
 * migrations (each idempotent: it changes only what is still in the old form).
 */
import type { Database } from './driver';
import { cypher, cypherStatements } from './cypher';

/** Data migrations, in order: cypher/NAME.cypher, each returning one count. */
const MIGRATIONS = ['migrate-introduction-names', 'migrate-introduction-recorded-by'] as const;

export async function applySchema(db: Database): Promise<Record<string, number>> {
  for (const statement of cypherStatements('schema')) {
    await db.driver.executeQuery(statement, {}, { database: db.database });
  }
  await db.driver.executeQuery('CALL db.awaitIndexes(300)', {}, { database: db.database });
  const changed: Record<string, number> = {};
  for (const name of MIGRATIONS) {
    const res = await db.driver.executeQuery(cypher(name), {}, { database: db.database });
    changed[name] = Number(res.records[0]?.get(0) ?? 0);
  }
  return changed;
}

/** The APOC procedures and functions @neo4j/graphql relies on (and apoc.map.fromPairs: cypher/network-overview-members.cypher). */
export const REQUIRED_APOC = {
  procedures: ['apoc.util.validate'],
  functions: ['apoc.util.validatePredicate', 'apoc.date.convertFormat', 'apoc.map.fromPairs'],
} as const;

/** Names of required APOC procedures/functions the server lacks (empty when all are there). */
export async function missingApoc(db: Database): Promise<string[]> {
  const have = new Set<string>();
  for (const [file, names] of [
    ['apoc-procedures', REQUIRED_APOC.procedures],
    ['apoc-functions', REQUIRED_APOC.functions],
  ] as const) {
    const res = await db.driver.executeQuery(cypher(file), { names }, { database: db.database });
    for (const r of res.records) have.add(r.get('name') as string);
  }
  return [...REQUIRED_APOC.procedures, ...REQUIRED_APOC.functions].filter((n) => !have.has(n));
}

export async function countsByLabel(db: Database): Promise<Record<string, number>> {
  const res = await db.driver.executeQuery(
    cypher('counts-by-label'),
    {},
    { database: db.database },
  );
  return Object.fromEntries(
    res.records.map((r) => [r.get('label') as string, Number(r.get('count'))]),
  );
}

export async function graphVersion(db: Database): Promise<number> {
  const res = await db.driver.executeQuery(cypher('graph-version'), {}, { database: db.database });
  return Number(res.records[0]?.get('version') ?? 0);
}
