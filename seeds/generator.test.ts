import { beforeAll, describe, expect, it } from 'vitest';
import {
  NODE_LABELS,
  NODE_SCHEMAS,
  REL_TYPES,
  RELATIONSHIPS,
  relationshipRowSchema,
  type NodeLabel,
} from '../common/model';
import { countNodes, countRelationships, type Dataset } from './dataset';
import { generateNetwork, type Generated } from './generator';
import { datasetAsOf } from './asOf';
import { GAP_KINDS, gapId, type GapKind, type PlantedGap } from './truth';
import {
  detectKeyPersonDependencies,
  detectSilos,
  detectSimpleGaps,
  jaccard,
} from './testing/checker';

const AS_OF = '2026-10-01';
const SIMPLE_KINDS: GapKind[] = [
  'UNSUPPORTED_SME',
  'COORDINATION_GAP',
  'ISOLATED_NEWCOMER',
  'FOLLOW_UP_OVERDUE',
  'FUNCTION_UNCOVERED',
];

const ids = (gaps: readonly PlantedGap[], kinds: readonly GapKind[]) =>
  gaps
    .filter((g) => kinds.includes(g.kind))
    .map(gapId)
    .sort();

function countByKind(gaps: readonly PlantedGap[]): Record<GapKind, number> {
  const out = Object.fromEntries(GAP_KINDS.map((k) => [k, 0])) as Record<GapKind, number>;
  for (const g of gaps) out[g.kind]++;
  return out;
}

/** Every row passes its schema, has no unknown field, and every endpoint has an allowed label. */
function schemaProblems(ds: Dataset): string[] {
  const problems: string[] = [];
  const labelOf = new Map<string, NodeLabel>();
  for (const label of NODE_LABELS) {
    const fields = new Set(Object.keys(NODE_SCHEMAS[label].shape));
    for (const row of ds.nodes[label]) {
      const r = NODE_SCHEMAS[label].safeParse(row);
      if (!r.success) problems.push(`${label} ${row.id}: ${r.error.message}`);
      for (const k of Object.keys(row))
        if (!fields.has(k)) problems.push(`${label} ${row.id}: unknown field ${k}`);
      if (labelOf.has(row.id)) problems.push(`duplicate id ${row.id}`);
      labelOf.set(row.id, label);
    }
  }
  for (const type of REL_TYPES) {
    const def = RELATIONSHIPS[type];
    const fields = new Set(['from', 'to', ...Object.keys(def.props.shape)]);
    const seen = new Set<string>();
    for (const row of ds.relationships[type] as { from: string; to: string }[]) {
      const r = relationshipRowSchema(type).safeParse(row);
      if (!r.success) problems.push(`${type} ${row.from}->${row.to}: ${r.error.message}`);
      for (const k of Object.keys(row))
        if (!fields.has(k)) problems.push(`${type}: unknown field ${k}`);
      const from = labelOf.get(row.from);
      const to = labelOf.get(row.to);
      if (!from || !(def.from as readonly string[]).includes(from))
        problems.push(`${type}: bad from ${row.from}`);
      if (!to || !(def.to as readonly string[]).includes(to))
        problems.push(`${type}: bad to ${row.to}`);
      const key =
        type === 'KNOWS' || type === 'PARTNERS_WITH'
          ? [row.from, row.to].sort().join('|')
          : `${row.from}|${row.to}`;
      if (seen.has(key)) problems.push(`${type}: duplicate ${key}`);
      seen.add(key);
    }
  }
  return problems;
}

function expectTruthHolds(g: Generated): void {
  // the truth describes the network of asOf: the ties valid then (history has ended ones)
  const dataset = datasetAsOf(g.dataset, g.truth.asOf);
  const { truth } = g;
  const planted = truth.gaps;
  expect(ids(detectSimpleGaps(dataset, AS_OF), SIMPLE_KINDS)).toEqual(ids(planted, SIMPLE_KINDS));
  expect(ids(detectKeyPersonDependencies(dataset), ['KEY_PERSON_DEPENDENCY'])).toEqual(
    ids(planted, ['KEY_PERSON_DEPENDENCY']),
  );
  const silos = detectSilos(dataset);
  const plantedSilos = planted.filter((p) => p.kind === 'COMMUNITY_SILO').map((p) => p.nodeIds);
  for (const s of plantedSilos)
    expect(
      silos.some((d) => jaccard(s, d) >= 0.5),
      `silo ${s[0]} found`,
    ).toBe(true);
  for (const d of silos)
    expect(
      plantedSilos.some((s) => jaccard(s, d) >= 0.5),
      `detected silo ${d[0]} planted`,
    ).toBe(true);
}

describe('generateNetwork at pilot scale', () => {
  let g: Generated;
  beforeAll(() => {
    g = generateNetwork({ scale: 'pilot', seed: 7, asOf: AS_OF });
  });

  it('is about 1–2k nodes around the eight pilots', () => {
    expect(countNodes(g.dataset)).toBeGreaterThan(1000);
    expect(countNodes(g.dataset)).toBeLessThan(2000);
    expect(g.dataset.nodes.RegionalHRDept).toHaveLength(8);
  });

  it('writes only rows the domain schemas accept', () => {
    expect(schemaProblems(g.dataset)).toEqual([]);
  });

  it('uses fictional contact data only', () => {
    for (const p of g.dataset.nodes.Person) {
      if (p.email) expect(p.email).toMatch(/^[a-z]+\.[a-z]+\d*@example\.(jp|com)$/);
      if (p.phone) expect(p.phone).toMatch(/^0\d{1,4}-00-\d{4}$/);
    }
  });

  it('plants a few gaps of every kind', () => {
    const counts = countByKind(g.truth.gaps);
    for (const k of GAP_KINDS) expect(counts[k], k).toBeGreaterThanOrEqual(2);
  });

  it('plants exactly the gaps the truth lists', () => {
    expectTruthHolds(g);
  });

  it('follows docs/gaps.md subject conventions', () => {
    for (const gap of g.truth.gaps) {
      if (gap.kind === 'COORDINATION_GAP') expect(gap.nodeIds[1]! < gap.nodeIds[2]!).toBe(true);
      if (gap.kind === 'COMMUNITY_SILO') {
        expect(gap.nodeIds).toEqual([...gap.nodeIds].sort());
        expect(gap.nodeIds.length).toBeGreaterThanOrEqual(6);
      }
      if (gap.kind === 'KEY_PERSON_DEPENDENCY' || gap.kind === 'FUNCTION_UNCOVERED')
        expect(gap.nodeIds[0]).toMatch(/^dept:/);
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateNetwork({ scale: 'pilot', seed: 7, asOf: AS_OF });
    expect(JSON.stringify(again)).toBe(JSON.stringify(g));
    const other = generateNetwork({ scale: 'pilot', seed: 8, asOf: AS_OF });
    expect(JSON.stringify(other.dataset)).not.toBe(JSON.stringify(g.dataset));
  });

  it('holds for other seeds and dates too', () => {
    for (const seed of [1, 2, 3]) {
      const other = generateNetwork({ scale: 'pilot', seed, asOf: '2025-03-31' });
      expect(schemaProblems(other.dataset)).toEqual([]);
      const planted = other.truth.gaps;
      const present = datasetAsOf(other.dataset, '2025-03-31');
      expect(ids(detectSimpleGaps(present, '2025-03-31'), SIMPLE_KINDS)).toEqual(
        ids(planted, SIMPLE_KINDS),
      );
      expect(ids(detectKeyPersonDependencies(present), ['KEY_PERSON_DEPENDENCY'])).toEqual(
        ids(planted, ['KEY_PERSON_DEPENDENCY']),
      );
    }
  });

  it('has a history over 令和4–6年度 that leaves the network of asOf as it is', () => {
    const rels = Object.values(g.dataset.relationships).flat() as Array<{
      since?: string;
      until?: string;
    }>;
    // nothing begins or ends after asOf: the present is the network the truth describes
    expect(rels.filter((r) => (r.since ?? '') > AS_OF || (r.until ?? '') > AS_OF)).toEqual([]);
    const ended = g.dataset.relationships.KNOWS.filter((k) => k.until);
    expect(ended.length).toBeGreaterThan(8 * 5);
    const at = (d: string) => datasetAsOf(g.dataset, d);
    const departed = g.dataset.nodes.Person.filter((p) => p.id.includes('-former-'));
    expect(departed).toHaveLength(16);
    for (const p of departed) {
      expect(at(AS_OF).nodes.Person.some((q) => q.id === p.id)).toBe(false);
      expect(at('2022-04-01').nodes.Person.some((q) => q.id === p.id)).toBe(true);
    }
    // three staff per region came during 令和5–6年度: not there at the start of 令和4年度
    const before = new Set(at('2022-04-01').nodes.Person.map((p) => p.id));
    const came = at(AS_OF).nodes.Person.filter((p) => !before.has(p.id));
    expect(came.length).toBeGreaterThanOrEqual(8 * 3);
    // the network grew: more acquaintances and members each year
    const knows = (d: string) => at(d).relationships.KNOWS.length;
    const members = (d: string) => at(d).relationships.MEMBER_OF.length;
    expect(knows('2022-04-01')).toBeLessThan(knows('2023-04-01'));
    expect(knows('2023-04-01')).toBeLessThan(knows('2024-04-01'));
    expect(members('2023-03-31')).toBeLessThan(members('2024-03-31'));
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    expect(() => generateNetwork({ scale: 'pilot', seed: 1, asOf: '2026-02-30' })).toThrow();
  });
});

describe('generateNetwork at prefecture scale', () => {
  let g: Generated;
  beforeAll(() => {
    g = generateNetwork({ scale: 'prefecture', seed: 1, asOf: AS_OF });
  }, 180_000);

  it('is about 50k nodes and 250k relationships, with 5k-node regions', () => {
    expect(countNodes(g.dataset)).toBeGreaterThan(45_000);
    expect(countNodes(g.dataset)).toBeLessThan(55_000);
    expect(countRelationships(g.dataset)).toBeGreaterThan(220_000);
    expect(countRelationships(g.dataset)).toBeLessThan(290_000);
  });

  it('writes only rows the domain schemas accept', () => {
    expect(schemaProblems(g.dataset)).toEqual([]);
  }, 180_000);

  it('plants tens of gaps of every kind, exactly as the truth lists', () => {
    const counts = countByKind(g.truth.gaps);
    for (const k of GAP_KINDS) expect(counts[k], k).toBeGreaterThanOrEqual(10);
    expectTruthHolds(g);
  }, 180_000);
});
