/**
 * A small region for the GraphQL and projection tests (ids under `test-gql:`), loaded with the
 * importer. It has one gap of most kinds on purpose:
 * - ISOLATED_NEWCOMER: `person:new` (origin outside) knows one local person (`person:p1`);
 * - UNSUPPORTED_SME: `sme:s2`, nobody supports it and its staff (`person:p6`) knows no member staff;
 * - FOLLOW_UP_OVERDUE: talent `person:t1` active at `sme:s1`, last follow-up 200 days ago.
 */
import type { Dataset } from '../server/import/dataset';

export const P = 'test-gql:';
export const ids = {
  region: `${P}region:a`,
  otherRegion: `${P}region:b`,
  dept: `${P}dept:a`,
  city: `${P}org:city`,
  bank: `${P}org:bank`,
  cci: `${P}org:cci`,
  s1: `${P}sme:s1`,
  s2: `${P}sme:s2`,
  p1: `${P}person:p1`,
  p2: `${P}person:p2`,
  p3: `${P}person:p3`,
  p4: `${P}person:p4`,
  p5: `${P}person:p5`,
  p6: `${P}person:p6`,
  newcomer: `${P}person:new`,
  t1: `${P}person:t1`,
  skill: `${P}skill:dx`,
  challenge: `${P}challenge:dx`,
  event: `${P}event:council`,
} as const;

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

export function testDataset(): Dataset {
  const person = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    origin: 'local',
    mind: 3,
    skill: 3,
    network: 3,
    ...extra,
  });
  return {
    nodes: {
      Region: [
        {
          id: ids.region,
          name: 'テスト市',
          nameEn: 'Test City',
          prefecture: 'テスト県',
          kind: 'municipality',
        },
        {
          id: ids.otherRegion,
          name: 'ベツ町',
          nameEn: 'Betsu Town',
          prefecture: 'テスト県',
          kind: 'municipality',
        },
      ],
      RegionalHRDept: [{ id: ids.dept, name: 'テスト市 地域の人事部', phase: 'operating' }],
      Organization: [
        { id: ids.city, name: 'テスト市役所', kind: 'municipality', functions: ['change_agent'] },
        { id: ids.bank, name: 'テスト信用金庫', kind: 'shinkin', functions: ['strategic_partner'] },
        {
          id: ids.cci,
          name: 'テスト商工会議所',
          kind: 'chamber',
          functions: ['hr_expert', 'employee_advocate'],
        },
      ],
      SME: [
        {
          id: ids.s1,
          name: 'テスト精機',
          industry: 'manufacturing',
          employees: 40,
          hasHrStaff: false,
          hasEvaluationSystem: false,
          stage: 'engaged',
        },
        {
          id: ids.s2,
          name: 'テスト酒造',
          industry: 'food',
          employees: 12,
          hasHrStaff: false,
          hasEvaluationSystem: false,
          stage: 'unaware',
        },
      ],
      Person: [
        person(ids.p1, 'テスト 一郎', { isKeyPerson: true, mind: 5, skill: 4, network: 5 }),
        person(ids.p2, 'テスト 二郎'),
        person(ids.p3, 'テスト 三郎'),
        person(ids.p4, 'テスト 四子'),
        person(ids.p5, 'テスト 五郎'),
        person(ids.p6, 'テスト 六美'),
        person(ids.newcomer, 'テスト 新人', { origin: 'outside' }),
        person(ids.t1, 'テスト 副業', {
          origin: 'outside',
          isTalent: true,
          talentKind: 'side_job',
          hoursPerMonth: 20,
          remoteOk: true,
        }),
      ],
      Skill: [{ id: ids.skill, name: 'DX推進' }],
      Challenge: [{ id: ids.challenge, name: 'デジタル化', code: 'dx' }],
      Event: [{ id: ids.event, name: 'テスト市 協議会', kind: 'council', date: daysAgo(30) }],
    },
    relationships: {
      LEADS: [{ from: ids.city, to: ids.dept }],
      MEMBER_OF: [
        { from: ids.bank, to: ids.dept, engagement: 3 },
        { from: ids.cci, to: ids.dept, engagement: 2 },
      ],
      COVERS: [{ from: ids.dept, to: ids.region }],
      LOCATED_IN: [
        { from: ids.city, to: ids.region },
        { from: ids.bank, to: ids.region },
        { from: ids.cci, to: ids.region },
        { from: ids.s1, to: ids.region },
        { from: ids.s2, to: ids.region },
        { from: ids.p4, to: ids.region },
        { from: ids.p5, to: ids.region },
        { from: ids.newcomer, to: ids.region },
      ],
      WORKS_AT: [
        { from: ids.p1, to: ids.city, title: '課長' },
        { from: ids.p2, to: ids.bank, title: '支店長' },
        { from: ids.p3, to: ids.cci, title: '経営指導員' },
        { from: ids.p6, to: ids.s2, title: '社長' },
      ],
      KNOWS: [
        { from: ids.p1, to: ids.p2, strength: 3, source: 'seed' },
        { from: ids.p1, to: ids.p3, strength: 2, source: 'seed' },
        { from: ids.p2, to: ids.p3, strength: 2, source: 'seed' },
        { from: ids.newcomer, to: ids.p1, strength: 1, source: 'seed' },
        { from: ids.p4, to: ids.p1, strength: 2, source: 'seed' },
        { from: ids.p5, to: ids.p1, strength: 2, source: 'seed' },
        { from: ids.p4, to: ids.p5, strength: 2, source: 'seed' },
        { from: ids.t1, to: ids.p2, strength: 2, source: 'seed' },
        { from: ids.t1, to: ids.p4, strength: 1, source: 'seed' },
      ],
      SUPPORTS: [{ from: ids.bank, to: ids.s1, kind: 'lending' }],
      HAS_CHALLENGE: [
        { from: ids.s1, to: ids.challenge, priority: 3 },
        { from: ids.s2, to: ids.challenge, priority: 2 },
      ],
      HAS_SKILL: [{ from: ids.t1, to: ids.skill, level: 3 }],
      ADDRESSES: [{ from: ids.skill, to: ids.challenge }],
      ENGAGED_WITH: [
        {
          from: ids.t1,
          to: ids.s1,
          status: 'active',
          startedAt: daysAgo(300),
          lastFollowUpAt: daysAgo(200),
        },
      ],
      HOSTED: [{ from: ids.city, to: ids.event }],
      ATTENDED: [
        { from: ids.p1, to: ids.event },
        { from: ids.p2, to: ids.event },
        { from: ids.p3, to: ids.event },
      ],
      PARTICIPATED: [{ from: ids.s1, to: ids.event }],
    },
  };
}
