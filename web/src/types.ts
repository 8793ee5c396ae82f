/**
 * Shapes of the GraphQL answers (server/graphql/analytics.graphql). Where an answer is an
 * analytics result as the server computes it, its type comes from common/answers.ts (type-only
 * imports: the web app imports nothing of the server).
 */
import type {
  MapEdge as ServerMapEdge,
  NetworkMapData,
  OutreachTarget as ComputedOutreachTarget,
} from '../../common/answers';
import type { INTRODUCTION_STATUSES } from '../../common/model';

export { GAP_KINDS, type GapKind } from '../../common/model';
export type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  MapNode,
  PathStep,
  Reason,
  RemovalImpact,
} from '../../common/answers';

/** The app does not request edge ids (the map is large; cytoscape ids are made from the index). */
export type MapEdge = Omit<ServerMapEdge, 'id'> & { id?: string };

export type NetworkMap = Omit<NetworkMapData, 'edges'> & {
  edges: MapEdge[];
  /** The scope's unconfirmed survey ties, drawn or not (absent in answers that do not ask). */
  unconfirmedTies?: number;
  includesUnconfirmed?: boolean;
};

/** As the API sends it: the resolver gives the programme as two texts. */
export type OutreachTarget = Omit<ComputedOutreachTarget, 'programme'> & {
  programmeJa: string;
  programmeEn: string;
};

export interface RegionOption {
  id: string;
  name: string;
  nameEn: string | null;
  prefecture: string | null;
}

export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];
/** The outcomes a coordinator records for a suggestion. */
export type RecordedStatus = Exclude<IntroductionStatus, 'suggested'>;
