/**
 * What every authenticated request reads from Neo4j, read for many requests at once: the
 * account behind its token (role, regions, disabled, token version), whether that token was
 * revoked by a sign-out, and the graph version its GraphQL answer belongs to (the response
 * cache's key). One query (cypher/request-state.cypher) answers a whole batch of requests
 * (server/db/freshBatch.ts): a request only joins a batch that has not started, so what it reads
 * was read after it arrived — a sign-out, a disabled account, a reset password or a write
 * committed before the request, by any process, is always seen (docs/decisions.md).
 *
 * One reader per database (per process), shared by the token check and the projection cache.
 */
import neo4j from 'neo4j-driver';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { FreshBatcher } from '../db/freshBatch';
import { fromRecord, type StoredUser } from './users';

/** An account asked about: by id, with the id of the token presented (null: none). */
interface AccountAsk {
  id: string;
  jti: string | null;
}

export interface AccountState {
  /** The account, or null when there is none with that id. */
  user: StoredUser | null;
  /** The token was revoked (signed out). */
  revoked: boolean;
  /** The graph version, read in the same query. */
  version: number;
}

export class RequestStateReader {
  private readonly batcher: FreshBatcher<AccountAsk | null, AccountState>;

  constructor(private readonly db: Database) {
    this.batcher = new FreshBatcher((asks) => this.read(asks));
  }

  /** Batches run so far (tests, profiles). */
  get batches(): number {
    return this.batcher.batches;
  }

  /** The account `id`, whether token `jti` was revoked, and the graph version: read after now. */
  account(id: string, jti: string | null): Promise<AccountState> {
    return this.batcher.load(JSON.stringify([id, jti]), { id, jti });
  }

  /** The graph version, read after now. */
  async version(): Promise<number> {
    return (await this.batcher.load('', null)).version;
  }

  private async read(asks: Array<AccountAsk | null>): Promise<AccountState[]> {
    const accounts = asks.flatMap((a, i) => (a ? [{ i, id: a.id, jti: a.jti }] : []));
    if (accounts.length === 0) {
      // Only the version was asked for (the projection cache, the warmer): the small query.
      const res = await this.db.driver.executeQuery(
        cypher('graph-version'),
        {},
        { database: this.db.database, routing: neo4j.routing.READ },
      );
      const version = Number(res.records[0]?.get('version') ?? 0);
      return asks.map(() => ({ user: null, revoked: false, version }));
    }
    const res = await this.db.driver.executeQuery(
      cypher('request-state'),
      { asks: accounts },
      { database: this.db.database, routing: neo4j.routing.READ },
    );
    const version = Number(res.records[0]?.get('version') ?? 0);
    const answers: AccountState[] = asks.map(() => ({ user: null, revoked: false, version }));
    for (const row of res.records) {
      const user = row.get('user') as Record<string, unknown> | null;
      answers[Number(row.get('i'))] = {
        user: user ? fromRecord(user, row.get('deptRegionIds') as string[]) : null,
        revoked: row.get('revoked') === true,
        version,
      };
    }
    return answers;
  }
}

const readers = new WeakMap<Database, RequestStateReader>();

/** The reader of `db` (one per database object, so every part of a process shares its batches). */
export function requestStateReader(db: Database): RequestStateReader {
  let reader = readers.get(db);
  if (!reader) {
    reader = new RequestStateReader(db);
    readers.set(db, reader);
  }
  return reader;
}
