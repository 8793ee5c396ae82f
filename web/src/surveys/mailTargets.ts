/**
 * Whom 「メールで送る」 sends to (pure; MailSend.tsx): the respondents a mail of the kind is for
 * (common/surveyMail.ts mailedStatuses) with a live link, split by whether the server can
 * reach them (an address the coordinator may use). The server decides again per person.
 */
import { mailedStatuses, type SurveyMailKind } from '../../../common/surveyMail';
import type { Wave, WaveRespondent } from './queries';

export interface MailTargets {
  /** Those the mail goes to. */
  send: WaveRespondent[];
  /** Those it is for but who have no usable address. */
  without: WaveRespondent[];
}

export function mailTargets(wave: Pick<Wave, 'respondents'>, kind: SurveyMailKind): MailTargets {
  const statuses = new Set(mailedStatuses(kind));
  const meant = wave.respondents.filter((r) => statuses.has(r.status) && r.linkPath !== null);
  return { send: meant.filter((r) => r.hasEmail), without: meant.filter((r) => !r.hasEmail) };
}

/** The names of a report's failed and skipped persons, for the summary (sent ones left out). */
export function notReached(
  results: ReadonlyArray<{ name: string | null; personId: string; outcome: string }>,
): string[] {
  return results.filter((r) => r.outcome !== 'sent').map((r) => r.name ?? r.personId);
}
