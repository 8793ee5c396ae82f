/**
 * `recordFollowUp(talentId, smeId, date, note, whoId)`: a follow-up meeting with a matched
 * talent (SPEC §10), as a write request in one transaction: an Event of kind `follow_up` on
 * that date (the note on it, where analysts cannot read it; its name only the date, never a
 * person's), the talent and the person who followed up (`whoId`, optional) ATTENDED it, the
 * SME PARTICIPATED, and the engagement's `lastFollowUpAt` moved to the date (never back to an
 * earlier one) — which closes its 「フォローアップの遅れ」 gap. The talent must be engaged with
 * the SME (ENGAGED_WITH); a date in the future is refused.
 */
import { cypher } from '../../db/cypher';
import { plain } from '../../projection/load';
import type { Writer } from '../access';
import type { ChangeSet, Row } from '../changeSet';
import { WriteNotFound, WriteRejected } from '../errors';
import type { TxReads, WriteRequest } from '../index';

export interface RecordFollowUpInput {
  talentId: string;
  smeId: string;
  /** YYYY-MM-DD */
  date: string;
  note: string | null;
  /** The person who followed up (a coordinator), if recorded. */
  whoId: string | null;
}

export interface FollowUpState {
  status: string;
  lastFollowUpAt: string | null;
}

/** What recordFollowUp answers (SDL type RecordedFollowUp). */
export interface RecordedFollowUp {
  eventId: string;
  talentId: string;
  smeId: string;
  date: string;
  /** The engagement's lastFollowUpAt after the write. */
  lastFollowUpAt: string;
  graphVersion: number;
}

export function followUpName(date: string): string {
  return `フォローアップ ${date}`;
}

/** The later of the stored last follow-up and this one's date (it never moves back). */
function laterOf(stored: string | null, date: string): string {
  return stored !== null && stored > date ? stored : date;
}

export function followUpChanges(
  input: RecordFollowUpInput,
  state: FollowUpState,
  eventId: string,
  now: string,
): ChangeSet {
  if (input.date > now.slice(0, 10))
    throw new WriteRejected([
      { field: 'date', message: `must not be in the future (today is ${now.slice(0, 10)})` },
    ]);
  const last = laterOf(state.lastFollowUpAt, input.date);
  const event: Row = {
    id: eventId,
    name: followUpName(input.date),
    kind: 'follow_up',
    date: input.date,
    ...(input.note !== null ? { note: input.note } : {}),
  };
  return {
    nodes: { Event: [event] },
    relationships: {
      ENGAGED_WITH: [
        { from: input.talentId, to: input.smeId, status: state.status, lastFollowUpAt: last },
      ],
      ATTENDED: [
        { from: input.talentId, to: eventId },
        ...(input.whoId !== null ? [{ from: input.whoId, to: eventId }] : []),
      ],
      PARTICIPATED: [{ from: input.smeId, to: eventId }],
    },
  };
}

async function readState(tx: TxReads, input: RecordFollowUpInput): Promise<FollowUpState> {
  const ids = [input.talentId, input.smeId, ...(input.whoId !== null ? [input.whoId] : [])];
  const locked = await tx.lock(ids);
  if (!locked.has(input.talentId))
    throw new WriteNotFound(`No person with id ${input.talentId} (talentId)`);
  if (!locked.has(input.smeId)) throw new WriteNotFound(`No SME with id ${input.smeId} (smeId)`);
  if (input.whoId !== null && !locked.has(input.whoId))
    throw new WriteNotFound(`No person with id ${input.whoId} (whoId)`);
  const [row] = await tx.read(cypher('engagement-find'), {
    talentId: input.talentId,
    smeId: input.smeId,
  });
  if (!row)
    throw new WriteRejected([
      {
        field: 'smeId',
        message: `${input.talentId} is not engaged with ${input.smeId} (no ENGAGED_WITH): record the engagement first / まずマッチング（関与）を登録してください`,
      },
    ]);
  return {
    status: String(plain(row.get('status'))),
    lastFollowUpAt: (plain(row.get('lastFollowUpAt')) as string | null) ?? null,
  };
}

export function recordFollowUpRequest(
  input: RecordFollowUpInput,
  writer: Writer,
  eventId: string,
): WriteRequest<FollowUpState, RecordedFollowUp> {
  return {
    writer,
    read: (tx) => readState(tx, input),
    build: (state, now) => followUpChanges(input, state, eventId, now),
    audit: () => ({
      action: 'followup.record',
      target: eventId,
      detail: {
        talentId: input.talentId,
        smeId: input.smeId,
        date: input.date,
        whoId: input.whoId,
      },
    }),
    respond: (r, state) => ({
      eventId,
      talentId: input.talentId,
      smeId: input.smeId,
      date: input.date,
      lastFollowUpAt: laterOf(state.lastFollowUpAt, input.date),
      graphVersion: r.graphVersion,
    }),
  };
}
