/**
 * The demo database holds what the report says: the eight pilot 地域の人事部 with their lead
 * (主体組織) and members (構成機関) exactly as its table lists them, the six case regions and
 * 関東経済産業局. Loaded through the real path `npm start` uses (seedIfEmpty → generator →
 * importer) into the test Neo4j.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { cypher } from '../server/db/cypher';
import { countsByLabel } from '../server/db/schema';
import { DEMO_SEED } from '../server/demoSeed';
import { importDataset } from '../server/import';
import { generateNetwork } from '../seeds/generator';
import { CASE_TABLE, METI_ORG_ID, PILOT_TABLE } from '../seeds/pilot';
import { testDb } from './db';

interface DeptRow {
  id: string;
  name: string;
  lead: string | null;
  regions: string[];
  members: string[];
}

describe('pilot-region seed in Neo4j', () => {
  let depts: DeptRow[] = [];

  beforeAll(async () => {
    const db = await testDb();
    const { dataset } = generateNetwork({ scale: 'pilot', seed: DEMO_SEED, asOf: '2026-10-01' });
    const first = await importDataset(db, dataset);
    expect(first.errors).toEqual([]);
    const res = await db.driver.executeQuery(cypher('depts-overview'));
    depts = res.records.map((r) => r.toObject() as DeptRow);
  });

  it.each(Object.entries(PILOT_TABLE))(
    '%s: lead and members exactly as the report table',
    (region, row) => {
      const matching = depts.filter((d) => d.regions.includes(region));
      expect(matching).toHaveLength(1);
      const dept = matching[0]!;
      expect(dept.lead).toBe(row.lead);
      expect([...dept.members].sort()).toEqual([...row.members].sort());
    },
  );

  it('has exactly eight depts, and shared organisations are one node', async () => {
    expect(depts).toHaveLength(8);
    const db = await testDb();
    const res = await db.driver.executeQuery(
      "MATCH (o:Organization {name: '常陽銀行'})-[:MEMBER_OF]->(d:RegionalHRDept) RETURN count(DISTINCT o) AS orgs, count(d) AS depts",
    );
    expect(res.records[0]!.get('orgs')).toBe(1);
    expect(res.records[0]!.get('depts')).toBe(3); // 日立市, 常陸太田市, 大子町
  });

  it('has the six case regions with their organisations, and 関東経済産業局', async () => {
    const db = await testDb();
    const res = await db.driver.executeQuery(cypher('case-regions'));
    const regions = new Map(
      res.records.map((r) => [r.get('name') as string, r.get('orgIds') as string[]]),
    );
    for (const [region, orgs] of Object.entries(CASE_TABLE)) {
      expect(regions.has(region), region).toBe(true);
      for (const { orgId } of orgs)
        expect(regions.get(region), `${region} ${orgId}`).toContain(orgId);
    }
    const meti = await db.driver.executeQuery(
      'MATCH (o:Organization {id: $id})-[:HOSTED]->(e:Event {kind: "info_sharing"}) RETURN o.name AS name, count(e) AS events',
      { id: METI_ORG_ID },
    );
    expect(meti.records[0]!.get('name')).toBe('関東経済産業局');
    expect(meti.records[0]!.get('events')).toBeGreaterThan(0);
  });

  it('re-importing the same seed changes nothing', async () => {
    const db = await testDb();
    const before = await countsByLabel(db);
    const { dataset } = generateNetwork({ scale: 'pilot', seed: DEMO_SEED, asOf: '2026-10-01' });
    const again = await importDataset(db, dataset);
    expect(Object.values(again.created).reduce((a, b) => a + b, 0)).toBe(0);
    expect(Object.values(again.updated).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await countsByLabel(db)).toEqual(before);
  });
});
