import { describe, expect, it } from 'vitest';
import { fitViewport, MIN_LABEL_PX, SMALL_FONT, smallLabelsOn } from './viewport';

describe('fitViewport', () => {
  it('fits the nodes (with their size) into the container with padding, centred', () => {
    // box x -10..110, y -10..60 (sizes 20)
    const v = fitViewport(
      [
        { x: 0, y: 0, size: 20 },
        { x: 100, y: 50, size: 20 },
      ],
      300,
      200,
      30,
    );
    // (300 - 60) / 120 = 2, (200 - 60) / 70 = 2
    expect(v.zoom).toBeCloseTo(2);
    // centre (50, 25) on screen centre (150, 100)
    expect(v.pan.x + v.zoom * 50).toBeCloseTo(150);
    expect(v.pan.y + v.zoom * 25).toBeCloseTo(100);
  });

  it('clamps the zoom and copes with one node or none', () => {
    expect(fitViewport([{ x: 5, y: 5, size: 1 }], 800, 600, 30, 0.05, 4).zoom).toBe(4);
    const huge = fitViewport(
      [
        { x: -1e6, y: 0, size: 10 },
        { x: 1e6, y: 0, size: 10 },
      ],
      800,
      600,
      30,
      0.05,
      4,
    );
    expect(huge.zoom).toBe(0.05);
    expect(fitViewport([], 800, 600)).toEqual({ zoom: 1, pan: { x: 400, y: 300 } });
  });
});

describe('smallLabelsOn', () => {
  const visibleAt = MIN_LABEL_PX / SMALL_FONT;
  it('off at overview zoom, on before the small labels become visible', () => {
    expect(smallLabelsOn(0.25, false)).toBe(false);
    expect(smallLabelsOn(visibleAt * 0.79, false)).toBe(false);
    expect(smallLabelsOn(visibleAt * 0.81, false)).toBe(true);
    expect(smallLabelsOn(visibleAt, false)).toBe(true);
  });

  it('stays on a little below the switch-on zoom (hysteresis)', () => {
    expect(smallLabelsOn(visibleAt * 0.7, true)).toBe(true);
    expect(smallLabelsOn(visibleAt * 0.59, true)).toBe(false);
  });
});
