import { describe, expect, it } from 'vitest';
import { CROSS_OPACITY, EDGE_OPACITY, FADED_OPACITY, planEdges, type EdgeModel } from './edgeLayer';

// nodes 0 (0,0), 1 (100,0), 2 (0,100), 3 (5000,5000); edges 0-1 (style 0), 0-2 (style 1),
// 1-2 (style 0), 2-3 (style 0)
const model: EdgeModel = {
  xs: Float64Array.from([0, 100, 0, 5000]),
  ys: Float64Array.from([0, 0, 100, 5000]),
  src: Uint32Array.from([0, 0, 1, 2]),
  dst: Uint32Array.from([1, 2, 2, 3]),
  style: Uint16Array.from([0, 1, 0, 0]),
  styles: [
    { color: '#111111', width: 0.6 },
    { color: '#222222', width: 2.4 },
  ],
};
const none = new Uint8Array(4);
/** The whole model in view (zoom 0.1). */
const wide = { zoom: 0.1, pan: { x: 10, y: 10 }, width: 1000, height: 1000 };

describe('planEdges', () => {
  it('one batch per style, segments in model coordinates', () => {
    const b = planEdges(model, { hidden: none, emphasis: null }, wide);
    expect(b).toHaveLength(2);
    const s0 = b.find((x) => x.color === '#111111')!;
    expect(s0).toMatchObject({ width: 0.6, alpha: EDGE_OPACITY });
    expect(s0.segments).toEqual([0, 0, 100, 0, 100, 0, 0, 100, 0, 100, 5000, 5000]);
    expect(b.find((x) => x.color === '#222222')!.segments).toEqual([0, 0, 0, 100]);
  });

  it('leaves out the edges of hidden nodes', () => {
    const hidden = Uint8Array.from([0, 0, 0, 1]);
    const b = planEdges(model, { hidden, emphasis: null }, wide);
    const total = b.reduce((n, x) => n + x.segments.length / 4, 0);
    expect(total).toBe(3);
    expect(
      planEdges(model, { hidden: Uint8Array.from([1, 0, 0, 0]), emphasis: null }, wide),
    ).toEqual([
      {
        color: '#111111',
        width: 0.6,
        alpha: EDGE_OPACITY,
        segments: [100, 0, 0, 100, 0, 100, 5000, 5000],
      },
    ]);
  });

  it('fades all edges but those between two emphasised nodes, faded ones drawn first', () => {
    const emphasis = Uint8Array.from([1, 1, 0, 0]);
    const b = planEdges(model, { hidden: none, emphasis }, wide);
    expect(b.map((x) => [x.color, x.alpha, x.segments.length / 4])).toEqual(
      [
        ['#222222', FADED_OPACITY, 1],
        ['#111111', FADED_OPACITY, 2],
        ['#111111', EDGE_OPACITY, 1],
      ].sort((p, q) => (p[1] as number) - (q[1] as number)),
    );
    expect(b[b.length - 1]!.segments).toEqual([0, 0, 100, 0]);
  });

  it('culls edges wholly outside the view', () => {
    // zoom 1, the view is model x, y in [0, 200]: the edge 2-3 still crosses it, add one that does not
    const m2: EdgeModel = {
      ...model,
      xs: Float64Array.from([0, 100, 0, 5000, 6000]),
      ys: Float64Array.from([0, 0, 100, 5000, 5000]),
      src: Uint32Array.from([0, 3]),
      dst: Uint32Array.from([1, 4]),
      style: Uint16Array.from([0, 0]),
    };
    const view = { zoom: 1, pan: { x: 0, y: 0 }, width: 200, height: 200 };
    const b = planEdges(m2, { hidden: new Uint8Array(5), emphasis: null }, view);
    expect(b).toHaveLength(1);
    expect(b[0]!.segments).toEqual([0, 0, 100, 0]);
  });

  it('draws the ties between two parts fainter, unless they are highlighted', () => {
    const crossing = { ...model, cross: Uint8Array.from([0, 1, 0, 0]) };
    const b = planEdges(crossing, { hidden: none, emphasis: null }, wide);
    const faint = b.find((x) => x.alpha === CROSS_OPACITY)!;
    expect(faint.segments).toEqual([0, 0, 0, 100]);
    expect(CROSS_OPACITY).toBeLessThan(EDGE_OPACITY);
    const lit = planEdges(
      crossing,
      { hidden: none, emphasis: Uint8Array.from([1, 0, 1, 0]) },
      wide,
    );
    expect(lit.find((x) => x.segments.join() === '0,0,0,100')!.alpha).toBe(EDGE_OPACITY);
  });
});
