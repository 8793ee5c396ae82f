/**
 * The two kinds of transaction a write runs in, each ending as its body says (commit, or roll
 * back with the answer all the same) and announcing a commit to this process's listeners
 * (events.ts) only once it is committed: a managed one (retried by the driver on a deadlock)
 * for the writes of one request, an explicit one (not retried, the long timeout) for a bulk
 * write.
 */
import type { ManagedTransaction, Session, Transaction } from 'neo4j-driver';
import type { Database } from '../db/driver';
import type { WriteTx } from './batches';
import { announceCommitted } from './events';
import type { Reader } from './validate';

/** What a write's transaction ends with: the answer, and whether (and at which version) to commit. */
export interface Outcome<R> {
  value: R;
  commit: boolean;
  version: number;
}

export function txReader(tx: WriteTx): Reader {
  return async (statement, params) => (await tx.run(statement, params)).records;
}

/** A managed transaction's way out without committing: the answer travels in the error. */
class RollBack<R> extends Error {
  constructor(readonly value: R) {
    super('rolled back');
  }
}

/**
 * A managed transaction (retried by the driver on a deadlock, `body` with it): committed and
 * announced when `body` says so, else rolled back; either way `body`'s answer.
 */
export async function managedTransaction<R>(
  session: Session,
  body: (tx: ManagedTransaction) => Promise<Outcome<R>>,
): Promise<R> {
  let committedVersion: number | null = null;
  try {
    const value = await session.executeWrite(async (tx) => {
      const { value, commit, version } = await body(tx);
      if (!commit) throw new RollBack(value);
      committedVersion = version;
      return value;
    });
    if (committedVersion !== null) announceCommitted(committedVersion);
    return value;
  } catch (e) {
    if (e instanceof RollBack) return e.value as R;
    throw e;
  }
}

/**
 * A bulk write's explicit transaction (not retried; the long timeout, NEO4J_LONG_TX_TIMEOUT:
 * an import may take minutes): committed and announced when `body` says so, else rolled
 * back; rolled back too when anything fails (the error is rethrown).
 */
export async function explicitTransaction<R>(
  db: Database,
  session: Session,
  body: (tx: Transaction) => Promise<Outcome<R>>,
): Promise<{ value: R; committed: boolean }> {
  const tx = session.beginTransaction({ timeout: db.timeouts?.longTxMs });
  try {
    const { value, commit, version } = await body(tx);
    if (commit) {
      await tx.commit();
      announceCommitted(version);
    } else await tx.rollback();
    return { value, committed: commit };
  } catch (e) {
    if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    throw e;
  }
}
