/**
 * Transaction timeouts (issue 11, finding 6): every transaction the server runs has one, so a
 * query that runs away is stopped by Neo4j itself (it rolls the transaction back) instead of
 * running for minutes after its client has gone.
 *
 * `withTransactionTimeout` wraps the driver so that every transaction that does not name its
 * own timeout gets the default: `driver.executeQuery`, and a session's `executeRead`,
 * `executeWrite`, `beginTransaction` and `run` (auto-commit). Long work names its own: the one
 * transaction of an import and the read of a projection take the long timeout; the entity API
 * of /graphql takes a short one (server/graphql/requestSession.ts). Configured by
 * NEO4J_TX_TIMEOUT, NEO4J_LONG_TX_TIMEOUT and GRAPHQL_TX_TIMEOUT (server/config/env.ts).
 */
import type { Driver, Session } from 'neo4j-driver';

export interface Timeouts {
  /** Every transaction that names none. */
  txMs: number;
  /** Imports and projection loads. */
  longTxMs: number;
  /** The entity queries of one GraphQL request. */
  graphqlTxMs: number;
}

type TxConfig = { timeout?: number; metadata?: Record<string, unknown> } | undefined;

const withTimeout = (config: TxConfig, ms: number) => ({
  ...config,
  timeout: config?.timeout ?? ms,
});

function wrapSession(session: Session, ms: number): Session {
  return new Proxy(session, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      switch (prop) {
        case 'executeRead':
        case 'executeWrite':
          return (work: unknown, config?: TxConfig) =>
            (value as (w: unknown, c: TxConfig) => unknown).call(
              target,
              work,
              withTimeout(config, ms),
            );
        case 'beginTransaction':
          return (config?: TxConfig) =>
            (value as (c: TxConfig) => unknown).call(target, withTimeout(config, ms));
        case 'run':
          return (query: unknown, params?: unknown, config?: TxConfig) =>
            (value as (q: unknown, p: unknown, c: TxConfig) => unknown).call(
              target,
              query,
              params,
              withTimeout(config, ms),
            );
        default:
          return (value as (...a: unknown[]) => unknown).bind(target);
      }
    },
  });
}

/** The driver with `ms` as the timeout of every transaction that names none. */
export function withTransactionTimeout(driver: Driver, ms: number): Driver {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'session') {
        return (...args: unknown[]) =>
          wrapSession((value as (...a: unknown[]) => Session).apply(target, args), ms);
      }
      if (prop === 'executeQuery') {
        return (
          query: unknown,
          params?: unknown,
          config?: { transactionConfig?: TxConfig } & Record<string, unknown>,
        ) =>
          (value as (q: unknown, p: unknown, c: unknown) => unknown).call(target, query, params, {
            ...config,
            transactionConfig: withTimeout(config?.transactionConfig, ms),
          });
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** Whether an error is Neo4j stopping a transaction at its timeout. */
export function isTransactionTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return true;
    e =
      (e as { originalError?: unknown; cause?: unknown }).originalError ??
      (e as { cause?: unknown }).cause;
  }
  return false;
}
