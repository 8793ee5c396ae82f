/**
 * The overview of regions (地域の全体図): what 「すべて」 shows when the store is too large for
 * one map of all regions (networkOverview says so, or networkMap answers RESPONSE_TOO_LARGE).
 * One node per region sized by its persons, one line per linked pair of regions as wide as
 * their ties across, the region names as labels; a click on a region opens its map. This file
 * holds the query, its answer's types, the resource and the pure mapping to Cytoscape elements;
 * overviewView.ts draws them, OverviewCanvas.tsx is the component.
 */
import type { ElementDefinition } from 'cytoscape';
import type { OverviewLink, OverviewRegion } from '../../../common/overview';
import type { Lang } from '../i18n';
import type { AppStore } from '../store/app';
import { resource, valueOf, type Resource } from '../store/resource';

export const NETWORK_OVERVIEW = /* GraphQL */ `
  query NetworkOverview {
    networkOverview {
      graphVersion
      allRegionsMap
      regions {
        id
        name
        nameEn
        prefecture
        persons
        declaredKeyPersons
        organizations
        smes
        talent
        knowsTies
      }
      links {
        a
        b
        knowsTies
        sharedOrganizations
        sharedPersons
      }
    }
  }
`;

export type { OverviewLink, OverviewRegion };

export interface NetworkOverview {
  graphVersion: number;
  allRegionsMap: boolean;
  regions: OverviewRegion[];
  links: OverviewLink[];
}

/** Node diameters in model units: the smallest region and the largest. */
export const NODE_MIN = 28;
export const NODE_MAX = 110;
/** Line widths: a pair with one tie and the most linked pair. */
export const LINE_MIN = 1;
export const LINE_MAX = 14;

/** What links two regions, in one number (the line's width). */
export const linkWeight = (l: OverviewLink) =>
  l.knowsTies + l.sharedOrganizations + l.sharedPersons;

export const regionLabel = (r: OverviewRegion, lang: Lang) =>
  lang === 'en' && r.nameEn ? r.nameEn : r.name;

/**
 * The Cytoscape elements of an overview: node size by the square root of persons (so the area
 * grows with them), line width by the square root of the link weight, both scaled to the
 * largest; node ids are the region ids, edge ids `a|b`.
 */
export function overviewElements(o: NetworkOverview, lang: Lang): ElementDefinition[] {
  const maxPersons = Math.max(1, ...o.regions.map((r) => r.persons));
  const ids = new Set(o.regions.map((r) => r.id));
  const links = o.links.filter((l) => ids.has(l.a) && ids.has(l.b) && linkWeight(l) > 0);
  const maxWeight = Math.max(1, ...links.map(linkWeight));
  const nodes: ElementDefinition[] = o.regions.map((r) => ({
    group: 'nodes',
    data: {
      id: r.id,
      label: regionLabel(r, lang),
      size: NODE_MIN + (NODE_MAX - NODE_MIN) * Math.sqrt(r.persons / maxPersons),
      persons: r.persons,
    },
  }));
  const edges: ElementDefinition[] = links.map((l) => ({
    group: 'edges',
    data: {
      id: `${l.a}|${l.b}`,
      source: l.a,
      target: l.b,
      weight: linkWeight(l),
      width:
        LINE_MIN +
        (LINE_MAX - LINE_MIN) * Math.sqrt((linkWeight(l) - 1) / Math.max(1, maxWeight - 1)),
    },
  }));
  return [...nodes, ...edges];
}

/**
 * Whether 「すべて」 shows the overview instead of the map: all regions are chosen, and the
 * store is past one map (the overview says so) or the map was refused as too large.
 */
export function showsOverview(
  region: string | null,
  overview: NetworkOverview | undefined,
  mapTooLarge: boolean,
): boolean {
  if (region !== null) return false;
  return mapTooLarge || overview?.allRegionsMap === false;
}

const resources = new WeakMap<AppStore, Resource<NetworkOverview>>();

/**
 * The overview of the store's account, read while 「すべて」 is chosen by an account that reads
 * every region (a coordinator or a municipality has no 「すべて」); one per store.
 */
export function overviewOf(store: AppStore): Resource<NetworkOverview> {
  let r = resources.get(store);
  if (!r) {
    r = resource({
      key: () => {
        const me = store.me.value;
        if (!me || me.regionIds !== null || store.view.state.value.region !== null) return null;
        // read again when the graph changed (a national store has no map version: -1)
        return { version: store.graph.value?.version ?? -1 };
      },
      keep: () => true,
      load: async () =>
        (await store.gql<{ networkOverview: NetworkOverview }>(NETWORK_OVERVIEW)).networkOverview,
    });
    resources.set(store, r);
  }
  return r;
}

/** The overview's answer if it is read and shown now. */
export function shownOverview(store: AppStore): NetworkOverview | undefined {
  const o = valueOf(overviewOf(store).state.value);
  return showsOverview(store.view.state.value.region, o, store.mapTooLarge.value) ? o : undefined;
}
