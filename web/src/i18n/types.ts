/**
 * The enum groups the app translates, each tied to the values of the domain model
 * (common/model.ts): a value without a label, in either language, is a type error.
 */
import type {
  DEPT_PHASES,
  ENGAGEMENT_STATUSES,
  EVENT_KINDS,
  GapKind,
  INTRODUCTION_STATUSES,
  KNOWS_SOURCES,
  NodeLabel,
  ORG_FUNCTIONS,
  ORG_KINDS,
  PERSON_ORIGINS,
  REGION_KINDS,
  RelType,
  SME_STAGES,
  SUPPORT_KINDS,
  TALENT_KINDS,
} from '../../../common/model';

export type Lang = 'ja' | 'en';

type Values<T extends readonly string[]> = T[number];

/** The values of each enum group. */
export interface EnumValues {
  nodeKind: NodeLabel;
  regionKind: Values<typeof REGION_KINDS>;
  deptPhase: Values<typeof DEPT_PHASES>;
  orgKind: Values<typeof ORG_KINDS>;
  orgFunction: Values<typeof ORG_FUNCTIONS>;
  smeStage: Values<typeof SME_STAGES>;
  personOrigin: Values<typeof PERSON_ORIGINS>;
  talentKind: Values<typeof TALENT_KINDS>;
  eventKind: Values<typeof EVENT_KINDS>;
  introductionStatus: Values<typeof INTRODUCTION_STATUSES>;
  knowsSource: Values<typeof KNOWS_SOURCES>;
  supportKind: Values<typeof SUPPORT_KINDS>;
  engagementStatus: Values<typeof ENGAGEMENT_STATUSES>;
  gapKind: GapKind;
  relType: RelType;
}

export type EnumGroup = keyof EnumValues;

/** One language's labels of every enum group. */
export type EnumDicts = { [G in EnumGroup]: Record<EnumValues[G], string> };
