/**
 * Unconfirmed survey ties (named by one of the two, issue 14) are drawn dashed: a style of their
 * own in the edge model, a dashed batch in the plan, beside the solid ties of the same colour.
 */
import { describe, expect, it } from 'vitest';
import { planEdges } from './edgeLayer';
import { buildGraph } from './mapGraph';
import type { MapEdge, MapNode } from '../types';

const node = (id: string): MapNode => ({
  id,
  kind: 'Person',
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
});

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
