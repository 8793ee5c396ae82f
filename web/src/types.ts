/**
 * Shapes of the GraphQL answers (server/graphql/analytics.graphql). Where an answer is an
 * analytics result as the server computes it, the server's own type is used (type-only
 * imports: nothing of the server is bundled).
 */
import type { Reason } from '../../server/analytics';
import type { MapNodeKind } from './state';

export { GAP_KINDS, type GapKind } from '../../server/domain/model';
export type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  Reason,
  RemovalImpact,
} from '../../server/analytics';

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
