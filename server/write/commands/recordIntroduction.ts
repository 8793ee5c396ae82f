/**
 * `recordIntroduction` (SPEC §4.3, §5) as a write request: an Introduction with FROM, TO and
 * (optionally) VIA, and for status `made` the KNOWS tie between the two persons (created only
 * if they have none: `source: introduction`, `context` saying it came from an introduction —
 * never the note, which stays on the Introduction where analysts cannot read it).
 *
 * Retries are idempotent. Every call has a request key: the caller's `idempotencyKey` (per
 * account), or else one derived from the call itself (account, persons, broker, status, note).
 * Inside the write transaction, after locking the parties, the write looks for an introduction
 * recorded under that key — for a derived key one recorded in the last RETRY_WINDOW_HOURS and
 * still in that status — and if there is one, writes nothing and answers it. Two identical
 * calls at once wait for each other on the locks, so they cannot both miss it.
 *
 * The answer is built inside the transaction, before the commit, from what it read and wrote:
 * the introduction's own fields and the id and display name of each party (the resolver admits
 * no other selection, server/graphql/mutations.ts), so it cannot fail after the commit.
 */
import { createHash } from 'node:crypto';
import type { INTRODUCTION_STATUSES } from '../../../common/model';
import type { Actor } from '../../auth/audit';
import { cypher } from '../../db/cypher';
import { plain } from '../../projection/load';
import type { Writer } from '../access';
import type { ChangeSet, Row } from '../changeSet';
import { WriteNotFound, WriteRejected } from '../errors';
import type { LockedNode, TxReads, WriteRequest } from '../index';

export interface RecordIntroductionInput {
  fromId: string;
  toId: string;
  viaId: string | null;
  status: (typeof INTRODUCTION_STATUSES)[number];
  note: string | null;
  /** The caller's key for this request: a retry with the same key answers the same introduction. */
  idempotencyKey: string | null;
}

/** A party of the answer: id and display name (and a person's extra labels). */
export interface PartyAnswer {
  id: string;
  name: string;
  isKeyPerson?: boolean;
  isTalent?: boolean;
  __typename: 'Person' | 'SME';
  /** How @neo4j/graphql tells the member of the IntroductionParty interface. */
  __resolveType: 'Person' | 'SME';
}

/** The answer: the Introduction entity's own fields, its parties as lists (as the entity type has them). */
export interface RecordedIntroduction {
  id: string;
  name: string | null;
  status: string;
  reason: string | null;
  score: number | null;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  from: PartyAnswer[];
  to: PartyAnswer[];
  via: PartyAnswer[];
}

/** How long an identical call (without a key of the caller's) counts as a retry. */
export const RETRY_WINDOW_HOURS = 24;

/** What a KNOWS tie made by an introduction says about where it came from. */
export const INTRODUCTION_CONTEXT = '紹介';

/** The name of a new Introduction: its date and the start of its id, never a person's name. */
export function introductionName(id: string, at: string): string {
  return `紹介 ${at.slice(0, 10)} ${id.slice(0, 8)}`;
}

/** The request key stored on the introduction (a hash: it carries none of the note). */
export function requestKeyOf(input: RecordIntroductionInput, actor: Actor): string {
  const material =
    input.idempotencyKey !== null
      ? ['client', actor.name, input.idempotencyKey]
      : ['call', actor.name, input.fromId, input.toId, input.viaId, input.status, input.note];
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}

export interface StoredIntroduction {
  answer: Omit<RecordedIntroduction, 'from' | 'to' | 'via'>;
  fromId: string | null;
  toId: string | null;
  viaId: string | null;
}

export interface RecordState {
  parties: Map<string, LockedNode>;
  /** The introduction a retry of this request recorded, if any. */
  existing: StoredIntroduction | null;
}

const DECIDED: ReadonlySet<string> = new Set(['accepted', 'made', 'declined']);

function kindOf(node: LockedNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.labels.includes('Person')) return 'Person';
  if (node.labels.includes('SME')) return 'SME';
  return node.labels.find((l) => l !== 'Entity') ?? 'node';
}

function party(node: LockedNode): PartyAnswer {
  const type = kindOf(node) as 'Person' | 'SME';
  return {
    id: node.id,
    name: String(plain(node.props.name) ?? node.id),
    ...(type === 'Person'
      ? { isKeyPerson: node.labels.includes('KeyPerson'), isTalent: node.labels.includes('Talent') }
      : {}),
    __typename: type,
    __resolveType: type,
  };
}

/** Said of a call as a whole: the message names the argument. */
export function rejectedCall(message: string): WriteRejected {
  return new WriteRejected([{ field: '', message }]);
}

/** Why an introduction to an SME cannot be made (the tie joins two persons). */
export const MADE_NEEDS_PERSON =
  'An introduction is made between two persons: give the id of the SME contact as toId.';

/** The parties must be a person (FROM, VIA) and a person or an SME (TO); `made` is between persons. */
function checkParties(input: RecordIntroductionInput, parties: Map<string, LockedNode>): void {
  const rejected = rejectedCall;
  const fromKind = kindOf(parties.get(input.fromId));
  if (fromKind !== 'Person') {
    throw fromKind === undefined
      ? new WriteNotFound(`No person with id ${input.fromId} (fromId)`)
      : rejected(`fromId ${input.fromId} is a ${fromKind}, not a person`);
  }
  const toKind = kindOf(parties.get(input.toId));
  if (toKind !== 'Person' && toKind !== 'SME') {
    throw toKind === undefined
      ? new WriteNotFound(`No person or SME with id ${input.toId} (toId)`)
      : rejected(`toId ${input.toId} is a ${toKind}, not a person or an SME`);
  }
  if (input.viaId !== null) {
    const viaKind = kindOf(parties.get(input.viaId));
    if (viaKind !== 'Person') {
      throw viaKind === undefined
        ? new WriteNotFound(`No person with id ${input.viaId} (viaId)`)
        : rejected(`viaId ${input.viaId} is a ${viaKind}, not a person`);
    }
  }
  if (input.status === 'made' && toKind === 'SME') {
    throw rejected(MADE_NEEDS_PERSON);
  }
}

/**
 * Whether the introduction found under the request key is this call's (a retry): it must have
 * the same parties, status and note. A derived key that finds another (its parties since
 * deleted) is simply not a retry; the caller's key used for another introduction is an error.
 */
export function isRetry(
  input: RecordIntroductionInput,
  old: StoredIntroduction | null,
): old is StoredIntroduction {
  if (!old) return false;
  const same =
    old.fromId === input.fromId &&
    old.toId === input.toId &&
    old.viaId === input.viaId &&
    old.answer.status === input.status &&
    old.answer.reason === input.note;
  if (same || input.idempotencyKey === null) return same;
  throw new WriteRejected([
    {
      field: 'idempotencyKey',
      message:
        'was used for another introduction (other persons, status or note): give a new key for a new introduction',
    },
  ]);
}

/** The change set of a new introduction (`id` fresh), or none when a retry recorded it already. */
export function introductionChanges(
  input: RecordIntroductionInput,
  state: RecordState,
  id: string,
  requestKey: string,
  now: string,
  /** Who records it (the account's username), kept on the introduction for its log. */
  recordedBy: string,
): ChangeSet {
  checkParties(input, state.parties);
  if (isRetry(input, state.existing)) return {};
  const parties = (type: string, to: string | null) =>
    to === null ? {} : { [type]: [{ from: id, to }] };
  return {
    nodes: {
      Introduction: [
        {
          id,
          name: introductionName(id, now),
          status: input.status,
          ...(input.note !== null ? { reason: input.note } : {}),
          ...(DECIDED.has(input.status) ? { decidedAt: now } : {}),
        },
      ],
    },
    relationships: {
      ...parties('FROM', input.fromId),
      ...parties('TO', input.toId),
      ...parties('VIA', input.viaId),
    },
    ...(input.status === 'made'
      ? { ensure: { KNOWS: [madeTie(input.fromId, input.toId, now)] } }
      : {}),
    serverFields: new Map([[id, { requestKey, recordedBy }]]),
  };
}

/**
 * The KNOWS tie a made introduction creates between its two persons when they have none (the
 * write path's `ensure`: an existing tie is kept as it is).
 */
export function madeTie(fromId: string, toId: string, now: string): Row {
  return {
    from: fromId,
    to: toId,
    strength: 1,
    source: 'introduction',
    since: now.slice(0, 10),
    context: INTRODUCTION_CONTEXT,
  };
}

async function readState(
  tx: TxReads,
  input: RecordIntroductionInput,
  requestKey: string,
  now: string,
): Promise<RecordState> {
  const ids = [input.fromId, input.toId, ...(input.viaId !== null ? [input.viaId] : [])];
  const parties = await tx.lock(ids);
  const derived = input.idempotencyKey === null;
  const since = derived
    ? new Date(Date.parse(now) - RETRY_WINDOW_HOURS * 3_600_000).toISOString()
    : null;
  const [row] = await tx.read(cypher('introduction-find'), {
    key: requestKey,
    since,
    status: derived ? input.status : null,
  });
  const text = (k: string) => (plain(row?.get(k)) as string | null | undefined) ?? null;
  const existing: StoredIntroduction | null = row
    ? {
        answer: {
          id: text('id')!,
          name: text('name'),
          status: text('status')!,
          reason: text('reason'),
          score: (plain(row.get('score')) as number | null | undefined) ?? null,
          createdAt: text('createdAt')!,
          updatedAt: text('updatedAt')!,
          decidedAt: text('decidedAt'),
        },
        fromId: text('fromId'),
        toId: text('toId'),
        viaId: text('viaId'),
      }
    : null;
  return { parties, existing };
}

/**
 * The write request of one recordIntroduction call. `newId` is the id a new introduction gets
 * (a UUID; unused when a retry finds the first).
 */
export function recordIntroductionRequest(
  input: RecordIntroductionInput,
  writer: Writer,
  newId: string,
): WriteRequest<RecordState, RecordedIntroduction> {
  const requestKey = requestKeyOf(input, writer.actor);
  return {
    writer,
    read: (tx, now) => readState(tx, input, requestKey, now),
    build: (state, now) =>
      introductionChanges(input, state, newId, requestKey, now, writer.actor.name),
    audit: () => ({
      action: 'introduction.record',
      target: newId,
      detail: {
        fromId: input.fromId,
        toId: input.toId,
        viaId: input.viaId,
        status: input.status,
      },
    }),
    respond: (result, state) => {
      const of = (id: string | null) =>
        id === null || !state.parties.has(id) ? [] : [party(state.parties.get(id)!)];
      const answer = (isRetry(input, state.existing) ? state.existing.answer : null) ?? {
        id: newId,
        name: introductionName(newId, result.at),
        status: input.status,
        reason: input.note,
        score: null,
        createdAt: result.at,
        updatedAt: result.at,
        decidedAt: DECIDED.has(input.status) ? result.at : null,
      };
      return { ...answer, from: of(input.fromId), to: of(input.toId), via: of(input.viaId) };
    },
  };
}
