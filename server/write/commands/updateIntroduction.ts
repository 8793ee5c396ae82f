/**
 * `updateIntroduction(id, status, note)`: a recorded introduction moved on or annotated, from
 * the introductions log (SPEC §10), as a write request in one transaction. The moves allowed
 * are those of common/introductions.ts (any other is refused, naming the ones allowed, and
 * nothing is written). Moving to a decision sets decidedAt to now; back to suggested removes
 * it. Moving to `made` creates the KNOWS tie as recordIntroduction does (when the two have
 * none); moving a made introduction back to accepted removes the tie it created — only when
 * its source is `introduction` and no other made introduction of the pair remains. The note
 * given replaces the stored one (null keeps it, '' removes it), stored as typed; analysts
 * never read it.
 *
 * The introduction is read before anything is judged, and for a writer limited to some
 * regions found readable first (so a refused move never tells a stranger its status); the
 * write path then checks the regions again as for every write (an introduction is the
 * writer's when its parties are).
 */
import {
  DECIDED_STATUSES,
  INTRODUCTION_MOVES,
  mayMove,
  type IntroductionStatus,
} from '../../../common/introductions';
import { cypher } from '../../db/cypher';
import { assertMayRead, type Writer } from '../access';
import type { ChangeSet, Row } from '../changeSet';
import { WriteNotFound, WriteRejected } from '../errors';
import type { TxReads, WriteRequest } from '../index';
import { readNodeRegions } from '../regions';
import { readIntroductionRow, type StoredIntroductionRow } from './introductionRecord';
import { madeTie, MADE_NEEDS_PERSON } from './recordIntroduction';

export interface UpdateIntroductionInput {
  id: string;
  /** The status to move to (null: as it is). */
  status: IntroductionStatus | null;
  /** The note as it should read (null: as it is; '' removes it). */
  note: string | null;
}

export interface UpdateIntroductionState {
  stored: StoredIntroductionRow;
  /** For a move away from made: where the pair's KNOWS tie came from, and other made introductions. */
  tie: { source: string | null; otherMade: number } | null;
}

/** What updateIntroduction answers (SDL type UpdatedIntroduction). */
export interface UpdatedIntroduction {
  introduction: StoredIntroductionRow;
  /** The fields whose stored value changed: status, note. */
  changed: string[];
  tieCreated: boolean;
  tieRemoved: boolean;
  graphVersion: number;
}

const STATUS_JA: Record<IntroductionStatus, string> = {
  suggested: '提案',
  accepted: '承諾',
  made: '紹介済み',
  declined: '見送り',
};

/** The refusal of a move common/introductions.ts does not allow, naming what is allowed. */
export function refusedMove(from: IntroductionStatus, to: IntroductionStatus): WriteRejected {
  const allowed = INTRODUCTION_MOVES[from];
  const why =
    from === 'made'
      ? 'a made introduction can only be corrected back to accepted (the meeting took place)'
      : from === 'declined' && to === 'made'
        ? 'undo the decline first (to suggested or accepted), then record it as made'
        : `from ${from} it may move to ${allowed.join(', ')}`;
  return new WriteRejected([
    {
      field: 'status',
      message: `cannot move from ${from} to ${to}: ${why} / 「${STATUS_JA[from]}」から「${STATUS_JA[to]}」には変更できません（変更できるのは ${allowed.map((s) => `「${STATUS_JA[s]}」`).join('・')}）`,
    },
  ]);
}

/** Whether the move removes the pair's KNOWS tie (see the file comment). */
export function removesTie(state: UpdateIntroductionState, to: IntroductionStatus): boolean {
  return (
    state.stored.status === 'made' &&
    to !== 'made' &&
    state.tie !== null &&
    state.tie.source === 'introduction' &&
    state.tie.otherMade === 0
  );
}

/** Whether the move creates the pair's KNOWS tie (made, and the two have none). */
function createsTie(state: UpdateIntroductionState, to: IntroductionStatus): boolean {
  return state.stored.status !== 'made' && to === 'made' && state.tie?.source == null;
}

/** The change set of one update (pure): the introduction's row, and the tie made or removed. */
export function updateIntroductionChanges(
  input: UpdateIntroductionInput,
  state: UpdateIntroductionState,
  now: string,
): ChangeSet {
  const { stored } = state;
  const to = input.status ?? stored.status;
  if (!mayMove(stored.status, to)) throw refusedMove(stored.status, to);
  if (to === 'made' && stored.status !== 'made') {
    if (!stored.from || !stored.to)
      throw new WriteRejected([
        {
          field: 'status',
          message:
            'a party of this introduction was deleted: it cannot be made / 紹介の相手が削除されています',
        },
      ]);
    if (stored.to.kind !== 'Person')
      throw new WriteRejected([{ field: 'status', message: MADE_NEEDS_PERSON }]);
  }
  const row: Row = { id: stored.id, status: to };
  if (to !== stored.status) row.decidedAt = DECIDED_STATUSES.has(to) ? now : null;
  if (input.note !== null) row.reason = input.note === '' ? null : input.note;
  const changes: ChangeSet = { nodes: { Introduction: [row] } };
  if (to === 'made' && stored.status !== 'made')
    changes.ensure = { KNOWS: [madeTie(stored.from!.id, stored.to!.id, now)] };
  if (removesTie(state, to))
    changes.deleteRelationships = [{ type: 'KNOWS', from: stored.from!.id, to: stored.to!.id }];
  return changes;
}

async function readState(
  tx: TxReads,
  input: UpdateIntroductionInput,
  writer: Writer,
): Promise<UpdateIntroductionState> {
  const found = await tx.read(cypher('introduction-get'), { id: input.id });
  if (!found[0]) throw new WriteNotFound(`No introduction with id ${input.id}`);
  if (writer.regionIds !== null)
    assertMayRead(writer, [input.id], await readNodeRegions(tx.read, [input.id]));
  const first = readIntroductionRow(found[0]);
  // Lock it and its parties (in id order, as every write), then read it again under the lock.
  const parties = [first.from, first.to, first.via].flatMap((p) => (p ? [p.id] : []));
  await tx.lock([input.id, ...parties]);
  const [row] = await tx.read(cypher('introduction-get'), { id: input.id });
  if (!row) throw new WriteNotFound(`No introduction with id ${input.id}`);
  const stored = readIntroductionRow(row);
  let tie: UpdateIntroductionState['tie'] = null;
  if (stored.from && stored.to) {
    const [t] = await tx.read(cypher('introduction-tie'), {
      id: stored.id,
      fromId: stored.from.id,
      toId: stored.to.id,
    });
    if (t)
      tie = {
        source: (t.get('source') as string | null) ?? null,
        otherMade: Number(t.get('otherMade') ?? 0),
      };
  }
  return { stored, tie };
}

export function updateIntroductionRequest(
  input: UpdateIntroductionInput,
  writer: Writer,
): WriteRequest<UpdateIntroductionState, UpdatedIntroduction> {
  return {
    writer,
    read: (tx) => readState(tx, input, writer),
    build: (state, now) => updateIntroductionChanges(input, state, now),
    audit: (_r, state) => ({
      action: 'introduction.update',
      target: input.id,
      // What moved, never the note's text.
      detail: {
        from: state.stored.status,
        to: input.status ?? state.stored.status,
        note: input.note !== null,
      },
    }),
    respond: (r, state) => {
      const { stored } = state;
      const to = input.status ?? stored.status;
      const note = input.note === null ? stored.note : input.note === '' ? null : input.note;
      const changed = [
        ...(to !== stored.status ? ['status'] : []),
        ...(note !== stored.note ? ['note'] : []),
      ];
      return {
        introduction: {
          ...stored,
          status: to,
          note,
          decidedAt:
            to === stored.status ? stored.decidedAt : DECIDED_STATUSES.has(to) ? r.at : null,
          updatedAt: r.wrote ? r.at : stored.updatedAt,
        },
        changed,
        tieCreated: createsTie(state, to) && (r.created.KNOWS ?? 0) > 0,
        tieRemoved: removesTie(state, to) && (r.deleted.KNOWS ?? 0) > 0,
        graphVersion: r.graphVersion,
      };
    },
  };
}
