import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE_ORGS, CASE_TABLE, PILOT_DEPTS, PILOT_TABLE, pilotBase } from './pilot';

const REPORT = '/work/shared/reference/000_85fee2fe521e75af.txt';
/** The report's text with all whitespace removed: table cells split across lines join up. */
const reportText = existsSync(REPORT)
  ? readFileSync(REPORT, 'utf8').replace(/\s+/g, '')
  : undefined;

describe('PILOT_TABLE', () => {
  it.skipIf(!reportText)(
    'matches every row of the report table 「実証地域 主体組織 構成機関」 verbatim',
    () => {
      const table = reportText!.slice(reportText!.indexOf('実証地域主体組織構成機関'));
      let at = 0;
      for (const [region, row] of Object.entries(PILOT_TABLE)) {
        const line = `${row.prefecture}${region}${row.lead.replace(/\s/g, '')}${row.members.join('、')}`;
        const found = table.indexOf(line, at);
        expect(found, line).toBeGreaterThanOrEqual(0);
        at = found + line.length;
      }
    },
  );

  it('lists the eight pilots', () => {
    expect(Object.keys(PILOT_TABLE)).toEqual([
      '日立市',
      '常陸太田市',
      '大子町',
      '長岡市',
      '燕市',
      '松本市',
      '塩尻市',
      '三島市',
    ]);
  });
});

describe('pilotBase', () => {
  const ds = pilotBase();
  const orgName = new Map(ds.nodes.Organization.map((o) => [o.id, o.name]));
  const regionName = new Map(ds.nodes.Region.map((r) => [r.id, r.name]));

  it('has one dept per pilot with exactly the table lead and members', () => {
    for (const [region, row] of Object.entries(PILOT_TABLE)) {
      const covers = ds.relationships.COVERS.filter((c) => regionName.get(c.to) === region);
      expect(covers, region).toHaveLength(1);
      const dept = covers[0]!.from;
      const leads = ds.relationships.LEADS.filter((l) => l.to === dept).map((l) =>
        orgName.get(l.from),
      );
      expect(leads, region).toEqual([row.lead]);
      const members = ds.relationships.MEMBER_OF.filter((m) => m.to === dept).map((m) =>
        orgName.get(m.from),
      );
      expect(members, region).toEqual([...row.members]);
    }
    expect(ds.nodes.RegionalHRDept).toHaveLength(8);
  });

  it('keeps an organisation shared by several depts as one node', () => {
    const names = ds.nodes.Organization.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    const deptsOf = (name: string) =>
      PILOT_DEPTS.filter((d) => [d.leadId, ...d.memberIds].some((id) => orgName.get(id) === name))
        .length;
    expect(deptsOf('常陽銀行')).toBe(3);
    expect(deptsOf('八十二銀行')).toBe(2);
    expect(deptsOf('信州大学')).toBe(2);
    expect(deptsOf('第四北越銀行')).toBe(2);
  });

  it('gives every pilot dept all four functions of 図24', () => {
    const functions = new Map(BASE_ORGS.map((o) => [o.id, o.functions]));
    for (const d of PILOT_DEPTS) {
      const covered = new Set([d.leadId, ...d.memberIds].flatMap((id) => functions.get(id) ?? []));
      expect([...covered].sort(), d.id).toEqual([
        'change_agent',
        'employee_advocate',
        'hr_expert',
        'strategic_partner',
      ]);
    }
  });

  it('has the six case regions with the organisations the report names, and 関東経済産業局', () => {
    expect(Object.keys(CASE_TABLE)).toEqual([
      '塩尻市',
      '静岡市',
      '宮津市',
      '安芸高田市',
      '神戸市',
      '松山市',
    ]);
    for (const [region, orgs] of Object.entries(CASE_TABLE)) {
      expect([...regionName.values()], region).toContain(region);
      for (const { orgId, reportText: phrase } of orgs) {
        expect(orgName.has(orgId), orgId).toBe(true);
        if (reportText) expect(reportText.includes(phrase.replace(/\s/g, '')), phrase).toBe(true);
      }
    }
    const meti = ds.nodes.Organization.find((o) => o.name === '関東経済産業局');
    expect(meti?.kind).toBe('government');
  });

  it('locates every organisation in a region', () => {
    const located = new Set(ds.relationships.LOCATED_IN.map((r) => r.from));
    for (const o of ds.nodes.Organization) expect(located.has(o.id), o.id).toBe(true);
  });
});
