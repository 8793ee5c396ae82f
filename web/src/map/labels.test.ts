import { describe, expect, it } from 'vitest';
import { overlaps, type Rect } from './areas';
import {
  bodyBox,
  estimateWidth,
  LABEL_MAX_CHARS,
  labelBox,
  labelPriority,
  labelText,
  nodePlacements,
  pickLabels,
  type LabelCandidate,
  type ScreenView,
} from './labels';
import type { MapNode } from '../types';

/** A deterministic sequence in [0, 1) (a linear congruential generator). */
function sequence(seed: number): () => number {
  let x = seed * 7919 + 1;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
}

/** n candidates in a 600 × 400 model box, some important. */
function crowd(n: number, seed = 1): LabelCandidate[] {
  const r = sequence(seed);
  return Array.from({ length: n }, () => ({
    x: r() * 600,
    y: r() * 400,
    size: 10 + r() * 30,
    w: 30 + r() * 90,
    h: 12,
    priority: Math.floor(r() * 1000),
  }));
}

const view = (zoom: number): ScreenView => ({
  zoom,
  pan: { x: 0, y: 0 },
  width: 600 * zoom,
  height: 400 * zoom,
});

function chosenBoxes(cands: LabelCandidate[], v: ScreenView): Rect[] {
  const { items } = nodePlacements(cands, v);
  return pickLabels(items).map(({ index, choice }) => items[index]!.boxes[choice]!);
}

describe('pickLabels', () => {
  it('never picks two overlapping labels, at any zoom', () => {
    for (const seed of [1, 2, 3]) {
      const cands = crowd(400, seed);
      for (const zoom of [0.5, 1, 2.5, 6]) {
        const boxes = chosenBoxes(cands, view(zoom));
        expect(boxes.length).toBeGreaterThan(5);
        const clashes: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            if (overlaps(boxes[i]!, boxes[j]!))
              clashes.push(`seed ${seed} zoom ${zoom}: ${i}, ${j}`);
          }
        }
        expect(clashes).toEqual([]);
      }
    }
  });

  it('labels more nodes as one zooms in (the text keeps its size on screen)', () => {
    const cands = crowd(400);
    const counts = [0.5, 1, 2, 4].map((z) => chosenBoxes(cands, view(z)).length);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]!);
  });

  it('gives the place to the more important label, and the other a free side', () => {
    // b just below a: a's label below its node would cover b (an organisation).
    const a: LabelCandidate = { x: 100, y: 100, size: 20, w: 100, h: 12, priority: 100 };
    const b: LabelCandidate = { x: 100, y: 125, size: 20, w: 100, h: 12, priority: 800 };
    const { items, index } = nodePlacements([a, b], view(1));
    const picked = pickLabels(items).map((p) => ({ node: index[p.index], choice: p.choice }));
    expect(picked[0]).toEqual({ node: 1, choice: 0 });
    // a's bottom place is taken: it goes on top
    expect(picked[1]).toEqual({ node: 0, choice: 1 });
    // with the top, left and right blocked too, a is left out
    const wall: Rect = { x1: 0, y1: 0, x2: 300, y2: 97 };
    expect(pickLabels(items, [wall]).map((p) => index[p.index])).toEqual([1]);
  });

  it('keeps lower-priority labels off an important node, not higher ones', () => {
    const org: LabelCandidate = { x: 100, y: 130, size: 30, w: 10, h: 12, priority: 700 };
    // a person just above the organisation: its bottom label would cover the organisation
    const person: LabelCandidate = { x: 100, y: 100, size: 10, w: 60, h: 12, priority: 200 };
    const low = nodePlacements([org, person], view(1));
    const lowPick = pickLabels(low.items).find((p) => low.index[p.index] === 1)!;
    expect(overlaps(low.items[lowPick.index]!.boxes[lowPick.choice]!, bodyBox(org, view(1)))).toBe(
      false,
    );
    const dept = { ...person, priority: 1000 };
    const high = nodePlacements([org, dept], view(1));
    expect(pickLabels(high.items).find((p) => high.index[p.index] === 1)!.choice).toBe(0);
  });

  it('tries the most important candidates only, measuring a text only when tried', () => {
    const cands = crowd(50).map((c) => ({ ...c, w: NaN }));
    const measured: number[] = [];
    const { items, index } = nodePlacements(cands, view(1), {
      limit: 10,
      width: (i) => (measured.push(i), 40),
      priority: (i) => (i === 7 ? NaN : cands[i]!.priority),
    });
    expect(items).toHaveLength(10);
    expect([...measured].sort((a, b) => a - b)).toEqual([...index].sort((a, b) => a - b));
    expect(index).not.toContain(7);
    const top = cands
      .map((c, i) => ({ i, p: c.priority }))
      .filter((x) => x.i !== 7)
      .sort((a, b) => b.p - a.p || a.i - b.i)
      .slice(0, 10)
      .map((x) => x.i);
    expect(index).toEqual(top);
  });

  it('leaves nodes off screen unlabelled, and keeps labels inside the screen', () => {
    const c: LabelCandidate = { x: 700, y: 100, size: 10, w: 20, h: 12, priority: 1 };
    expect(nodePlacements([c], view(1)).items).toHaveLength(0);
    // at the left edge: neither below (it would stick out left) nor left, but right
    const edge: LabelCandidate = { x: 10, y: 100, size: 10, w: 80, h: 12, priority: 1 };
    const { items } = nodePlacements([edge], view(1));
    expect(pickLabels(items)).toEqual([{ index: 0, choice: 2 }]);
  });

  it('puts a bottom label just below its node', () => {
    const c: LabelCandidate = { x: 50, y: 50, size: 20, w: 40, h: 12, priority: 1 };
    const b = labelBox(c, { zoom: 2, pan: { x: 10, y: 0 }, width: 500, height: 500 });
    // node centre at (110, 100), radius 20 on screen
    expect(b.y1).toBeLessThan(120);
    expect(b.y2).toBeGreaterThan(132);
    expect((b.x1 + b.x2) / 2).toBeCloseTo(110);
  });
});

describe('label texts and priorities', () => {
  const node = (patch: Partial<MapNode>): MapNode => ({
    id: 'x',
    kind: 'Person',
    name: '山田 太郎',
    subKind: null,
    score: 0.5,
    inKeyPersonGroup: false,
    declaredKeyPerson: false,
    isTalent: false,
    community: 0,
    regionIds: [],
    x: null,
    y: null,
    ...patch,
  });

  it('the 地域の人事部 first, then the 地域, the キーパーソン群, organisations, others', () => {
    const order = [
      node({ kind: 'RegionalHRDept' }),
      node({ kind: 'Region' }),
      node({ inKeyPersonGroup: true, score: 0.2 }),
      node({ kind: 'Organization' }),
      node({ isTalent: true }),
      node({ kind: 'SME' }),
      node({ score: 0.9 }),
      node({ kind: 'Event' }),
    ].map(labelPriority);
    expect([...order].sort((a, b) => b - a)).toEqual(order);
  });

  it('shortens long names and marks declared key persons', () => {
    const long = 'あ'.repeat(LABEL_MAX_CHARS + 5);
    expect([...labelText({ name: long, declaredKeyPerson: false })]).toHaveLength(LABEL_MAX_CHARS);
    expect(labelText({ name: long, declaredKeyPerson: false }).endsWith('…')).toBe(true);
    expect(labelText({ name: '上田 𠮷子', declaredKeyPerson: true })).toBe('★上田 𠮷子');
  });

  it('estimates full-width text wider than Latin text of the same length', () => {
    expect(estimateWidth('塩尻市役所', 12)).toBe(60);
    expect(estimateWidth('abcde', 12)).toBeLessThan(60);
  });
});
