/**
 * Region-level access to single nodes for the analytics resolvers (SPEC §8): a coordinator or
 * municipality may name only nodes of their own regions — a node is "in" a region when the
 * region's analytics projection holds it (cypher/projection-region.cypher), the same rule the
 * map and the analytics follow. Persons of other regions that a cross-region answer shows
 * (talent matches, connection paths) appear under their alias unless they consented to a
 * public profile.
 */
import { AccessDenied, type Viewer } from '../../common/roles';
import { personAlias } from '../auth/privacy';
import type { NetworkGraph } from '../analytics/graph';
import type { ProjectionCache } from '../projection';

/** What one viewer may name, with their regions' graphs loaded once. */
export interface ViewerAccess {
  /** FORBIDDEN unless every id is a node of one of the viewer's regions. */
  assertReadable(ids: string[]): void;
  /** Whether a node is in one of the viewer's regions. */
  readable(id: string): boolean;
  /**
   * The name to show for a node of `graph`: persons outside the viewer's regions without
   * consentPublicProfile get their alias.
   */
  name(graph: NetworkGraph, id: string, name: string): string;
}

const EVERYTHING: ViewerAccess = {
  assertReadable: () => undefined,
  readable: () => true,
  name: (_g, _id, n) => n,
};

export class RegionAccess {
  constructor(private readonly cache: ProjectionCache) {}

  async of(viewer: Viewer): Promise<ViewerAccess> {
    if (viewer.regionIds === null) return EVERYTHING;
    const graphs = await Promise.all(
      viewer.regionIds.map(async (regionId) => (await this.cache.get({ regionId })).graph),
    );
    const inRegions = (id: string) => graphs.some((g) => g.hasNode(id));
    return {
      readable: inRegions,
      assertReadable(ids) {
        const outside = ids.filter((id) => !inRegions(id));
        if (outside.length === 0) return;
        throw new AccessDenied(
          'FORBIDDEN',
          `${outside.join(', ')}: not in your regions (${(viewer.regionIds ?? []).join(', ')}). / 担当地域外のデータです。`,
        );
      },
      name(graph, id, name) {
        if (!graph.hasNode(id) || graph.getNodeAttribute(id, 'kind') !== 'Person') return name;
        if (inRegions(id)) return name;
        const props = graph.getNodeAttribute(id, 'props') as Record<string, unknown>;
        return props.consentPublicProfile === true ? name : personAlias(id);
      },
    };
  }
}
