/** Shapes of the GraphQL answers (server/graphql/analytics.graphql). */
import type { MapNodeKind } from './state';

export interface Reason {
  code: string;
  ja: string;
  en: string;
}

export interface MapNode {
  id: string;
  kind: MapNodeKind;
  name: string;
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
  /** Not requested by the app (the map is large; cytoscape ids are made from the index). */
  id?: string;
  source: string;
  target: string;
  type: string;
  weight: number;
}

export interface NetworkMap {
  nodes: MapNode[];
  edges: MapEdge[];
  graphVersion: number;
}

export interface KeyPersonScore {
  personId: string;
  name: string;
  score: number;
  betweenness: number;
  constraint: number;
  reach: number;
  community: number;
  declared: boolean;
  inGroup: boolean;
  assessed: number;
  reasons: Reason[];
}

export type GapKind =
  | 'UNSUPPORTED_SME'
  | 'COORDINATION_GAP'
  | 'KEY_PERSON_DEPENDENCY'
  | 'ISOLATED_NEWCOMER'
  | 'FOLLOW_UP_OVERDUE'
  | 'COMMUNITY_SILO'
  | 'FUNCTION_UNCOVERED';

export const GAP_KINDS: readonly GapKind[] = [
  'UNSUPPORTED_SME',
  'COORDINATION_GAP',
  'KEY_PERSON_DEPENDENCY',
  'ISOLATED_NEWCOMER',
  'FOLLOW_UP_OVERDUE',
  'COMMUNITY_SILO',
  'FUNCTION_UNCOVERED',
];

export interface Gap {
  id: string;
  kind: GapKind;
  severity: number;
  nodeIds: string[];
  relatedIds: string[];
  detail: string | null;
  deptId: string | null;
  explanationJa: string;
  explanationEn: string;
}

export interface IntroductionSuggestion {
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
  closes: string[];
  reasons: Reason[];
}

export interface RemovalImpact {
  personId: string;
  personName: string;
  cutOffIds: string[];
  cutOffNames: string[];
  cutOffSmes: number;
  cutOffOrgs: number;
  lostTies: number;
  newGaps: Gap[];
  explanationJa: string;
  explanationEn: string;
}

export interface OutreachTarget {
  smeId: string;
  smeName: string;
  priority: number;
  viaOrgId: string | null;
  viaOrgName: string | null;
  viaPersonId: string | null;
  viaPersonName: string | null;
  programmeJa: string;
  programmeEn: string;
  reasons: Reason[];
}

export interface PathStep {
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  relType: string;
  strength: number | null;
}

export interface RegionOption {
  id: string;
  name: string;
  nameEn: string | null;
  prefecture: string | null;
}

export type IntroductionStatus = 'suggested' | 'accepted' | 'made' | 'declined';
