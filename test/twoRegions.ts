/**
 * The frame of an API test's own network: two regions of a test prefecture, each with a
 * 地域の人事部 led by its municipality (located there), under ids with the test's prefix. The
 * test adds its persons, SMEs and ties to `nodes` and `relationships`.
 */
export function twoRegions(prefix: string, names: { a: string; b: string }) {
  const ids = {
    region: `${prefix}region:a`,
    otherRegion: `${prefix}region:b`,
    dept: `${prefix}dept:a`,
    otherDept: `${prefix}dept:b`,
    city: `${prefix}org:city`,
    otherCity: `${prefix}org:other-city`,
  };
  return {
    ids,
    nodes: {
      Region: [
        { id: ids.region, name: names.a, prefecture: 'テスト県', kind: 'municipality' },
        { id: ids.otherRegion, name: names.b, prefecture: 'テスト県', kind: 'municipality' },
      ],
      RegionalHRDept: [
        { id: ids.dept, name: `${names.a} 地域の人事部`, phase: 'operating' },
        { id: ids.otherDept, name: `${names.b} 地域の人事部`, phase: 'launching' },
      ],
      Organization: [
        { id: ids.city, name: `${names.a}役所`, kind: 'municipality' },
        { id: ids.otherCity, name: `${names.b}役場`, kind: 'municipality' },
      ],
    },
    relationships: {
      LEADS: [
        { from: ids.city, to: ids.dept },
        { from: ids.otherCity, to: ids.otherDept },
      ],
      COVERS: [
        { from: ids.dept, to: ids.region },
        { from: ids.otherDept, to: ids.otherRegion },
      ],
      LOCATED_IN: [
        { from: ids.city, to: ids.region },
        { from: ids.otherCity, to: ids.otherRegion },
      ],
    },
  };
}

/** A person row of such a test: local unless `extra` says otherwise. */
export function personRow(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { id, name, origin: 'local', ...extra };
}
