/**
 * Introduction suggestions (SPEC §4.3): pairs of people whose new tie would close gaps, each with
 * the best broker for a warm introduction. Formulas in docs/analytics.md; every weight in
 * suggestionWeights.ts. The steps, each in its own module:
 * candidates from the gaps (suggestionCandidates.ts) → what each closes, by definition
 * (closers.ts) → routes and fit (suggestionRoutes.ts) → selection with the broker cap (here) →
 * reasons (suggestionReasons.ts).
 */
import type { NetworkGraph } from './graph';
import {
  AnalyticsInputError,
  buildContext,
  clamp01,
  compareIds,
  daysBetween,
  isPerson,
  type Ctx,
} from './context';
import { closedBy, gapClosers, indexClosers } from './closers';
import type { Gap } from './gaps';
import type { KeyPersonScore } from './keyPerson';
import { candidatePairs, pairId } from './suggestionCandidates';
import { type Candidate, toSuggestion } from './suggestionReasons';
import { brokerOptions, fitOf } from './suggestionRoutes';
import {
  BROKER_CAP,
  BROKER_CAP_WINDOW,
  DECLINE_WINDOW_DAYS,
  FEASIBILITY,
  MAX_DEPENDENCY_GAPS,
  PARTIAL_WEIGHT,
  SUGGESTION_DEFAULT_LIMIT,
  SUGGESTION_MAX_LIMIT,
} from './suggestionWeights';
import type { IntroductionSuggestion } from '../../common/answers';
import { WISH_BOOST } from '../../common/surveys';

export type { IntroductionSuggestion };
export {
  BROKER_CAP,
  BROKER_CAP_WINDOW,
  DECLINE_WINDOW_DAYS,
  FEASIBILITY,
  PARTIAL_WEIGHT,
  SUGGESTION_DEFAULT_LIMIT,
  SUGGESTION_MAX_LIMIT,
};
export const suggestionId = pairId;

export interface DeclinedPair {
  fromId: string;
  toId: string;
  decidedAt: string;
}

export interface SuggestionOptions {
  gaps: Gap[];
  keyPersons: KeyPersonScore[];
  /** Only suggestions involving this person (or, for an SME or organisation, its staff). */
  forId?: string;
  /** Default 10, at most 100. */
  limit?: number;
  declined?: DeclinedPair[];
  /** YYYY-MM-DD, for the 180-day decline window. */
  asOf: string;
  /** "Would like to meet" answers of つながり調査 (a person asked to be introduced to another). */
  wishes?: WishPair[];
}

/** A survey respondent (fromId) who asked to be introduced to toId. */
export interface WishPair {
  fromId: string;
  toId: string;
}

interface Wished {
  from: string;
  to: string;
  /** The persons who asked (one or both). */
  by: string[];
}

/** Who wished to meet whom, by pair (pairId), with the persons who asked. */
function wishesByPair(ctx: Ctx, wishes: readonly WishPair[] | undefined): Map<string, Wished> {
  const out = new Map<string, Wished>();
  for (const w of wishes ?? []) {
    if (!isPerson(ctx.g, w.fromId) || !isPerson(ctx.g, w.toId) || w.fromId === w.toId) continue;
    const key = pairId(w.fromId, w.toId);
    const entry = out.get(key) ?? { from: w.fromId, to: w.toId, by: [] };
    if (!entry.by.includes(w.fromId)) entry.by.push(w.fromId);
    out.set(key, entry);
  }
  return out;
}

export function introductionSuggestions(
  g: NetworkGraph,
  opts: SuggestionOptions,
): IntroductionSuggestion[] {
  return introductionSuggestionsCtx(buildContext(g), opts);
}

/** The persons `forId` stands for, or null for everyone. */
function forPersons(ctx: Ctx, forId: string | undefined): Set<string> | null {
  if (forId === undefined) return null;
  const { g } = ctx;
  if (!g.hasNode(forId)) throw new AnalyticsInputError(`No node with id ${forId}`, 'NOT_FOUND');
  const kind = g.getNodeAttribute(forId, 'kind');
  if (kind === 'Person') return new Set([forId]);
  if (kind === 'SME' || kind === 'Organization') return new Set(ctx.staff.get(forId) ?? []);
  throw new AnalyticsInputError(`${forId} is neither a person nor an SME`, 'BAD_USER_INPUT');
}

/** Pairs declined within the window (either direction; an SME or org stands for its staff). */
function declinedPairs(ctx: Ctx, opts: SuggestionOptions): Set<string> {
  const out = new Set<string>();
  const people = (id: string): string[] =>
    ctx.g.hasNode(id) && ctx.g.getNodeAttribute(id, 'kind') === 'Person'
      ? [id]
      : (ctx.staff.get(id) ?? []);
  for (const d of opts.declined ?? []) {
    const age = daysBetween(d.decidedAt, opts.asOf);
    if (Number.isFinite(age) && age > DECLINE_WINDOW_DAYS) continue;
    for (const a of people(d.fromId)) for (const b of people(d.toId)) out.add(pairId(a, b));
  }
  return out;
}

/** 1 − Π (1 − severity) over the closed, Π (1 − ½·severity) over the reduced, minus `covered`. */
function gapValueOf(
  c: Pick<Candidate, 'closes' | 'reduces'>,
  covered?: ReadonlySet<string>,
): number {
  let keep = 1;
  for (const gp of c.closes) if (!covered?.has(gp.id)) keep *= 1 - gp.severity;
  for (const gp of c.reduces) if (!covered?.has(gp.id)) keep *= 1 - PARTIAL_WEIGHT * gp.severity;
  return clamp01(1 - keep);
}

/**
 * The ranking (docs/analytics.md "Selection"): one suggestion at a time, each the candidate
 * with the highest score counting only the gaps the suggestions above it do not close yet, so
 * the top 10 close as many different gaps as they can instead of one gap ten ways; candidates
 * that close nothing new follow by their own score (reason ALTERNATIVE). Meanwhile no broker
 * serves more than BROKER_CAP of the first BROKER_CAP_WINDOW: a candidate whose broker is busy
 * falls back to its next route and is ranked again.
 */
/** A pair one of whom asked to meet the other (survey wishes) ranks WISH_BOOST times higher. */
function boostOf(c: Candidate): number {
  return c.wishedBy ? WISH_BOOST : 1;
}

function selectSuggestions(pending: Candidate[], limit: number): Candidate[] {
  const chosen: Candidate[] = [];
  const brokerUse = new Map<string, number>();
  /** Gap id → the first chosen suggestion that closes it. */
  const closedBy = new Map<string, Candidate>();
  const keyOf = (c: Candidate): string => pairId(c.from, c.to);
  const rankOf = (c: Candidate): number => {
    const fresh = gapValueOf(c, new Set(closedBy.keys()));
    // Fresh value first (0..1); candidates adding nothing new after all of them (−1..0).
    return fresh > 0 ? fresh * c.options[c.opt]!.feasibility * c.fit * boostOf(c) : c.score - 1;
  };
  while (chosen.length < limit && pending.length > 0) {
    let bi = 0;
    let best = rankOf(pending[0]!);
    for (let i = 1; i < pending.length; i++) {
      const r = rankOf(pending[i]!);
      if (r > best || (r === best && compareIds(keyOf(pending[i]!), keyOf(pending[bi]!)) < 0)) {
        bi = i;
        best = r;
      }
    }
    const pick = pending[bi]!;
    const route = pick.options[pick.opt]!;
    const capped = chosen.length < BROKER_CAP_WINDOW;
    if (capped && route.viaId !== null && (brokerUse.get(route.viaId) ?? 0) >= BROKER_CAP) {
      pick.opt++;
      pick.score = pick.gapValue * pick.options[pick.opt]!.feasibility * pick.fit * boostOf(pick);
      continue;
    }
    pending[bi] = pending[pending.length - 1]!;
    pending.pop();
    if (best < 0)
      pick.alternativeTo = closedBy.get(pick.closes[0]?.id ?? pick.reduces[0]?.id ?? '');
    chosen.push(pick);
    for (const gp of pick.closes) if (!closedBy.has(gp.id)) closedBy.set(gp.id, pick);
    if (capped && route.viaId !== null)
      brokerUse.set(route.viaId, (brokerUse.get(route.viaId) ?? 0) + 1);
  }
  return chosen;
}

export function introductionSuggestionsCtx(
  ctx: Ctx,
  opts: SuggestionOptions,
): IntroductionSuggestion[] {
  const limit = Math.max(
    0,
    Math.min(SUGGESTION_MAX_LIMIT, Math.floor(opts.limit ?? SUGGESTION_DEFAULT_LIMIT)),
  );
  if (limit === 0) return [];
  const only = forPersons(ctx, opts.forId);
  const closers = gapClosers(ctx, opts.gaps, {
    keyPersons: opts.keyPersons,
    maxDependencyGaps: MAX_DEPENDENCY_GAPS,
  });
  const index = indexClosers(closers);
  const declinedSet = declinedPairs(ctx, opts);
  const pairs = candidatePairs(ctx, opts.gaps, opts.keyPersons, closers, declinedSet);
  // A wished pair is a candidate too (it is kept only if it closes a gap, as every other).
  const wishes = wishesByPair(ctx, opts.wishes);
  for (const [key, { from, to }] of wishes) {
    if (pairs.has(key) || declinedSet.has(key)) continue;
    const tied = ctx.g.someEdge(from, to, () => true) || ctx.g.someEdge(to, from, () => true);
    if (!tied) pairs.set(key, { from, to, sourceSeverity: 0 });
  }

  const pending: Candidate[] = [];
  for (const { from, to } of pairs.values()) {
    if (only && !only.has(from) && !only.has(to)) continue;
    const { closes, reduces } = closedBy(index, from, to);
    const gapValue = gapValueOf({ closes, reduces });
    if (gapValue <= 0) continue;
    const { fit, reasons } = fitOf(ctx, from, to);
    const options = brokerOptions(ctx, from, to);
    const wishedBy = wishes.get(pairId(from, to))?.by;
    const score =
      gapValue * (options[0]?.feasibility ?? FEASIBILITY.cold) * fit * (wishedBy ? WISH_BOOST : 1);
    pending.push({
      ...(wishedBy ? { wishedBy } : {}),
      from,
      to,
      closes,
      reduces,
      gapValue,
      fit,
      fitReasons: reasons,
      options,
      opt: 0,
      score,
    });
  }
  return selectSuggestions(pending, limit).map((c) => toSuggestion(ctx, c));
}
