/**
 * The respondent's side of a wave (SPEC §11): what a personal link may do — read its own form
 * (the wave's name, end date and consent text, the roster's names and フリガナ, its own saved
 * answer), save a draft, submit. Nothing else: no contact data, nobody else's answers, no other
 * wave, no GraphQL, no analytics (the link is not a session; server/surveys/links.ts).
 *
 * Every use checks the link (signature, expiry), that it is the respondent's current link (not
 * revoked nor replaced) and that the wave is open; a submission checks them again inside its
 * write transaction, with the wave locked, so a close or a revocation at the same moment wins.
 * A submission goes through the one write path as the respondent (`survey:<wave>:<person>`,
 * limited to the regions of the wave's dept), with the stored answer in the same transaction.
 */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import {
  SurveyAnswerSchema,
  type RespondentForm,
  type SubmitReceipt,
  type SurveyAnswer,
} from '../../common/surveys';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { plain } from '../projection/load';
import { applyChanges, WriteRejected, type Reader, type Writer } from '../write';
import type { WriteProblem } from '../write/errors';
import { answerChanges, type AnswerState, type ExistingTie, type PairOutcome } from './answers';
import { LinkRefused, type LinkClaims, type SurveyLinks } from './links';
import { readDept, readWave } from './store';

export type { RespondentForm, SubmitReceipt };

interface Link {
  claims: LinkClaims;
  respondent: Record<string, unknown>;
  wave: Record<string, unknown>;
}

type Row = Record<string, unknown>;

function parseStored(text: unknown): SurveyAnswer | null {
  if (typeof text !== 'string') return null;
  const r = SurveyAnswerSchema.safeParse(JSON.parse(text));
  return r.success ? r.data : null;
}

/** The refusal a stored respondent and wave give a genuine link, if any. */
export function refusalOf(
  claims: LinkClaims,
  respondent: Row | undefined,
  wave: Row | undefined,
): LinkRefused | null {
  if (!respondent || !wave) return new LinkRefused('revoked');
  if (wave.state === 'closed') return new LinkRefused('closed');
  if (wave.state !== 'open') return new LinkRefused('not_open');
  if (respondent.tokenId !== claims.jti) return new LinkRefused('revoked');
  return null;
}

async function readLink(read: Reader, claims: LinkClaims): Promise<Link> {
  const [r] = await read(cypher('survey-respondent-get'), {
    waveId: claims.waveId,
    personId: claims.personId,
  });
  const respondent = r?.get('respondent') as Row | undefined;
  const wave = r?.get('wave') as Row | undefined;
  const refused = refusalOf(claims, respondent, wave);
  if (refused) throw refused;
  return { claims, respondent: respondent!, wave: wave! };
}

export class SurveyRespondents {
  constructor(
    private readonly db: Database,
    private readonly links: SurveyLinks,
  ) {}

  private reader(): Reader {
    return async (statement, params) =>
      (
        await this.db.driver.executeQuery(statement, params, {
          database: this.db.database,
          routing: neo4j.routing.READ,
        })
      ).records as Neo4jRecord[];
  }

  /** The link's claims once it is checked (LinkRefused otherwise). */
  async check(token: string): Promise<Link> {
    return readLink(this.reader(), await this.links.verify(token));
  }

  async form(token: string): Promise<RespondentForm> {
    const { claims, respondent, wave } = await this.check(token);
    const full = (await readWave(this.db, claims.waveId))!;
    const answer =
      parseStored(respondent.draft) ??
      parseStored(respondent.answers) ??
      SurveyAnswerSchema.parse({});
    return {
      wave: {
        id: claims.waveId,
        name: String(wave.name),
        endDate: String(wave.endDate),
        consentText: String(wave.consentText ?? ''),
        deptName: full.deptName,
      },
      me: { personId: claims.personId, name: String(respondent.name ?? '') },
      status: respondent.status as RespondentForm['status'],
      submittedAt: (respondent.submittedAt as string | null) ?? null,
      savedAt: (respondent.savedAt as string | null) ?? null,
      roster: full.respondents
        .filter((r) => r.personId !== claims.personId && r.name !== null)
        .map((r) => ({ personId: r.personId, name: r.name!, nameKana: r.nameKana })),
      answer,
    };
  }

  /** The answer, parsed and checked against the roster (WriteRejected naming each field). */
  private async parse(claims: LinkClaims, body: unknown): Promise<SurveyAnswer> {
    const parsed = SurveyAnswerSchema.safeParse(body);
    if (!parsed.success) {
      throw new WriteRejected(
        parsed.error.issues.map((i) => ({ field: i.path.join('.') || '', message: i.message })),
      );
    }
    const wave = (await readWave(this.db, claims.waveId))!;
    const roster = new Set(wave.respondents.map((r) => r.personId));
    roster.delete(claims.personId);
    const problems: WriteProblem[] = [];
    const seen = new Set<string>();
    parsed.data.knows.forEach((k, i) => {
      if (!roster.has(k.personId))
        problems.push({
          field: `knows.${i}.personId`,
          message: `${k.personId} is not on the roster of this survey / 名簿にない人です`,
        });
      else if (seen.has(k.personId))
        problems.push({
          field: `knows.${i}.personId`,
          message: `${k.personId} is named twice / 同じ人が二度選ばれています`,
        });
      seen.add(k.personId);
    });
    parsed.data.wishes.forEach((id, i) => {
      if (!roster.has(id))
        problems.push({
          field: `wishes.${i}`,
          message: `${id} is not on the roster of this survey / 名簿にない人です`,
        });
    });
    if (problems.length > 0) throw new WriteRejected(problems);
    return parsed.data;
  }

  async saveDraft(token: string, body: unknown): Promise<{ savedAt: string }> {
    const { claims } = await this.check(token);
    const answer = await this.parse(claims, body);
    const now = new Date().toISOString();
    const session = this.db.driver.session({
      database: this.db.database,
      defaultAccessMode: 'WRITE',
    });
    try {
      await session.executeWrite(async (tx) => {
        const read: Reader = async (s, p) => (await tx.run(s, p)).records;
        await read(cypher('survey-wave-lock'), { id: claims.waveId });
        await readLink(read, claims);
        await tx.run(cypher('survey-respondent-draft'), {
          waveId: claims.waveId,
          personId: claims.personId,
          draft: JSON.stringify(answer),
          now,
        });
      });
    } finally {
      await session.close();
    }
    return { savedAt: now };
  }

  async submit(token: string, body: unknown): Promise<SubmitReceipt> {
    const { claims, wave } = await this.check(token);
    const answer = await this.parse(claims, body);
    const dept = await readDept(this.db, String(wave.deptId));
    const writer: Writer = {
      actor: { name: `survey:${claims.waveId}:${claims.personId}`, role: 'respondent' },
      regionIds: dept?.regionIds ?? [],
    };
    let pairs: PairOutcome[] = [];
    return applyChanges<AnswerState, SubmitReceipt>(this.db, {
      writer,
      read: async (tx) => {
        await tx.read(cypher('survey-wave-lock'), { id: claims.waveId });
        const link = await readLink(tx.read, claims);
        const others = new Map<string, SurveyAnswer>();
        for (const r of await tx.read(cypher('survey-answers-of-wave'), {
          waveId: claims.waveId,
        })) {
          const a = parseStored(r.get('answers'));
          if (a && r.get('personId') !== claims.personId)
            others.set(r.get('personId') as string, a);
        }
        const ties = new Map<string, ExistingTie>();
        for (const r of await tx.read(cypher('survey-knows-of'), { personId: claims.personId })) {
          const other = r.get('other') as string;
          ties.set(other, { other, props: plain(r.get('props')) as Record<string, unknown> });
        }
        return {
          waveId: claims.waveId,
          personId: claims.personId,
          previous: parseStored(link.respondent.answers),
          others,
          ties,
        };
      },
      build: (state, now) => {
        const out = answerChanges(answer, state, now);
        pairs = out.pairs;
        return out.changes;
      },
      audit: () => ({
        action: 'survey.answer',
        target: claims.waveId,
        detail: {
          personId: claims.personId,
          named: answer.knows.length,
          wishes: answer.wishes.length,
          confirmed: pairs.filter((p) => p.outcome === 'confirmed').length,
          unconfirmed: pairs.filter((p) => p.outcome === 'unconfirmed').length,
          removed: pairs.filter((p) => p.outcome === 'removed').length,
        },
      }),
      alsoWrite: async (read, result) => {
        await read(cypher('survey-respondent-submit'), {
          waveId: claims.waveId,
          personId: claims.personId,
          answers: JSON.stringify(answer),
          now: result.at,
        });
      },
      respond: (result) => ({
        submittedAt: result.at,
        confirmed: pairs.filter((p) => p.outcome === 'confirmed').length,
        unconfirmed: pairs.filter((p) => p.outcome === 'unconfirmed').length,
        removed: pairs.filter((p) => p.outcome === 'removed').length,
      }),
    });
  }
}
