/**
 * A respondent's submitted answer as a change of the network (pure; docs/surveys.md):
 *
 * - **ties**: for every person B the respondent A named now or before, or who named A in their
 *   own submitted answer of the same wave, the KNOWS tie A–B is what the two answers say:
 *   named by both → `confirmed: true` with the **lower** of the two strengths (each side
 *   vouches for at least that much; the higher claim is the one the other did not confirm);
 *   named by one → `confirmed: false` with that one's strength; named by neither any more → the
 *   tie this wave made is deleted. Every such tie has `source: survey` and the wave's id; it
 *   gets `since` = the day it was first recorded. A tie that came from elsewhere (seed, manual
 *   entry, an introduction, an event) or from an earlier wave is left as it is: a survey answer
 *   never overwrites what a coordinator recorded, and not naming someone is no proof that a tie
 *   ended.
 * - **the person**: a self-declared key person gets `:KeyPerson` (a "no" never takes away what
 *   a coordinator set); 想い・スキル・ネットワーク (0–5) and the two consents are stored as given.
 *
 * A's answer replaces A's earlier answer of the same wave: the ties are recomputed from the new
 * answer, so a name A took back loses what only A's answer held up.
 */
import type { SurveyAnswer } from '../../common/surveys';
import type { ChangeSet, FieldText, RelationshipKey, Row } from '../write/changeSet';

/** A stored KNOWS tie between the respondent and another person. */
export interface ExistingTie {
  other: string;
  props: Record<string, unknown>;
}

export interface AnswerState {
  waveId: string;
  personId: string;
  /** The respondent's earlier submitted answer of this wave, if any. */
  previous: SurveyAnswer | null;
  /** The other respondents' submitted answers of this wave, by person id. */
  others: ReadonlyMap<string, SurveyAnswer>;
  /** The respondent's stored KNOWS ties, by the other person's id. */
  ties: ReadonlyMap<string, ExistingTie>;
}

/** What the change does to each pair, for the respondent's receipt and the tests. */
export interface PairOutcome {
  other: string;
  outcome: 'confirmed' | 'unconfirmed' | 'removed' | 'kept';
  strength: number | null;
}

function strengthFor(answer: SurveyAnswer | null | undefined, personId: string): number | null {
  return answer?.knows.find((k) => k.personId === personId)?.strength ?? null;
}

/** Whether a stored tie is one this wave's answers made (and may change). */
function ofThisWave(tie: ExistingTie | undefined, waveId: string): boolean {
  return tie !== undefined && tie.props.source === 'survey' && tie.props.waveId === waveId;
}

export function answerChanges(
  answer: SurveyAnswer,
  state: AnswerState,
  now: string,
): { changes: ChangeSet; pairs: PairOutcome[] } {
  const me = state.personId;
  const others = new Set<string>();
  for (const k of answer.knows) others.add(k.personId);
  for (const k of state.previous?.knows ?? []) others.add(k.personId);
  for (const [id, a] of state.others) if (strengthFor(a, me) !== null) others.add(id);
  others.delete(me);

  const rows: Row[] = [];
  const deletions: RelationshipKey[] = [];
  const pairs: PairOutcome[] = [];
  for (const other of [...others].sort()) {
    const mine = strengthFor(answer, other);
    const theirs = strengthFor(state.others.get(other), me);
    const tie = state.ties.get(other);
    if (tie !== undefined && !ofThisWave(tie, state.waveId)) {
      pairs.push({ other, outcome: 'kept', strength: Number(tie.props.strength ?? 1) });
      continue;
    }
    if (mine === null && theirs === null) {
      if (tie !== undefined) {
        deletions.push({ type: 'KNOWS', from: me, to: other });
        pairs.push({ other, outcome: 'removed', strength: null });
      }
      continue;
    }
    const confirmed = mine !== null && theirs !== null;
    const strength = confirmed ? Math.min(mine, theirs) : (mine ?? theirs)!;
    const since = typeof tie?.props.since === 'string' ? tie.props.since : now.slice(0, 10);
    rows.push({
      from: me,
      to: other,
      strength,
      since,
      source: 'survey',
      waveId: state.waveId,
      confirmed,
    });
    pairs.push({ other, outcome: confirmed ? 'confirmed' : 'unconfirmed', strength });
  }

  const fields: FieldText[] = [
    { name: 'consentShareContact', value: String(answer.shareContact) },
    { name: 'consentPublicProfile', value: String(answer.publicProfile) },
  ];
  for (const key of ['mind', 'skill', 'network'] as const) {
    const v = answer[key];
    if (v !== null) fields.push({ name: key, value: String(v) });
  }
  if (answer.keyPerson === true) fields.push({ name: 'isKeyPerson', value: 'true' });

  return {
    changes: {
      relationships: rows.length > 0 ? { KNOWS: rows } : {},
      deleteRelationships: deletions,
      patches: [{ id: me, fields }],
    },
    pairs,
  };
}
