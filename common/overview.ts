/**
 * The answer of `networkOverview` (server/graphql/overview.graphql), as the server builds it
 * (server/overview) and the web app draws it (web/src/map/overview.ts).
 */

/** What a region holds, as its own map would show it. */
export interface RegionCounts {
  persons: number;
  /** Persons declared members of the キーパーソン群 (label :KeyPerson), not the computed group. */
  declaredKeyPersons: number;
  organizations: number;
  smes: number;
  talent: number;
  /** KNOWS ties with both ends in the region. */
  knowsTies: number;
}

export interface OverviewRegion extends RegionCounts {
  id: string;
  name: string;
  nameEn: string | null;
  prefecture: string | null;
}

/** What links two regions a < b (server/overview/regionSets.ts says what counts). */
export interface OverviewLink {
  a: string;
  b: string;
  /** KNOWS ties from one region to the other (neither end in both). */
  knowsTies: number;
  sharedOrganizations: number;
  sharedPersons: number;
}
