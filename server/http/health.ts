/**
 * `/healthz` for monitors and operators. Anyone gets the status only — `ok`, `degraded` (APOC
 * is missing) or `unavailable` (503: Neo4j does not answer) — so an unauthenticated caller
 * learns nothing about the data or where the database is. A signed-in admin (bearer token or
 * session) also gets the detail: the Neo4j URI, missing APOC procedures, the graph version and
 * the node counts by label.
 */
import type { Request, RequestHandler, Response } from 'express';
import { authenticate, viewerOf } from '../auth/http';
import type { AuthService } from '../auth/service';
import type { Database } from '../db/driver';
import { countsByLabel, graphVersion, missingApoc } from '../db/schema';
import { log } from '../log';

/** /healthz answers within this even when Neo4j hangs (the driver gives up later). */
const HEALTH_TIMEOUT_MS = 2_000;

class TimeoutError extends Error {
  readonly code = 'ServiceUnavailable';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer from Neo4j within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function healthHandler(db: Database, auth: AuthService): RequestHandler {
  const who = authenticate(auth);
  const answer = async (res: Response) => {
    const admin = viewerOf(res)?.role === 'admin';
    try {
      if (!admin) {
        const apocMissing = await withTimeout(missingApoc(db), HEALTH_TIMEOUT_MS);
        res.json({ status: apocMissing.length === 0 ? 'ok' : 'degraded' });
        return;
      }
      const [counts, version, apocMissing] = await withTimeout(
        Promise.all([countsByLabel(db), graphVersion(db), missingApoc(db)]),
        HEALTH_TIMEOUT_MS,
      );
      res.json({
        status: apocMissing.length === 0 ? 'ok' : 'degraded',
        neo4j: { reachable: true, uri: db.connection.uri, apocMissing },
        graphVersion: version,
        counts,
      });
    } catch (err) {
      log.warn({ err: String(err) }, 'health check: Neo4j unreachable');
      res
        .status(503)
        .json(
          admin
            ? { status: 'unavailable', neo4j: { reachable: false, uri: db.connection.uri } }
            : { status: 'unavailable' },
        );
    }
  };
  // Who asks (for the detail); a credential that cannot be checked (Neo4j away) counts as none.
  return (req: Request, res: Response) => {
    void who(req, res, () => void answer(res));
  };
}
