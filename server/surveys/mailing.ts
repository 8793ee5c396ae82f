/**
 * Sending respondents their personal links by e-mail (issue 14 "Tracking"; docs/surveys.md):
 * the invitation or the reminder of common/surveyMail.ts, in Japanese, with each person's
 * current link — the one the tracking page and the mail-merge CSV show (SurveyWaves.wave), so
 * sending never issues, reissues or changes a link.
 *
 * Only when mail is configured (SMTP_URL, SMTP_FROM); only to a coordinator of the wave's dept
 * or an admin; only for an open wave; at most MAX_MAIL_BATCH persons a call and one sending per
 * wave at a time. A coordinator of another dept is told the wave does not exist, as for an
 * unknown id. A coordinator's sending uses only the addresses a coordinator may read (persons
 * who consented to share their contact). Each person is sent, skipped (no usable e-mail
 * address, already submitted, already
 * started for an invitation, no live link, not on the roster) or failed (the SMTP server did
 * not take it). The mails go out before the audit entry is written (never inside a database
 * transaction, which may be retried and would send twice); the entry says who sent what kind
 * to whom, when, through the wave's one change path (SurveyWaves.recordMailing). Neither the
 * links nor the addresses are logged.
 */
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import {
  fullLink,
  mailedStatuses,
  MAX_MAIL_BATCH,
  SURVEY_MAIL_KINDS,
  surveyMailSubject,
  surveyMailText,
  type SurveyMailKind,
} from '../../common/surveyMail';
import { contactAccess, type Viewer } from '../../common/roles';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { log } from '../log';
import { WriteNotFound, WriteRejected } from '../write/errors';
import { MailFailed, type Mailer } from './mail';
import { readWave } from './store';
import { assertRunsWaves, mayRunWaves, stateError, type SurveyWaves } from './waves';

const Id = z.string().trim().min(1).max(200);

export const SendWaveLinksInput = z.object({
  waveId: Id,
  personIds: z
    .array(Id)
    .min(1, 'name at least one respondent')
    .max(MAX_MAIL_BATCH, `at most ${MAX_MAIL_BATCH} respondents a sending`),
  kind: z.enum(SURVEY_MAIL_KINDS),
});
export type SendWaveLinksInput = z.infer<typeof SendWaveLinksInput>;

export type MailOutcome = 'sent' | 'skipped' | 'failed';
export type MailReason =
  'NO_EMAIL' | 'SUBMITTED' | 'STARTED' | 'NO_LINK' | 'NOT_ON_ROSTER' | 'SEND_FAILED';

export interface MailResult {
  personId: string;
  /** The name as the tracking shows it; null for an id that is not on the roster. */
  name: string | null;
  outcome: MailOutcome;
  /** Why it was skipped or failed; null when sent. */
  reason: MailReason | null;
  /** The SMTP server's reply code of a failure, when it gave one. */
  smtpCode: number | null;
}

export interface MailReport {
  kind: SurveyMailKind;
  sent: number;
  skipped: number;
  failed: number;
  results: MailResult[];
}

/** How many messages are handed to the transport at once (its pool has two connections). */
const PARALLEL = 2;

const rejected = (message: string) => new WriteRejected([{ field: '', message }]);

/**
 * The e-mail address of each respondent of a wave that the viewer may use: an admin every
 * recorded one, a coordinator those of persons who consented to share their contact (as the
 * entity API shows them: common/roles.ts contactAccess). null: none the viewer may use — the
 * answer (NO_EMAIL) is the same whether none is recorded or it is withheld.
 */
async function respondentEmails(
  db: Database,
  viewer: Viewer,
  waveId: string,
): Promise<Map<string, string | null>> {
  const access = contactAccess(viewer);
  const res = await db.driver.executeQuery(
    cypher('survey-respondent-emails'),
    { waveId },
    { database: db.database, routing: neo4j.routing.READ },
  );
  return new Map(
    res.records.map((r) => {
      const email = r.get('email') as unknown;
      const usable =
        access === 'all' || (access === 'consented' && r.get('contactShared') === true);
      return [
        r.get('personId') as string,
        usable && typeof email === 'string' && email.trim() !== '' ? email.trim() : null,
      ];
    }),
  );
}

export class SurveyMailing {
  /** Waves with a sending under way (in this process). */
  private readonly sending = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly waves: SurveyWaves,
    /** null: mail is not configured, and nothing is ever sent. */
    private readonly mailer: Mailer | null,
  ) {}

  get configured(): boolean {
    return this.mailer !== null;
  }

  /**
   * Sends the links of an open wave to the chosen respondents. `origin`: the address the links
   * are opened at (PUBLIC_URL, or the address of the coordinator's request).
   */
  async send(viewer: Viewer, raw: unknown, origin: string): Promise<MailReport> {
    const input = SendWaveLinksInput.parse(raw);
    // Roles that run no wave are refused as such; a coordinator of another dept learns nothing.
    if (viewer.role !== 'admin' && viewer.role !== 'coordinator')
      assertRunsWaves(viewer, input.waveId);
    const record = await readWave(this.db, input.waveId);
    if (!record || !mayRunWaves(viewer, record.deptId))
      throw new WriteNotFound(`No survey wave with id ${input.waveId}`);
    if (record.state !== 'open')
      throw stateError(record, 'send links (links exist only while it is open)');
    if (!this.mailer)
      throw rejected(
        'E-mail is not configured on this server (SMTP_URL and SMTP_FROM): copy the texts or use the mail-merge CSV. / このサーバーではメール送信が設定されていません。文面をコピーするか、差し込み印刷用CSVをお使いください。',
      );
    if (this.sending.has(record.id))
      throw rejected(
        'A sending for this wave is still under way: wait for it to finish. / この調査のメールを送信中です。終わるまでお待ちください。',
      );
    this.sending.add(record.id);
    try {
      return await this.sendAll(viewer, input, origin, this.mailer);
    } finally {
      this.sending.delete(record.id);
    }
  }

  private async sendAll(
    viewer: Viewer,
    input: SendWaveLinksInput,
    origin: string,
    mailer: Mailer,
  ): Promise<MailReport> {
    const wave = await this.waves.wave(viewer, input.waveId);
    const emails = await respondentEmails(this.db, viewer, wave.id);
    const byId = new Map(wave.respondents.map((r) => [r.personId, r]));
    const wanted = new Set(mailedStatuses(input.kind));
    const results: MailResult[] = [];
    const toSend: Array<{ result: MailResult; to: string; subject: string; text: string }> = [];
    const subject = surveyMailSubject(input.kind, wave, 'ja');
    for (const personId of new Set(input.personIds)) {
      const r = byId.get(personId);
      const result: MailResult = {
        personId,
        name: r?.name ?? null,
        outcome: 'skipped',
        reason: null,
        smtpCode: null,
      };
      results.push(result);
      const email = emails.get(personId) ?? null;
      if (!r) result.reason = 'NOT_ON_ROSTER';
      else if (r.status === 'submitted') result.reason = 'SUBMITTED';
      else if (!wanted.has(r.status)) result.reason = 'STARTED';
      else if (!r.linkPath) result.reason = 'NO_LINK';
      else if (!email) result.reason = 'NO_EMAIL';
      else {
        const link = fullLink(origin, r.linkPath);
        toSend.push({
          result,
          to: email,
          subject,
          text: surveyMailText(input.kind, wave, r, link, 'ja'),
        });
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < toSend.length) {
        const m = toSend[next++]!;
        try {
          await mailer.send({ to: m.to, subject: m.subject, text: m.text });
          m.result.outcome = 'sent';
        } catch (err) {
          m.result.outcome = 'failed';
          m.result.reason = 'SEND_FAILED';
          m.result.smtpCode = err instanceof MailFailed ? err.responseCode : null;
          log.warn(
            {
              waveId: wave.id,
              personId: m.result.personId,
              code: err instanceof MailFailed ? err.code : 'ESEND',
              smtpCode: m.result.smtpCode,
            },
            'survey link mail not sent',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const count = (o: MailOutcome) => results.filter((r) => r.outcome === o).length;
    const report: MailReport = {
      kind: input.kind,
      sent: count('sent'),
      skipped: count('skipped'),
      failed: count('failed'),
      results,
    };
    if (report.sent + report.failed > 0) {
      await this.waves.recordMailing(viewer, wave.id, {
        kind: input.kind,
        sent: results.filter((r) => r.outcome === 'sent').map((r) => r.personId),
        failed: results.filter((r) => r.outcome === 'failed').map((r) => r.personId),
        skipped: report.skipped,
      });
    }
    log.info(
      {
        waveId: wave.id,
        kind: input.kind,
        sent: report.sent,
        skipped: report.skipped,
        failed: report.failed,
      },
      'survey links mailed',
    );
    return report;
  }
}
