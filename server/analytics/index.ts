/** Network analytics (SPEC §4): pure functions of a projection. See docs/analytics.md. */
export * from './graph';
export { type Reason, type Ctx, AnalyticsInputError, buildContext } from './context';
export {
  type KeyPersonScore,
  type KeyPersonOptions,
  KEY_PERSON_WEIGHTS,
  KEY_PERSON_THRESHOLD,
  keyPersonGroup,
  keyPersonGroupCtx,
} from './keyPerson';
export {
  type BetweennessOptions,
  EXACT_BETWEENNESS_MAX_NODES,
  BETWEENNESS_PIVOTS,
  tieBetweenness,
} from './betweenness';
export {
  GAP_KINDS,
  type GapKind,
  type Gap,
  type NetworkGapsOptions,
  DEFAULT_FOLLOW_UP_DAYS,
  SILO_MIN_SIZE,
  FUNCTION_NAMES,
  networkGaps,
  networkGapsCtx,
} from './gaps';
export {
  type IntroductionSuggestion,
  type SuggestionOptions,
  type DeclinedPair,
  SUGGESTION_DEFAULT_LIMIT,
  SUGGESTION_MAX_LIMIT,
  BROKER_CAP,
  DECLINE_WINDOW_DAYS,
  introductionSuggestions,
  introductionSuggestionsCtx,
  suggestionId,
} from './suggestions';
export {
  type RemovalImpact,
  type StrandedPerson,
  type StrandedRole,
  type WhatIfOptions,
  whatIfRemoved,
} from './whatIf';
export {
  type OutreachTarget,
  type OutreachOptions,
  type Programme,
  outreachPlan,
} from './outreach';
export { type TalentMatch, talentMatches } from './talent';
export { type PathStep, connectionPath } from './path';
export {
  type AdamicAdarSuggestion,
  type GapClosure,
  type GapClosureOptions,
  adamicAdarSuggestions,
  gapClosure,
} from './baseline';
