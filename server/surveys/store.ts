/**
 * Survey waves in Neo4j (cypher/survey-*.cypher): `:SurveyWave` and one `:SurveyRespondent` per
 * person on its roster (-[:IN_WAVE]->), neither with `:Entity`, so the analytics, the entity
 * API and imports never see them — like accounts and the audit log. A respondent holds their
 * status, the id of their current link, their saved draft and their submitted answer (JSON
 * text: the coordinator reads only the status; nobody else reads the answers).
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { RespondentStatus, WaveState, WaveView } from '../../common/surveys';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { plain } from '../projection/load';

export interface RespondentRecord {
  personId: string;
  /** null when the person has since been deleted. */
  name: string | null;
  nameKana: string | null;
  /** Whether the person has an e-mail address (the address itself is read only to send). */
  hasEmail: boolean;
  /** Whether the person consented to share their contact data with the dept's coordinators. */
  contactShared: boolean;
  status: RespondentStatus;
  /** The current link's id; null = no link (not issued yet, or revoked). */
  tokenId: string | null;
  tokenIat: number | null;
  tokenExp: number | null;
  revokedAt: string | null;
  startedAt: string | null;
  savedAt: string | null;
  submittedAt: string | null;
  /** The saved draft and the submitted answer (JSON text of common/surveys.ts SurveyAnswer). */
  draft: string | null;
  answers: string | null;
}

/** A wave as stored: the fields of its view (common/surveys.ts) without the counts, with its respondents. */
export interface WaveRecord extends Omit<
  WaveView,
  | 'rosterSize'
  | 'submitted'
  | 'started'
  | 'notStarted'
  | 'responseRate'
  | 'respondents'
  | 'mailConfigured'
> {
  createdBy: string;
  updatedAt: string;
  respondents: RespondentRecord[];
}

type Row = Record<string, unknown>;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(plain(v));

function respondentOf(r: Row): RespondentRecord {
  return {
    personId: String(r.personId),
    name: text(r.name),
    nameKana: text(r.nameKana),
    hasEmail: r.hasEmail === true,
    contactShared: r.contactShared === true,
    status: (text(r.status) ?? 'not_started') as RespondentStatus,
    tokenId: text(r.tokenId),
    tokenIat: num(r.tokenIat),
    tokenExp: num(r.tokenExp),
    revokedAt: text(r.revokedAt),
    startedAt: text(r.startedAt),
    savedAt: text(r.savedAt),
    submittedAt: text(r.submittedAt),
    draft: text(r.draft),
    answers: text(r.answers),
  };
}

export function waveOf(w: Row, respondents: Row[]): WaveRecord {
  return {
    id: String(w.id),
    deptId: String(w.deptId),
    deptName: text(w.deptName),
    name: String(w.name),
    endDate: String(w.endDate),
    consentText: String(w.consentText ?? ''),
    state: String(w.state) as WaveState,
    createdAt: String(w.createdAt),
    createdBy: String(w.createdBy ?? ''),
    updatedAt: String(w.updatedAt),
    openedAt: text(w.openedAt),
    closedAt: text(w.closedAt),
    respondents: respondents.map(respondentOf),
  };
}

type Runner = Pick<ManagedTransaction, 'run'>;

/** One wave with its roster (in a transaction, or on its own), or null. */
export async function readWave(run: Runner | Database, id: string): Promise<WaveRecord | null> {
  const records =
    'driver' in run
      ? (
          await run.driver.executeQuery(
            cypher('survey-wave-get'),
            { id },
            { database: run.database, routing: neo4j.routing.READ },
          )
        ).records
      : (await run.run(cypher('survey-wave-get'), { id })).records;
  const r = records[0];
  return r ? waveOf(r.get('wave') as Row, r.get('respondents') as Row[]) : null;
}

/** The waves of some depts (null = all), newest first. */
export async function listWaves(db: Database, deptIds: string[] | null): Promise<WaveRecord[]> {
  const res = await db.driver.executeQuery(
    cypher('survey-wave-list'),
    { deptIds },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return res.records.map((r) => waveOf(r.get('wave') as Row, r.get('respondents') as Row[]));
}

/** A dept and the regions it covers, or null. */
export async function readDept(
  db: Database,
  deptId: string,
): Promise<{ id: string; name: string; regionIds: string[] } | null> {
  const res = await db.driver.executeQuery(
    cypher('survey-dept-regions'),
    { deptId },
    { database: db.database, routing: neo4j.routing.READ },
  );
  const r = res.records[0];
  if (!r) return null;
  return {
    id: r.get('id') as string,
    name: r.get('name') as string,
    regionIds: r.get('regionIds') as string[],
  };
}

/** A link as stored (null tokenId: revoked). */
export interface LinkRow {
  personId: string;
  tokenId: string | null;
  tokenIat: number | null;
  tokenExp: number | null;
}

/** Sets the links of respondents (a null tokenId revokes). */
export const setLinks = (tx: Runner, waveId: string, rows: LinkRow[], now: string) =>
  linkRows(tx, 'survey-links-set', waveId, rows, now);

/** Puts persons on a roster, with their links (null for a draft). */
export const addRespondents = (tx: Runner, waveId: string, rows: LinkRow[], now: string) =>
  linkRows(tx, 'survey-roster-add', waveId, rows, now);

async function linkRows(
  tx: Runner,
  statement: string,
  waveId: string,
  rows: LinkRow[],
  now: string,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(cypher(statement), { waveId, rows: rows.map(intRow), now });
}

function intRow(r: LinkRow) {
  return {
    ...r,
    tokenIat: r.tokenIat === null ? null : neo4j.int(r.tokenIat),
    tokenExp: r.tokenExp === null ? null : neo4j.int(r.tokenExp),
  };
}

export async function removeRespondents(
  tx: Runner,
  waveId: string,
  personIds: string[],
): Promise<void> {
  if (personIds.length === 0) return;
  await tx.run(cypher('survey-roster-remove'), { waveId, personIds });
}

/** Locks a wave in the write transaction; its state and dept, or null when there is none. */
export async function lockWave(
  tx: Runner,
  id: string,
): Promise<{ state: WaveState; deptId: string } | null> {
  const r = (await tx.run(cypher('survey-wave-lock'), { id })).records[0];
  return r ? { state: r.get('state') as WaveState, deptId: r.get('deptId') as string } : null;
}
