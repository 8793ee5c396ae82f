/**
 * How a recorded introduction's status may move on (SPEC §10: "status can move on (accepted →
 * made), a decline can be undone"), shared by the server (updateIntroduction refuses any other
 * move) and the web app (which offers only these). The reasons, in docs/graphql.md §5c:
 * - suggested → accepted, made, declined: the decision, as recordIntroduction could record it;
 * - accepted → made, declined, or back to suggested (承諾の取り消し: recorded too early);
 * - declined → suggested or accepted: the decline undone (the pair may be suggested again);
 *   not straight to made — undo the decline first, so a mistaken click cannot create a tie;
 * - made → accepted only: a correction (they have not met yet). The KNOWS tie the introduction
 *   created is removed with it when no other made introduction of the pair and no other source
 *   holds it; a tie that was there before, or came from a survey or a form, stays. A made
 *   introduction is never declined: the meeting happened.
 */
import type { INTRODUCTION_STATUSES } from './model';

export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];

export const INTRODUCTION_MOVES: Readonly<
  Record<IntroductionStatus, readonly IntroductionStatus[]>
> = {
  suggested: ['accepted', 'made', 'declined'],
  accepted: ['made', 'declined', 'suggested'],
  declined: ['suggested', 'accepted'],
  made: ['accepted'],
};

/** Whether an introduction in status `from` may move to `to` (staying where it is: yes). */
export function mayMove(from: IntroductionStatus, to: IntroductionStatus): boolean {
  return from === to || INTRODUCTION_MOVES[from].includes(to);
}

/** Statuses that are a decision (they carry decidedAt). */
export const DECIDED_STATUSES: ReadonlySet<IntroductionStatus> = new Set([
  'accepted',
  'made',
  'declined',
]);

/** A party of a logged introduction, by the name the viewer may see (GraphQL LoggedParty). */
export interface LoggedParty {
  id: string;
  kind: 'Person' | 'SME';
  name: string;
}

/** One entry of the introductions log as the API answers it (GraphQL LoggedIntroduction). */
export interface LoggedIntroduction {
  id: string;
  status: IntroductionStatus;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
  decidedAt: string | null;
  updatedAt: string | null;
  from: LoggedParty | null;
  to: LoggedParty | null;
  via: LoggedParty | null;
  nextStatuses: IntroductionStatus[];
}
