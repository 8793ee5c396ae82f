/**
 * The shapes of the analytics answers as the server computes them and the GraphQL API sends
 * them (server/graphql/analytics.graphql). Types only: the server's analytics produce them,
 * the web app reads them, and neither imports the other.
 */
import type { EVENT_KINDS, GapKind, NodeLabel } from './model';

/** The relationships that make the tie graph T of the analytics (docs/analytics.md). */
export const REL_NAMES = ['KNOWS', 'WORKS_AT', 'SUPPORTS', 'PARTNERS_WITH'] as const;
export type TieRel = (typeof REL_NAMES)[number];

/** The node labels that appear in a projection (Introduction nodes are read separately). */
export type ProjectedKind = Exclude<NodeLabel, 'Introduction'>;

export type ProgrammeKind = (typeof EVENT_KINDS)[number];

export interface Reason {
  code: string;
  ja: string;
  en: string;
}

export interface KeyPersonScore {
  personId: string;
  name: string;
  /** Weighted sum in 0..1 (docs/analytics.md). */
  score: number;
  /** Normalised betweenness centrality in T, 0..1. */
  betweenness: number;
  /** Burt's constraint on the KNOWS + WORKS_AT ego network, 0..1 (brokerage = 1 − constraint). */
  constraint: number;
  /** Distinct organisations and SMEs within two hops in T. */
  reach: number;
  /** Louvain community of the person in the KNOWS graph (0 = largest). */
  community: number;
  declared: boolean;
  inGroup: boolean;
  /** (mind + skill + network) / 15, 0 when not assessed. */
  assessed: number;
  reasons: Reason[];
}

export interface Gap {
  /** `${kind}:${nodeIds.join('+')}` plus `#${detail}` when there is a detail. */
  id: string;
  kind: GapKind;
  /** The subject; defines the identity (docs/gaps.md). */
  nodeIds: string[];
  /** Other nodes involved, for display. */
  relatedIds: string[];
  detail: string | null;
  deptId: string | null;
  severity: number;
  explanationJa: string;
  explanationEn: string;
}

export interface IntroductionSuggestion {
  /** Stable id of the pair (order-independent). */
  id: string;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  viaId: string | null;
  viaName: string | null;
  score: number;
  gapValue: number;
  feasibility: number;
  fit: number;
  /** Ids of every gap the tie would close by definition. */
  closes: string[];
  reasons: Reason[];
}

/** Who a stranded person is (SPEC §4.4): talent first, then newcomers, staff, others. */
export type StrandedRole = 'talent' | 'newcomer' | 'staff' | 'other';

/** A person who would lose their last path to their dept's lead (whatIfRemoved). */
export interface StrandedPerson {
  personId: string;
  name: string;
  /** talent (:Talent), newcomer (origin outside), staff (works somewhere), other. */
  role: StrandedRole;
  /** Where they work (organisations and SMEs), sorted by id. */
  workplaceIds: string[];
  workplaceNames: string[];
  explanationJa: string;
  explanationEn: string;
}

export interface RemovalImpact {
  personId: string;
  personName: string;
  /**
   * The dept SMEs, member organisations and persons that could no longer be reached from
   * their dept's lead, sorted by id.
   */
  cutOffIds: string[];
  cutOffNames: string[];
  cutOffSmes: number;
  cutOffOrgs: number;
  /** How many of cutOffIds are persons. */
  cutOffPersons: number;
  /** Those persons, talent and newcomers first, each with why they are stranded. */
  strandedPersons: StrandedPerson[];
  /** Gaps present after the removal but not before. */
  newGaps: Gap[];
  /** Ties of the person in T (KNOWS acquaintances and WORKS_AT workplaces) that disappear. */
  lostTies: number;
  explanationJa: string;
  explanationEn: string;
}

export interface Programme {
  kind: ProgrammeKind;
  ja: string;
  en: string;
}

export interface OutreachTarget {
  smeId: string;
  smeName: string;
  priority: number;
  viaOrgId: string | null;
  viaOrgName: string | null;
  viaPersonId: string | null;
  viaPersonName: string | null;
  programme: Programme;
  reasons: Reason[];
}

export interface TalentMatch {
  talentId: string;
  talentName: string;
  score: number;
  /** Priority-weighted share of the SME's challenges the talent's skills address, 0..1. */
  coverage: number;
  coveredChallenges: string[];
  hoursPerMonth: number | null;
  remoteOk: boolean;
  /** KNOWS/WORKS_AT hops from the talent to the nearest staff member of the SME; null if none. */
  pathLength: number | null;
  reasons: Reason[];
}

export interface PathStep {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  relType: TieRel;
  strength: number;
}

export interface MapNode {
  id: string;
  kind: ProjectedKind;
  name: string;
  /** A person's フリガナ (for search); never for a pseudonymised person. */
  nameKana?: string | null;
  subKind: string | null;
  score: number | null;
  inKeyPersonGroup: boolean;
  declaredKeyPerson: boolean;
  isTalent: boolean;
  community: number | null;
  regionIds: string[];
  x: number | null;
  y: number | null;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  weight: number;
  /** A KNOWS tie from a survey named by only one of the two (drawn dashed); absent otherwise. */
  unconfirmed?: boolean;
}

export interface NetworkMapData {
  nodes: MapNode[];
  edges: MapEdge[];
  graphVersion: number;
}
