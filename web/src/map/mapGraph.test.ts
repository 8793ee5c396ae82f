import { describe, expect, it } from 'vitest';
import { planEdges } from './edgeLayer';
import { buildGraph, edgeWidth, hiddenNodes, linked } from './mapGraph';
import { LINE_GROUPS } from './palette';
import type { MapEdge, MapNode } from '../types';

function node(id: string, kind: MapNode['kind'] = 'Person'): MapNode {
  return {
    id,
    kind,
    name: id,
    subKind: null,
    score: null,
    inKeyPersonGroup: false,
    declaredKeyPerson: false,
    isTalent: false,
    community: null,
    regionIds: [],
    x: null,
    y: null,
  };
}

// a - b - c - d, b - s (a skill), s - e: e is reachable from b only through the skill.
const nodes = [node('a'), node('b'), node('c'), node('d', 'SME'), node('s', 'Skill'), node('e')];
const edges: MapEdge[] = [
  { source: 'a', target: 'b', type: 'KNOWS', weight: 1 },
  { source: 'b', target: 'c', type: 'KNOWS', weight: 3 },
  { source: 'c', target: 'd', type: 'WORKS_AT', weight: 2 },
  { source: 'b', target: 's', type: 'HAS_SKILL', weight: 1 },
  { source: 's', target: 'e', type: 'HAS_SKILL', weight: 1 },
];
const positions = Object.fromEntries(nodes.map((n, i) => [n.id, { x: i * 10, y: -i }]));
const g = buildGraph(nodes, edges, positions);
const ids = (hidden: Uint8Array) => g.ids.filter((_, i) => !hidden[i]);

describe('map graph (index form)', () => {
  it('indexes nodes, positions and edges with a style per colour and width', () => {
    expect(g.ids).toEqual(['a', 'b', 'c', 'd', 's', 'e']);
    expect([...g.edges.xs]).toEqual([0, 10, 20, 30, 40, 50]);
    expect([...g.edges.src]).toEqual([0, 1, 2, 1, 4]);
    expect([...g.edges.dst]).toEqual([1, 2, 3, 4, 5]);
    const style = (k: number) => g.edges.styles[g.edges.style[k]!];
    expect(style(0)).toEqual({ color: LINE_GROUPS.knows, width: 0.6 });
    expect(style(1)).toEqual({ color: LINE_GROUPS.knows, width: 2.4 });
    expect(style(2)).toEqual({ color: LINE_GROUPS.works, width: 1.5 });
    // the two HAS_SKILL ties share one style (the default colour)
    expect(g.edges.style[3]).toBe(g.edges.style[4]);
    expect(g.edges.styles).toHaveLength(4);
  });

  it('edge widths follow the weight 1–3 linearly (clamped)', () => {
    expect([0, 1, 1.5, 2, 3, 7].map(edgeWidth)).toEqual([0.6, 0.6, 1.1, 1.5, 2.4, 2.4]);
  });

  it('knows which nodes are tied', () => {
    expect(linked(g, 'a', 'b')).toBe(true);
    expect(linked(g, 'b', 'a')).toBe(true);
    expect(linked(g, 'a', 'c')).toBe(false);
    expect(linked(g, 'a', 'nobody')).toBe(false);
  });

  it('hides the kinds not shown', () => {
    expect(ids(hiddenNodes(g, ['Person', 'SME'], null))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(hiddenNodes(g, ['SME'], null))).toEqual(['d']);
  });

  it('focus: the neighbourhood within depth ties, through shown nodes only', () => {
    const all = ['Person', 'SME', 'Skill'] as const;
    expect(ids(hiddenNodes(g, [...all], { id: 'a', depth: 1 }))).toEqual(['a', 'b']);
    expect(ids(hiddenNodes(g, [...all], { id: 'a', depth: 2 }))).toEqual(['a', 'b', 'c', 's']);
    expect(ids(hiddenNodes(g, [...all], { id: 'b', depth: 2 }))).toEqual([
      'a',
      'b',
      'c',
      'd',
      's',
      'e',
    ]);
    // skills hidden: e is not reached through s
    expect(ids(hiddenNodes(g, ['Person', 'SME'], { id: 'b', depth: 2 }))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    // the focused node stays even when its kind is filtered out
    expect(ids(hiddenNodes(g, ['SME'], { id: 'a', depth: 1 }))).toEqual(['a']);
    // depth 0 or an unknown id: only the kind filter
    expect(ids(hiddenNodes(g, [...all], { id: 'a', depth: 0 }))).toEqual(['a']);
    expect(ids(hiddenNodes(g, ['SME'], { id: 'zz', depth: 1 }))).toEqual(['d']);
  });

  it('draws no LOCATED_IN or COVERS line, and a focus does not follow them', () => {
    const r = node('r', 'Region');
    const withRegion = buildGraph(
      [...nodes, r],
      [
        ...edges,
        { source: 'a', target: 'r', type: 'LOCATED_IN', weight: 1 },
        { source: 'e', target: 'r', type: 'LOCATED_IN', weight: 1 },
        { source: 'd', target: 'r', type: 'COVERS', weight: 1 },
      ],
      positions,
    );
    expect(withRegion.edges.src).toHaveLength(edges.length);
    expect(linked(withRegion, 'a', 'r')).toBe(false);
    const hood = hiddenNodes(withRegion, ['Person', 'SME', 'Region'], { id: 'a', depth: 2 });
    expect(withRegion.ids.filter((_, i) => !hood[i])).toEqual(['a', 'b', 'c']);
  });
});

// Unconfirmed survey ties (named by one of the two, issue 14) are drawn dashed: a style of their
// own in the edge model, a dashed batch in the plan, beside the solid ties of the same colour.
describe('unconfirmed survey ties', () => {
  it('get a dashed style and batch; confirmed ties of the same strength stay solid', () => {
    const nodes = [node('a'), node('b'), node('c')];
    const edges: MapEdge[] = [
      { source: 'a', target: 'b', type: 'KNOWS', weight: 2 },
      { source: 'b', target: 'c', type: 'KNOWS', weight: 2, unconfirmed: true },
    ];
    const g = buildGraph(nodes, edges, {
      a: { x: 0, y: 0 },
      b: { x: 10, y: 0 },
      c: { x: 20, y: 0 },
    });
    const [s0, s1] = [g.edges.style[0]!, g.edges.style[1]!];
    expect(s0).not.toBe(s1);
    expect(g.edges.styles[s0]!.dashed).toBeUndefined();
    expect(g.edges.styles[s1]!.dashed).toBe(true);
    const batches = planEdges(
      g.edges,
      { hidden: new Uint8Array(3), emphasis: null },
      { zoom: 1, pan: { x: 0, y: 0 }, width: 100, height: 100 },
    );
    expect(batches.filter((b) => b.dashed).map((b) => b.segments)).toEqual([[10, 0, 20, 0]]);
    expect(batches.filter((b) => !b.dashed).map((b) => b.segments)).toEqual([[0, 0, 10, 0]]);
  });
});
