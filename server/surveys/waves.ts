/**
 * Running a survey wave (SPEC §11, issue 14): create, edit, roster, open, close, delete a draft,
 * reissue and revoke a personal link, record a sending of links by e-mail (mailing.ts), and the
 * list with tracking. Only the coordinators of the
 * wave's dept and admins may do any of it (assertRunsWaves); every change is one transaction
 * with its audit entry. A wave is not part of the network (store.ts), so these writes do not go
 * through server/write; what a respondent's answer changes in the network does
 * (server/surveys/answers.ts).
 *
 * State rules: a draft is edited freely; an open wave's roster only grows (a person is taken
 * off by revoking their link), its end date can move (every link is then reissued: the old
 * links name the old date); a closed wave changes no more. Opening issues a link to every
 * respondent; closing ends every link (the state is checked on every use).
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { isCalendarDate, today } from '../../common/dates';
import { AccessDenied, contactAccess, type Viewer } from '../../common/roles';
import {
  DEFAULT_CONSENT_TEXT,
  MAX_ROSTER,
  RESPONDENT_STATUS_LABELS,
  surveyLinkPath,
  type RespondentView,
  type RosterCandidate,
  type RosterGroup,
  type WaveState,
  type WaveView,
} from '../../common/surveys';
import { recordAudit, type AuditAction } from '../auth/audit';
import type { Database } from '../db/driver';
import type { ProjectionCache } from '../projection';
import { WriteNotFound, WriteRejected } from '../write/errors';
import { linkExpiry, type SurveyLinks } from './links';
import {
  addRespondents,
  listWaves,
  lockWave,
  readDept,
  readWave,
  removeRespondents,
  setLinks,
  type LinkRow,
  type RespondentRecord,
  type WaveRecord,
} from './store';
import { cypher } from '../db/cypher';

/** The consent text a new wave starts with (common/surveys.ts: the web form prefills it too). */
export { DEFAULT_CONSENT_TEXT };

const Name = z.string().trim().min(1, 'must not be empty').max(200);
const ConsentText = z.string().trim().min(1, 'must not be empty').max(5000);
const EndDate = z
  .string()
  .trim()
  .refine(isCalendarDate, 'must be a date YYYY-MM-DD')
  .refine((d) => d >= today(), 'must not be in the past');
const PersonIds = z.array(z.string().trim().min(1).max(200)).max(MAX_ROSTER);

export const CreateWaveInput = z.object({
  deptId: z
    .string()
    .trim()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  name: Name,
  endDate: EndDate,
  consentText: ConsentText.nullish().transform((v) => v ?? null),
  personIds: PersonIds.nullish().transform((v) => v ?? []),
});
export const EditWaveInput = z.object({
  id: z.string().trim().min(1),
  name: Name.nullish().transform((v) => v ?? null),
  endDate: EndDate.nullish().transform((v) => v ?? null),
  consentText: ConsentText.nullish().transform((v) => v ?? null),
});

export type { RespondentView, RosterCandidate, WaveView };

/** Admins run every dept's waves, coordinators their own dept's; nobody else any. */
export function mayRunWaves(viewer: Viewer, deptId: string): boolean {
  return viewer.role === 'admin' || (viewer.role === 'coordinator' && viewer.deptId === deptId);
}

export function assertRunsWaves(viewer: Viewer, deptId: string): void {
  if (mayRunWaves(viewer, deptId)) return;
  throw new AccessDenied(
    'FORBIDDEN',
    viewer.role === 'coordinator'
      ? `Survey waves of ${deptId} are run by its own coordinators. / 他の地域の人事部の調査は扱えません。`
      : `A ${viewer.role} account cannot run survey waves. / 調査を実施する権限がありません（コーディネーターまたは管理者のみ）。`,
  );
}

const rejected = (field: string, message: string) => new WriteRejected([{ field, message }]);

export function stateError(wave: { state: WaveState }, doing: string): WriteRejected {
  const ja: Record<WaveState, string> = { draft: '下書き', open: '実施中', closed: '締切済み' };
  return rejected(
    '',
    `The wave is ${wave.state}: it cannot ${doing}. / この調査は「${ja[wave.state]}」のため、この操作はできません。`,
  );
}

export class SurveyWaves {
  constructor(
    private readonly db: Database,
    private readonly cache: ProjectionCache,
    private readonly links: SurveyLinks,
    /** Whether this server sends e-mail (SMTP_URL; server/surveys/mailing.ts): the web app asks. */
    private readonly mailConfigured = false,
  ) {}

  /** The dept a viewer means: the given one, or a coordinator's own. */
  private deptOf(viewer: Viewer, deptId: string | null): string {
    const id = deptId ?? viewer.deptId;
    if (!id) throw rejected('deptId', 'is required (an admin names the dept of the wave)');
    assertRunsWaves(viewer, id);
    return id;
  }

  /** A wave the viewer runs (NOT_FOUND if there is none, FORBIDDEN if it is another dept's). */
  async wave(viewer: Viewer, id: string): Promise<WaveView> {
    const wave = await readWave(this.db, id);
    if (!wave) throw new WriteNotFound(`No survey wave with id ${id}`);
    assertRunsWaves(viewer, wave.deptId);
    return this.view(wave, viewer);
  }

  async list(viewer: Viewer, deptId: string | null): Promise<WaveView[]> {
    let depts: string[] | null;
    if (deptId !== null) {
      assertRunsWaves(viewer, deptId);
      depts = [deptId];
    } else if (viewer.role === 'admin') depts = null;
    else if (viewer.role === 'coordinator' && viewer.deptId) depts = [viewer.deptId];
    else return assertRunsWaves(viewer, viewer.deptId ?? '(none)') as never;
    return Promise.all((await listWaves(this.db, depts)).map((w) => this.view(w, viewer)));
  }

  /** Who may be on a dept's roster: every person of its regions, its member staff and key persons first. */
  async candidates(viewer: Viewer, deptId: string | null): Promise<RosterCandidate[]> {
    const id = this.deptOf(viewer, deptId);
    return this.rosterPool(id);
  }

  private async rosterPool(deptId: string): Promise<RosterCandidate[]> {
    const dept = await readDept(this.db, deptId);
    if (!dept) throw new WriteNotFound(`No 地域の人事部 with id ${deptId}`);
    const out = new Map<string, RosterCandidate>();
    for (const regionId of dept.regionIds) {
      const { graph } = await this.cache.get({ regionId });
      graph.forEachNode((pid, a) => {
        if (a.kind !== 'Person' || out.has(pid)) return;
        const member = graph.outEdges(pid).some((e) => {
          if (graph.getEdgeAttribute(e, 'type') !== 'WORKS_AT') return false;
          const org = graph.target(e);
          return graph
            .outEdges(org)
            .some(
              (m) =>
                graph.target(m) === deptId &&
                ['MEMBER_OF', 'LEADS'].includes(graph.getEdgeAttribute(m, 'type')),
            );
        });
        const isKeyPerson = a.labels.includes('KeyPerson');
        const kana = a.props.nameKana;
        out.set(pid, {
          personId: pid,
          name: a.name,
          nameKana: typeof kana === 'string' ? kana : null,
          group: member ? 'member_staff' : isKeyPerson ? 'key_person' : 'other',
          isKeyPerson,
          regionId,
        });
      });
    }
    const order: Record<RosterGroup, number> = { member_staff: 0, key_person: 1, other: 2 };
    return [...out.values()].sort(
      (a, b) =>
        order[a.group] - order[b.group] ||
        a.name.localeCompare(b.name, 'ja') ||
        (a.personId < b.personId ? -1 : 1),
    );
  }

  /** Every id must be a person of the dept's regions (the rule of every region-limited write). */
  private async checkRoster(deptId: string, personIds: readonly string[]): Promise<string[]> {
    const unique = [...new Set(personIds)];
    if (unique.length === 0) return unique;
    const pool = new Set((await this.rosterPool(deptId)).map((c) => c.personId));
    const outside = unique.filter((id) => !pool.has(id));
    if (outside.length > 0) {
      throw rejected(
        'personIds',
        `${outside.slice(0, 10).join(', ')}${outside.length > 10 ? ` and ${outside.length - 10} more` : ''}: not persons of this dept's regions. / 担当地域の人物ではありません。`,
      );
    }
    return unique;
  }

  private async newLink(endDate: string, personId: string): Promise<LinkRow> {
    return {
      personId,
      tokenId: randomUUID(),
      tokenIat: Math.floor(Date.now() / 1000),
      tokenExp: linkExpiry(endDate),
    };
  }

  /** One write transaction on a wave: locked, its dept checked, audited. */
  private async change<T>(
    viewer: Viewer,
    id: string,
    action: AuditAction,
    body: (
      tx: ManagedTransaction,
      wave: WaveRecord,
      now: string,
    ) => Promise<{ detail: unknown; result?: T }>,
    readBack = true,
  ): Promise<{ wave: WaveView | null; result: T | undefined }> {
    const session = this.db.driver.session({
      database: this.db.database,
      defaultAccessMode: 'WRITE',
    });
    try {
      const result = await session.executeWrite(async (tx) => {
        const locked = await lockWave(tx, id);
        if (!locked) throw new WriteNotFound(`No survey wave with id ${id}`);
        assertRunsWaves(viewer, locked.deptId);
        const wave = (await readWave(tx, id))!;
        const now = new Date().toISOString();
        const out = await body(tx, wave, now);
        await recordAudit(tx, { name: viewer.username, role: viewer.role }, action, id, out.detail);
        return out.result;
      });
      return { wave: readBack ? await this.wave(viewer, id) : null, result };
    } finally {
      await session.close();
    }
  }

  async create(viewer: Viewer, raw: unknown): Promise<WaveView> {
    const input = CreateWaveInput.parse(raw);
    const deptId = this.deptOf(viewer, input.deptId);
    if (!(await readDept(this.db, deptId)))
      throw new WriteNotFound(`No 地域の人事部 with id ${deptId}`);
    const personIds = await this.checkRoster(deptId, input.personIds);
    const id = `wave:${randomUUID()}`;
    const session = this.db.driver.session({
      database: this.db.database,
      defaultAccessMode: 'WRITE',
    });
    try {
      await session.executeWrite(async (tx) => {
        const now = new Date().toISOString();
        await tx.run(cypher('survey-wave-create'), {
          id,
          deptId,
          name: input.name,
          endDate: input.endDate,
          consentText: input.consentText ?? DEFAULT_CONSENT_TEXT,
          now,
          actor: viewer.username,
        });
        await addRespondents(
          tx,
          id,
          personIds.map((personId) => ({
            personId,
            tokenId: null,
            tokenIat: null,
            tokenExp: null,
          })),
          now,
        );
        await recordAudit(tx, { name: viewer.username, role: viewer.role }, 'survey.create', id, {
          deptId,
          name: input.name,
          endDate: input.endDate,
          rosterSize: personIds.length,
        });
      });
    } finally {
      await session.close();
    }
    return this.wave(viewer, id);
  }

  async edit(viewer: Viewer, raw: unknown): Promise<WaveView> {
    const input = EditWaveInput.parse(raw);
    const { wave } = await this.change(viewer, input.id, 'survey.edit', async (tx, wave, now) => {
      if (wave.state === 'closed') throw stateError(wave, 'be edited');
      const set: Record<string, string> = {};
      if (input.name !== null && input.name !== wave.name) set.name = input.name;
      if (input.consentText !== null && input.consentText !== wave.consentText) {
        if (wave.state !== 'draft')
          throw stateError(wave, 'change its consent text once people have seen it');
        set.consentText = input.consentText;
      }
      let reissued = 0;
      if (input.endDate !== null && input.endDate !== wave.endDate) {
        set.endDate = input.endDate;
        if (wave.state === 'open') {
          // The links carry the end date: every live one is replaced.
          const live = wave.respondents.filter((r) => r.tokenId !== null);
          await setLinks(
            tx,
            wave.id,
            await Promise.all(live.map((r) => this.newLink(input.endDate!, r.personId))),
            now,
          );
          reissued = live.length;
        }
      }
      await tx.run(cypher('survey-wave-update'), { id: wave.id, set, now });
      return { detail: { fields: Object.keys(set), linksReissued: reissued } };
    });
    return wave!;
  }

  /** The roster: a draft's replaced by `personIds`; an open wave's grows by those not on it yet. */
  async setRoster(viewer: Viewer, id: string, personIds: readonly string[]): Promise<WaveView> {
    const existing = await readWave(this.db, id);
    if (!existing) throw new WriteNotFound(`No survey wave with id ${id}`);
    assertRunsWaves(viewer, existing.deptId);
    const wanted = await this.checkRoster(existing.deptId, PersonIds.parse(personIds));
    const { wave } = await this.change(viewer, id, 'survey.roster', async (tx, wave, now) => {
      if (wave.state === 'closed') throw stateError(wave, 'change its roster');
      const have = new Set(wave.respondents.map((r) => r.personId));
      const want = new Set(wanted);
      const added = wanted.filter((p) => !have.has(p));
      const removed = [...have].filter((p) => !want.has(p));
      if (wave.state === 'open' && removed.length > 0) {
        throw rejected(
          'personIds',
          `An open wave's roster only grows: revoke the link of ${removed.slice(0, 5).join(', ')} instead. / 実施中の調査では名簿から外せません。リンクを取り消してください。`,
        );
      }
      const rows =
        wave.state === 'open'
          ? await Promise.all(added.map((p) => this.newLink(wave.endDate, p)))
          : added.map((personId) => ({ personId, tokenId: null, tokenIat: null, tokenExp: null }));
      await addRespondents(tx, wave.id, rows, now);
      await removeRespondents(tx, wave.id, removed);
      await tx.run(cypher('survey-wave-update'), { id: wave.id, set: {}, now });
      return { detail: { added: added.length, removed: removed.length } };
    });
    return wave!;
  }

  async open(viewer: Viewer, id: string): Promise<WaveView> {
    const { wave } = await this.change(viewer, id, 'survey.open', async (tx, wave, now) => {
      if (wave.state !== 'draft') throw stateError(wave, 'be opened');
      if (wave.respondents.length === 0)
        throw rejected(
          'personIds',
          'The roster is empty: add the respondents first. / 名簿が空です。',
        );
      if (wave.endDate < today())
        throw rejected('endDate', 'is in the past: move it first. / 締切日が過ぎています。');
      await setLinks(
        tx,
        wave.id,
        await Promise.all(wave.respondents.map((r) => this.newLink(wave.endDate, r.personId))),
        now,
      );
      await tx.run(cypher('survey-wave-update'), {
        id: wave.id,
        set: { state: 'open', openedAt: now },
        now,
      });
      return { detail: { rosterSize: wave.respondents.length } };
    });
    return wave!;
  }

  async close(viewer: Viewer, id: string): Promise<WaveView> {
    const { wave } = await this.change(viewer, id, 'survey.close', async (tx, wave, now) => {
      if (wave.state !== 'open') throw stateError(wave, 'be closed');
      await tx.run(cypher('survey-wave-update'), {
        id: wave.id,
        set: { state: 'closed', closedAt: now },
        now,
      });
      return {
        detail: {
          submitted: wave.respondents.filter((r) => r.status === 'submitted').length,
          rosterSize: wave.respondents.length,
        },
      };
    });
    return wave!;
  }

  /** Deletes a draft (a wave that was ever open is kept: its answers are in the network). */
  async deleteDraft(viewer: Viewer, id: string): Promise<boolean> {
    await this.change(
      viewer,
      id,
      'survey.delete',
      async (tx, wave) => {
        if (wave.state !== 'draft') throw stateError(wave, 'be deleted');
        await tx.run(cypher('survey-wave-delete'), { id: wave.id });
        return { detail: { name: wave.name } };
      },
      false,
    );
    return true;
  }

  /** A new link for one respondent (the old one is refused from now on). */
  async reissue(viewer: Viewer, waveId: string, personId: string): Promise<RespondentView> {
    return this.respondentChange(viewer, waveId, personId, 'survey.link.reissue', async (wave) =>
      this.newLink(wave.endDate, personId),
    );
  }

  /** Ends one respondent's link (reissue gives them a new one). */
  async revoke(viewer: Viewer, waveId: string, personId: string): Promise<RespondentView> {
    return this.respondentChange(viewer, waveId, personId, 'survey.link.revoke', async () => ({
      personId,
      tokenId: null,
      tokenIat: null,
      tokenExp: null,
    }));
  }

  /**
   * Records a sending of links by e-mail (server/surveys/mailing.ts sends first, outside any
   * transaction): who, when, what kind, to whom — the audit entry of the wave's change path.
   */
  async recordMailing(
    viewer: Viewer,
    waveId: string,
    detail: { kind: string; sent: string[]; failed: string[]; skipped: number },
  ): Promise<void> {
    await this.change(viewer, waveId, 'survey.mail', async () => ({ detail }), false);
  }

  private async respondentChange(
    viewer: Viewer,
    waveId: string,
    personId: string,
    action: AuditAction,
    link: (wave: WaveRecord) => Promise<LinkRow>,
  ): Promise<RespondentView> {
    const { wave } = await this.change(viewer, waveId, action, async (tx, wave, now) => {
      if (wave.state !== 'open')
        throw stateError(wave, 'have its links changed (links exist only while it is open)');
      if (!wave.respondents.some((r) => r.personId === personId))
        throw new WriteNotFound(`${personId} is not on the roster of this wave`);
      await setLinks(tx, wave.id, [await link(wave)], now);
      return { detail: { personId } };
    });
    return wave!.respondents.find((r) => r.personId === personId)!;
  }

  private async view(w: WaveRecord, viewer: Viewer): Promise<WaveView> {
    // Whether a person has an address is contact data too: a coordinator learns it only of
    // persons who consented to share their contact (common/roles.ts contactAccess).
    const contact = contactAccess(viewer);
    const respondents = await Promise.all(
      w.respondents.map(async (r): Promise<RespondentView> => {
        const live =
          w.state === 'open' && r.tokenId !== null && r.tokenIat !== null && r.tokenExp !== null;
        return {
          personId: r.personId,
          name: r.name ?? r.personId,
          nameKana: r.nameKana,
          status: r.status,
          statusJa: RESPONDENT_STATUS_LABELS[r.status].ja,
          statusEn: RESPONDENT_STATUS_LABELS[r.status].en,
          startedAt: r.startedAt,
          savedAt: r.savedAt,
          submittedAt: r.submittedAt,
          linkPath: live
            ? surveyLinkPath(
                await this.links.sign({
                  waveId: w.id,
                  personId: r.personId,
                  jti: r.tokenId!,
                  iat: r.tokenIat!,
                  exp: r.tokenExp!,
                }),
              )
            : null,
          linkExpiresAt: live ? new Date(r.tokenExp! * 1000).toISOString() : null,
          revoked: r.revokedAt !== null && r.tokenId === null,
          hasEmail:
            contact === 'all'
              ? r.hasEmail
              : contact === 'consented' && r.hasEmail && r.contactShared,
        };
      }),
    );
    const count = (s: RespondentRecord['status']) =>
      w.respondents.filter((r) => r.status === s).length;
    const submitted = count('submitted');
    return {
      id: w.id,
      deptId: w.deptId,
      deptName: w.deptName,
      name: w.name,
      endDate: w.endDate,
      consentText: w.consentText,
      state: w.state,
      createdAt: w.createdAt,
      openedAt: w.openedAt,
      closedAt: w.closedAt,
      rosterSize: w.respondents.length,
      submitted,
      started: count('started'),
      notStarted: count('not_started'),
      responseRate: w.respondents.length === 0 ? 0 : submitted / w.respondents.length,
      mailConfigured: this.mailConfigured,
      respondents,
    };
  }
}
