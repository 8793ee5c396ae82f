/**
 * The analytics projection against the real Neo4j: what a region scope contains, the
 * all-regions scope, and the cache (shared loads, reload on a version change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeByIdPrefix, testDb } from '../../test/db';
import { cypher } from '../db/cypher';
import type { Database } from '../db/driver';
import { ids, P, testDataset } from '../../test/testDataset';
import { importDataset } from '../import';
import { personAlias } from '../auth/privacy';
import { graphVersion } from '../db/schema';
import { ProjectionCache, withGraphVersion } from './cache';
import {
  ALL_REGIONS,
  loadProjection,
  ScopeNotFoundError,
  type Projection,
  type Scope,
} from './load';

let db: Database;

beforeAll(async () => {
  db = await testDb();
  await removeByIdPrefix(db, P);
  const result = await importDataset(db, testDataset());
  expect(result.errors).toEqual([]);
  // An introduction, an organisation in another region and a person who works there only.
  await db.driver.executeQuery(
    `CREATE (i:Introduction:Entity {id: $i, name: 'x', status: 'suggested'})
     WITH i MATCH (a:Person {id: $a}), (b:Person {id: $b}) CREATE (i)-[:FROM]->(a), (i)-[:TO]->(b)
     WITH a
     CREATE (o:Organization:Entity {id: $o, name: '遠くの会社', kind: 'other', functions: []})
     CREATE (p:Person:Entity {id: $p, name: '遠くの人', origin: 'local'})
     CREATE (p)-[:WORKS_AT]->(o), (p)-[:KNOWS {strength: 1}]->(a)
     WITH o MATCH (r:Region {id: $r}) CREATE (o)-[:LOCATED_IN]->(r)`,
    {
      i: `${P}intro:1`,
      a: ids.p1,
      b: ids.p2,
      o: `${P}org:far`,
      p: `${P}person:far`,
      r: ids.otherRegion,
    },
    { database: db.database },
  );
});

afterAll(async () => {
  if (db) await removeByIdPrefix(db, P);
});

describe('loadProjection', () => {
  it('loads a region: dept, orgs, staff, SMEs, talent, events, skills, challenges; kinds and labels', async () => {
    const p = await loadProjection(db, { regionId: ids.region });
    const g = p.graph;
    for (const id of Object.values(ids).filter((id) => id !== ids.otherRegion)) {
      expect(g.hasNode(id), id).toBe(true);
    }
    expect(g.hasNode(ids.otherRegion)).toBe(false);
    expect(g.hasNode(`${P}org:far`)).toBe(false);
    expect(g.hasNode(`${P}person:far`)).toBe(false);
    expect(g.hasNode(`${P}intro:1`)).toBe(false);
    expect(g.getNodeAttributes(ids.p1)).toMatchObject({
      kind: 'Person',
      name: 'テスト 一郎',
      labels: ['KeyPerson'],
    });
    expect(g.getNodeAttributes(ids.t1).labels).toEqual(['Talent']);
    expect(g.getNodeAttributes(ids.t1).props).toMatchObject({
      talentKind: 'side_job',
      hoursPerMonth: 20,
    });
    expect(g.getNodeAttributes(ids.cci).props.functions).toEqual([
      'hr_expert',
      'employee_advocate',
    ]);
    expect(g.getEdgeAttributes(`KNOWS:${ids.p1}->${ids.p2}`)).toMatchObject({
      type: 'KNOWS',
      weight: 3,
    });
    expect(g.hasEdge(`MEMBER_OF:${ids.bank}->${ids.dept}`)).toBe(true);
    expect(g.hasEdge(`ENGAGED_WITH:${ids.t1}->${ids.s1}`)).toBe(true);
    expect(g.hasEdge(`ADDRESSES:${ids.skill}->${ids.challenge}`)).toBe(true);
    expect(g.order).toBe(Object.keys(ids).length - 1);
    // every relationship among the included nodes
    const res = await db.driver.executeQuery(
      'MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $p AND b.id STARTS WITH $p AND NOT a:Introduction AND NOT b.id IN $out AND NOT a.id IN $out RETURN count(r) AS c',
      { p: P, out: [ids.otherRegion, `${P}org:far`, `${P}person:far`] },
      { database: db.database },
    );
    expect(g.size).toBe(Number(res.records[0]!.get('c')));
    expect(p.version).toBeGreaterThan(0);
  });

  it('loads all regions without introductions', async () => {
    const p = await loadProjection(db, ALL_REGIONS);
    expect(p.graph.hasNode(`${P}person:far`)).toBe(true);
    expect(p.graph.hasNode(ids.otherRegion)).toBe(true);
    expect(p.graph.hasNode(`${P}intro:1`)).toBe(false);
    expect(p.graph.hasEdge(`KNOWS:${P}person:far->${ids.p1}`)).toBe(true);
  });

  it('rejects an unknown region', async () => {
    await expect(loadProjection(db, { regionId: `${P}region:none` })).rejects.toBeInstanceOf(
      ScopeNotFoundError,
    );
  });
});

describe('loadProjection as of a date (ties with a validity)', () => {
  const old = `${P}person:left-2023`;
  const newcomer = `${P}person:joined-2024`;
  beforeAll(async () => {
    // A person who worked at the chamber from 2020 until 2023-04-01 (ended: kept as history),
    // and one who joined in 2024 and knows p1 since then.
    await db.driver.executeQuery(
      `MATCH (o:Organization {id: $cci}), (r:Region {id: $r}), (p1:Person {id: $p1})
       CREATE (a:Person:Entity {id: $old, name: '辞めた人', origin: 'local'})
       CREATE (b:Person:Entity {id: $new, name: '来た人', origin: 'local'})
       CREATE (a)-[:WORKS_AT {since: '2020-01-01', until: '2023-04-01'}]->(o)
       CREATE (a)-[:LOCATED_IN {until: '2023-04-01'}]->(r)
       CREATE (a)-[:KNOWS {strength: 2, since: '2020-05-01', until: '2023-04-01'}]->(p1)
       CREATE (b)-[:WORKS_AT {since: '2024-01-01'}]->(o)
       CREATE (b)-[:KNOWS {strength: 1, since: '2024-02-01'}]->(p1)`,
      { cci: ids.cci, r: ids.region, p1: ids.p1, old, new: newcomer },
      { database: db.database },
    );
  });
  afterAll(async () => {
    await db.driver.executeQuery(
      'MATCH (n:Person) WHERE n.id IN $ids DETACH DELETE n',
      { ids: [old, newcomer] },
      { database: db.database },
    );
  });

  it('sees only the ties valid on the date: since ≤ date < until', async () => {
    const at = (asOf: string) => loadProjection(db, { regionId: ids.region, asOf });
    const y2022 = (await at('2022-06-01')).graph;
    expect(y2022.hasNode(old)).toBe(true);
    expect(y2022.hasEdge(`WORKS_AT:${old}->${ids.cci}`)).toBe(true);
    expect(y2022.hasEdge(`KNOWS:${old}->${ids.p1}`)).toBe(true);
    expect(y2022.hasNode(newcomer)).toBe(false);
    // `until` is the first day the tie no longer holds
    expect((await at('2023-03-31')).graph.hasNode(old)).toBe(true);
    const ended = (await at('2023-04-01')).graph;
    expect(ended.hasNode(old)).toBe(false);
    expect(ended.hasNode(newcomer)).toBe(false);
    // the day before since, and since itself
    expect((await at('2023-12-31')).graph.hasNode(newcomer)).toBe(false);
    const joined = (await at('2024-01-01')).graph;
    expect(joined.hasNode(newcomer)).toBe(true);
    expect(joined.hasEdge(`KNOWS:${newcomer}->${ids.p1}`)).toBe(false);
    expect((await at('2024-02-01')).graph.hasEdge(`KNOWS:${newcomer}->${ids.p1}`)).toBe(true);
  });

  it('is today when no date is given, in a region and across all regions', async () => {
    const now = (await loadProjection(db, { regionId: ids.region })).graph;
    expect(now.hasNode(old)).toBe(false);
    expect(now.hasEdge(`KNOWS:${newcomer}->${ids.p1}`)).toBe(true);
    const all = (await loadProjection(db, ALL_REGIONS)).graph;
    expect(all.hasNode(old)).toBe(false);
    expect(all.hasNode(newcomer)).toBe(true);
    const all2022 = (await loadProjection(db, { regionId: null, asOf: '2022-06-01' })).graph;
    expect(all2022.hasEdge(`KNOWS:${old}->${ids.p1}`)).toBe(true);
    expect(all2022.hasEdge(`KNOWS:${newcomer}->${ids.p1}`)).toBe(false);
  });

  it('keeps the whole history with allHistory', async () => {
    const ever = (await loadProjection(db, { regionId: ids.region, allHistory: true })).graph;
    expect(ever.hasEdge(`KNOWS:${old}->${ids.p1}`)).toBe(true);
    expect(ever.hasEdge(`KNOWS:${newcomer}->${ids.p1}`)).toBe(true);
  });
});

describe('ProjectionCache', () => {
  /** A cache whose loader counts its reads of the database. */
  function countingCache(): { cache: ProjectionCache; loads: () => number } {
    let n = 0;
    const cache = new ProjectionCache(db, {
      load: async (d: Database, s: Scope): Promise<Projection> => {
        n++;
        return loadProjection(d, s);
      },
    });
    return { cache, loads: () => n };
  }

  it('shares one load between concurrent requests and reloads after a write', async () => {
    const { cache, loads } = countingCache();
    const scope = { regionId: ids.region };
    const [a, b, c] = await Promise.all([cache.get(scope), cache.get(scope), cache.get(scope)]);
    expect(loads()).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    let computed = 0;
    expect(a.memo('x', () => ++computed)).toBe(1);
    expect(a.memo('x', () => ++computed)).toBe(1);
    expect(await cache.get(scope)).toBe(a);
    expect(loads()).toBe(1);

    await db.driver.executeQuery(
      cypher('bump-graph-version'),
      { now: new Date().toISOString() },
      { database: db.database },
    );
    const d = await cache.get(scope);
    expect(loads()).toBe(2);
    expect(d).not.toBe(a);
    expect(d.version).toBeGreaterThan(a.version);
    expect(d.memo('x', () => 42)).toBe(42);
    // another scope is another entry
    await cache.get(ALL_REGIONS);
    expect(loads()).toBe(3);
  });

  it("makes the analyst's view from the plain projection, without reading the database again", async () => {
    const { cache, loads } = countingCache();
    const plain = await cache.get({ regionId: ids.region });
    const realName = plain.graph.getNodeAttribute(ids.p1, 'name');
    const analyst = await cache.get({ regionId: ids.region, pseudonymised: true });
    expect(loads()).toBe(1);
    expect(analyst.version).toBe(plain.version);
    expect(analyst.graph.order).toBe(plain.graph.order);
    expect(analyst.graph.size).toBe(plain.graph.size);
    // every person of the test data is without consent: all under their alias, in both places
    const persons = analyst.graph.filterNodes((_id, a) => a.kind === 'Person');
    expect(persons.length).toBeGreaterThan(0);
    for (const id of persons) {
      expect(analyst.graph.getNodeAttribute(id, 'name')).toBe(personAlias(id));
      expect(analyst.graph.getNodeAttribute(id, 'props').name).toBe(personAlias(id));
    }
    // the plain projection is left as it was
    expect(realName).not.toBe(personAlias(ids.p1));
    expect(plain.graph.getNodeAttribute(ids.p1, 'name')).toBe(realName);
    expect(plain.graph.getNodeAttribute(ids.p1, 'props').name).toBe(realName);
    // and it is what a direct pseudonymised load gives
    const direct = await loadProjection(db, { regionId: ids.region, pseudonymised: true });
    expect(direct.graph.getNodeAttribute(ids.p1, 'name')).toBe(personAlias(ids.p1));
  });

  it('does not keep a failed load', async () => {
    const cache = new ProjectionCache(db);
    const scope = { regionId: `${P}region:none` };
    await expect(cache.get(scope)).rejects.toBeInstanceOf(ScopeNotFoundError);
    await expect(cache.get(scope)).rejects.toBeInstanceOf(ScopeNotFoundError);
    expect(cache.stats.loads).toBe(2);
  });

  it('reads the graph version once for everything a request does (withGraphVersion)', async () => {
    // the real database, with its queries counted (graph-version reads only)
    let reads = 0;
    const counted: Database = {
      ...db,
      driver: new Proxy(db.driver, {
        get(target, key, receiver) {
          if (key !== 'executeQuery') return Reflect.get(target, key, receiver);
          return (query: string, ...rest: unknown[]) => {
            if (query === cypher('graph-version')) reads++;
            return (target.executeQuery as (...a: unknown[]) => unknown)(query, ...rest);
          };
        },
      }),
    };
    const cache = new ProjectionCache(counted, { load: (d, scope) => loadProjection(db, scope) });
    const sequence = async () => {
      await cache.get({ regionId: ids.region });
      await cache.get({ regionId: ids.otherRegion });
      await cache.get({ regionId: ids.region, pseudonymised: true });
      return cache.version();
    };
    await sequence();
    expect(reads).toBeGreaterThanOrEqual(4); // one per cache read (the analyst's view: two)
    reads = 0;
    let once: Promise<number> | undefined;
    const version = await withGraphVersion(() => (once ??= cache.currentVersion()), sequence);
    expect(reads).toBe(1);
    expect(version).toBe(await graphVersion(db));
  });
});
