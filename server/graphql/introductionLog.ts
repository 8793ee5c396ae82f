/**
 * The introductions log (紹介の記録, SPEC §10): the recorded introductions of a region, read by
 * cypher/introduction-log.cypher, and each presented for the viewer — pure apart from the read.
 * A region's introductions are those with a party (FROM or TO) in its analytics projection (the
 * map's rule). What a viewer sees follows SPEC §8 as the entity API does:
 * - an analyst: persons without consent to a public profile under their alias, no note, not
 *   who recorded it, dates to the month (docs/privacy.md);
 * - a coordinator or municipality: a party outside their regions under its alias unless it
 *   consented (as talent matches and connection paths show them);
 * - `nextStatuses`: the moves of common/introductions.ts, for a viewer who may write (empty
 *   otherwise).
 */
import neo4j from 'neo4j-driver';
import {
  INTRODUCTION_MOVES,
  type IntroductionStatus,
  type LoggedIntroduction,
  type LoggedParty,
} from '../../common/introductions';
import { canWrite, pseudonymises, type Viewer } from '../../common/roles';
import { personAlias } from '../auth/privacy';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import {
  readIntroductionRow,
  type StoredIntroductionRow,
  type StoredParty,
} from '../write/commands/introductionRecord';

export interface LogQuery {
  /** Person and SME ids of the region (null: every introduction). */
  ids: string[] | null;
  statuses: IntroductionStatus[] | null;
  limit: number;
  offset: number;
}

export async function readIntroductionLog(
  db: Database,
  q: LogQuery,
): Promise<StoredIntroductionRow[]> {
  const res = await db.driver.executeQuery(
    cypher('introduction-log'),
    {
      ids: q.ids,
      statuses: q.statuses,
      limit: neo4j.int(q.limit),
      offset: neo4j.int(q.offset),
    },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map(readIntroductionRow);
}

/** How the viewer may see the parties: whether a node is in their regions. */
export type InRegions = (id: string) => boolean;

function presentParty(
  p: StoredParty | null,
  viewer: Pick<Viewer, 'role'>,
  inRegions: InRegions,
): LoggedParty | null {
  if (!p) return null;
  const hidden =
    p.kind === 'Person' && !p.consentPublicProfile && (pseudonymises(viewer) || !inRegions(p.id));
  return { id: p.id, kind: p.kind, name: hidden ? personAlias(p.id) : p.name };
}

/** One stored entry as the viewer may see it (see the file comment). */
export function presentIntroduction(
  row: StoredIntroductionRow,
  viewer: Pick<Viewer, 'role'>,
  inRegions: InRegions,
): LoggedIntroduction {
  const pseudonymised = pseudonymises(viewer);
  const date = (v: string | null) => (v !== null && pseudonymised ? v.slice(0, 7) : v);
  return {
    id: row.id,
    status: row.status,
    note: pseudonymised ? null : row.note,
    recordedAt: date(row.createdAt)!,
    recordedBy: pseudonymised ? null : (row.recordedByName ?? row.recordedBy),
    decidedAt: date(row.decidedAt),
    updatedAt: date(row.updatedAt),
    from: presentParty(row.from, viewer, inRegions),
    to: presentParty(row.to, viewer, inRegions),
    via: presentParty(row.via, viewer, inRegions),
    nextStatuses: canWrite(viewer) ? [...INTRODUCTION_MOVES[row.status]] : [],
  };
}
