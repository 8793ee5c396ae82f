/**
 * Shapes of the GraphQL answers (server/graphql/analytics.graphql). Where an answer is an
 * analytics result as the server computes it, the server's own type is used (type-only
 * imports: nothing of the server is bundled).
 */
import type { OutreachTarget as ComputedOutreachTarget } from '../../server/analytics';
import type { INTRODUCTION_STATUSES } from '../../server/domain/model';
import type { MapEdge as ServerMapEdge, NetworkMapData } from '../../server/graphql/networkMap';

export { GAP_KINDS, type GapKind } from '../../server/domain/model';
export type {
  Gap,
  IntroductionSuggestion,
  KeyPersonScore,
  Reason,
  RemovalImpact,
} from '../../server/analytics';

export type { MapNode } from '../../server/graphql/networkMap';
export type { PathStep } from '../../server/analytics';

/** The app does not request edge ids (the map is large; cytoscape ids are made from the index). */
export type MapEdge = Omit<ServerMapEdge, 'id'> & { id?: string };

export type NetworkMap = Omit<NetworkMapData, 'edges'> & { edges: MapEdge[] };

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
