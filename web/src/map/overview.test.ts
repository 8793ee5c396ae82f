/** The overview of regions: when it replaces the map, and its Cytoscape elements. */
import { describe, expect, it } from 'vitest';
import {
  LINE_MAX,
  LINE_MIN,
  NODE_MAX,
  NODE_MIN,
  overviewElements,
  showsOverview,
  type NetworkOverview,
  type OverviewRegion,
} from './overview';

const region = (id: string, persons: number, nameEn: string | null = null): OverviewRegion => ({
  id,
  name: `${id}市`,
  nameEn,
  prefecture: 'テスト県',
  persons,
  declaredKeyPersons: 0,
  organizations: 1,
  smes: 1,
  talent: 0,
  knowsTies: 0,
});
const link = (a: string, b: string, knowsTies: number, orgs = 0, persons = 0) => ({
  a,
  b,
  knowsTies,
  sharedOrganizations: orgs,
  sharedPersons: persons,
});

const answer: NetworkOverview = {
  graphVersion: 3,
  allRegionsMap: false,
  regions: [region('a', 400, 'Ay'), region('b', 100), region('c', 0)],
  links: [link('a', 'b', 8, 1, 1), link('a', 'c', 1), link('b', 'c', 0), link('a', 'x', 5)],
};

describe('overviewElements', () => {
  const els = overviewElements(answer, 'ja');
  const node = (id: string) => els.find((e) => e.group === 'nodes' && e.data.id === id)!.data;
  const edges = els.filter((e) => e.group === 'edges').map((e) => e.data);

  it('sizes regions by the square root of their persons, the largest at the maximum', () => {
    expect(node('a').size).toBe(NODE_MAX);
    expect(node('b').size).toBeCloseTo(NODE_MIN + (NODE_MAX - NODE_MIN) * 0.5);
    expect(node('c').size).toBe(NODE_MIN);
    expect(node('a').label).toBe('a市');
    expect(overviewElements(answer, 'en').find((e) => e.data.id === 'a')!.data.label).toBe('Ay');
    // no English name: the name as stored
    expect(overviewElements(answer, 'en').find((e) => e.data.id === 'b')!.data.label).toBe('b市');
  });

  it('draws a line per linked pair as wide as its weight, none without weight or to an unknown region', () => {
    expect(edges.map((e) => [e.id, e.source, e.target, e.weight])).toEqual([
      ['a|b', 'a', 'b', 10],
      ['a|c', 'a', 'c', 1],
    ]);
    expect(edges[0]!.width).toBe(LINE_MAX);
    expect(edges[1]!.width).toBe(LINE_MIN);
  });
});

describe('showsOverview', () => {
  it('replaces the map of all regions of a national store, or one refused as too large', () => {
    expect(showsOverview(null, answer, false)).toBe(true);
    expect(showsOverview(null, { ...answer, allRegionsMap: true }, false)).toBe(false);
    expect(showsOverview(null, { ...answer, allRegionsMap: true }, true)).toBe(true);
    expect(showsOverview(null, undefined, true)).toBe(true);
    expect(showsOverview(null, undefined, false)).toBe(false);
    // a region is chosen: its own map
    expect(showsOverview('a', answer, true)).toBe(false);
  });
});
