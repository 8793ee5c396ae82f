/**
 * The read-aloud reasons of a suggestion (codes, Japanese and English) and the answer object.
 */
import { type Ctx, type Reason, nameOf, round4 } from './context';
import type { Gap } from './gaps';
import { pairId } from './suggestionCandidates';
import type { BrokerOption } from './suggestionRoutes';
import type { IntroductionSuggestion } from '../../common/answers';
import { WISH_REASON_CODE } from '../../common/surveys';

/** A candidate once evaluated: what it closes, its routes and its score. */
export interface Candidate {
  from: string;
  to: string;
  closes: Gap[];
  reduces: Gap[];
  gapValue: number;
  fit: number;
  fitReasons: Reason[];
  /** Routes, best first; `opt` is the one in use (later when a broker is busy). */
  options: BrokerOption[];
  opt: number;
  score: number;
  /** When it closes nothing the suggestions above it do not: the first of them closing its gap. */
  alternativeTo?: Candidate | undefined;
  /** Who asked, in a survey answer, to be introduced to the other (docs/surveys.md). */
  wishedBy?: string[];
}

/** The reason of a pair one of whom asked to meet the other in a つながり調査 (WANTS_TO_MEET). */
export function wishReason(ctx: Ctx, c: Candidate): Reason | null {
  const by = c.wishedBy ?? [];
  if (by.length === 0) return null;
  const n = (id: string) => nameOf(ctx.g, id);
  if (by.length === 2)
    return {
      code: WISH_REASON_CODE,
      ja: `つながり調査で、${n(c.from)}さんと${n(c.to)}さんがお互いに紹介を希望しています。`,
      en: `In the network survey, ${n(c.from)} and ${n(c.to)} each asked to be introduced to the other.`,
    };
  const who = by[0]!;
  const other = who === c.from ? c.to : c.from;
  return {
    code: WISH_REASON_CODE,
    ja: `つながり調査で、${n(who)}さんが${n(other)}さんへの紹介を希望しています。`,
    en: `In the network survey, ${n(who)} asked to be introduced to ${n(other)}.`,
  };
}

function gapReason(ctx: Ctx, gp: Gap, c: Candidate, partial: boolean): Reason {
  const g = ctx.g;
  const n = (id: string | undefined): string => nameOf(g, id ?? '');
  switch (gp.kind) {
    case 'COORDINATION_GAP':
      return {
        code: 'CLOSES_COORDINATION_GAP',
        ja: `${n(gp.nodeIds[1])}と${n(gp.nodeIds[2])}の職員が初めてつながり、機関同士の連携が始まります。`,
        en: `Staff of ${n(gp.nodeIds[1])} and ${n(gp.nodeIds[2])} get to know each other, so the two organisations start working together.`,
      };
    case 'UNSUPPORTED_SME':
      return {
        code: 'CLOSES_UNSUPPORTED_SME',
        ja: `まだ支援につながっていない${n(gp.nodeIds[0])}が、地域の人事部の支援機関とつながります。`,
        en: `${n(gp.nodeIds[0])}, which no support organisation reaches yet, gets a contact in the regional HR department.`,
      };
    case 'ISOLATED_NEWCOMER':
      return partial
        ? {
            code: 'NEWCOMER_FIRST_LOCAL_TIE',
            ja: `${n(gp.nodeIds[0])}さんに地域の知り合いができます（まだ2人目が必要です）。`,
            en: `${n(gp.nodeIds[0])} gets a local acquaintance (a second one is still needed).`,
          }
        : {
            code: 'CLOSES_ISOLATED_NEWCOMER',
            ja: `${n(gp.nodeIds[0])}さんに2人目の地域の知り合いができ、孤立が解消されます。`,
            en: `${n(gp.nodeIds[0])} gets a second local acquaintance and is no longer isolated.`,
          };
    case 'COMMUNITY_SILO': {
      const member = gp.nodeIds.includes(c.from) ? c.from : c.to;
      const kp = member === c.from ? c.to : c.from;
      return {
        code: 'CLOSES_COMMUNITY_SILO',
        ja: `キーパーソン群から離れた${gp.nodeIds.length}人のまとまりの${n(member)}さんが、キーパーソンの${n(kp)}さんとつながります。`,
        en: `${n(member)}, of a group of ${gp.nodeIds.length} people with no tie to the key persons, meets key person ${n(kp)}.`,
      };
    }
    case 'KEY_PERSON_DEPENDENCY':
      return partial
        ? {
            code: 'REDUCES_KEY_PERSON_DEPENDENCY',
            ja: `${n(gp.nodeIds[1])}さんだけに頼っていたつながりの一部に、2本目の橋ができます。`,
            en: `Adds a second bridge for part of what only ${n(gp.nodeIds[1])} connects today.`,
          }
        : {
            code: 'CLOSES_KEY_PERSON_DEPENDENCY',
            ja: `${n(gp.nodeIds[1])}さんに頼らない2本目の橋ができ、1人への依存が解消されます。`,
            en: `Creates a second bridge, so the network no longer depends on ${n(gp.nodeIds[1])} alone.`,
          };
    case 'FOLLOW_UP_OVERDUE':
      return {
        code: 'FOLLOW_UP_CONTACT',
        ja: `${n(gp.nodeIds[0])}さんと${n(gp.nodeIds[1])}の関わりをフォローアップする窓口ができます。`,
        en: `Gives ${n(gp.nodeIds[0])}'s engagement with ${n(gp.nodeIds[1])} someone to follow it up.`,
      };
    default:
      return { code: 'CLOSES_GAP', ja: gp.explanationJa, en: gp.explanationEn };
  }
}

export function toSuggestion(ctx: Ctx, c: Candidate): IntroductionSuggestion {
  const g = ctx.g;
  const opt = c.options[c.opt] as BrokerOption;
  const reasons: Reason[] = [];
  for (const gp of c.closes.slice(0, 3)) reasons.push(gapReason(ctx, gp, c, false));
  for (const gp of c.reduces.slice(0, 2)) reasons.push(gapReason(ctx, gp, c, true));
  const wish = wishReason(ctx, c);
  if (wish) reasons.push(wish);
  const fromName = nameOf(g, c.from);
  const toName = nameOf(g, c.to);
  if (opt.kind === 'mutual' && opt.viaId) {
    const v = nameOf(g, opt.viaId);
    reasons.push({
      code: 'VIA_MUTUAL_CONTACT',
      ja: `${v}さんが${fromName}さんと${toName}さんの両方を知っています。${v}さんに紹介を頼めます。`,
      en: `${v} knows both ${fromName} and ${toName} and can introduce them.`,
    });
  } else if (opt.kind === 'colleague' && opt.viaId) {
    const v = nameOf(g, opt.viaId);
    const col = nameOf(g, opt.colleagueOf ?? '');
    const oth = opt.colleagueOf === c.from ? toName : fromName;
    reasons.push({
      code: 'VIA_COLLEAGUE',
      ja: `${col}さんの同僚の${v}さんが${oth}さんを知っています。`,
      en: `${v}, a colleague of ${col}, knows ${oth}.`,
    });
  } else if (opt.kind === 'same_org') {
    reasons.push({
      code: 'SAME_ORGANISATION',
      ja: `2人は同じ組織に所属していますが、まだ面識がありません。`,
      en: `They work at the same organisation but have not met yet.`,
    });
  } else {
    reasons.push({
      code: 'COLD_INTRODUCTION',
      ja: `共通の知人がいないため、事務局（コーディネーター）から紹介します。`,
      en: `They have no contact in common: the coordinator makes the introduction.`,
    });
  }
  if (c.opt > 0 && c.options[0]?.viaId) {
    reasons.push({
      code: 'BROKER_BUSY',
      ja: `${nameOf(g, c.options[0].viaId)}さんには既に多くの紹介をお願いしているため、別の経路にしました。`,
      en: `${nameOf(g, c.options[0].viaId)} is already asked for several introductions, so another route is used.`,
    });
  }
  if (c.alternativeTo) {
    const a = c.alternativeTo;
    const [af, at] = [nameOf(g, a.from), nameOf(g, a.to)];
    reasons.push({
      code: 'ALTERNATIVE',
      ja: `上の${af}さんと${at}さんの紹介と同じギャップを、別の組み合わせで解消します。`,
      en: `Closes the same gap as the introduction of ${af} and ${at} above, with another pair.`,
    });
  }
  reasons.push(...c.fitReasons);
  return {
    id: pairId(c.from, c.to),
    fromId: c.from,
    fromName,
    toId: c.to,
    toName,
    viaId: opt.viaId,
    viaName: opt.viaId ? nameOf(g, opt.viaId) : null,
    score: round4(c.score),
    gapValue: round4(c.gapValue),
    feasibility: round4(opt.feasibility),
    fit: round4(c.fit),
    closes: c.closes.map((gp) => gp.id),
    reasons,
  };
}
