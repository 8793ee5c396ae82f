/**
 * A recorded introduction as cypher/introduction-get.cypher and introduction-log.cypher read it
 * (the same columns): its own fields, who recorded it, and each party (FROM, TO, VIA) with the
 * fields a viewer's presentation needs (server/graphql/introductionLog.ts). Pure.
 */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { IntroductionStatus } from '../../../common/introductions';
import { plain } from '../../projection/load';

export interface StoredParty {
  id: string;
  kind: 'Person' | 'SME';
  name: string;
  consentPublicProfile: boolean;
}

export interface StoredIntroductionRow {
  id: string;
  status: IntroductionStatus;
  note: string | null;
  name: string | null;
  createdAt: string;
  updatedAt: string | null;
  decidedAt: string | null;
  /** The username of who recorded it (null: recorded before it was kept, or by an import). */
  recordedBy: string | null;
  /** That account's display name, when the account still exists. */
  recordedByName: string | null;
  from: StoredParty | null;
  to: StoredParty | null;
  via: StoredParty | null;
}

function partyOf(value: unknown): StoredParty | null {
  const p = plain(value) as Record<string, unknown> | null | undefined;
  if (!p || typeof p.id !== 'string') return null;
  const labels = (p.labels as string[] | undefined) ?? [];
  return {
    id: p.id,
    kind: labels.includes('SME') ? 'SME' : 'Person',
    name: String(p.name ?? p.id),
    consentPublicProfile: p.consentPublicProfile === true,
  };
}

export function readIntroductionRow(r: Neo4jRecord): StoredIntroductionRow {
  const text = (k: string) => (plain(r.get(k)) as string | null | undefined) ?? null;
  return {
    id: text('id')!,
    status: text('status') as IntroductionStatus,
    note: text('note'),
    name: text('name'),
    createdAt: text('createdAt') ?? '',
    updatedAt: text('updatedAt'),
    decidedAt: text('decidedAt'),
    recordedBy: text('recordedBy'),
    recordedByName: text('recordedByName'),
    from: partyOf(r.get('fromParty')),
    to: partyOf(r.get('toParty')),
    via: partyOf(r.get('viaParty')),
  };
}
