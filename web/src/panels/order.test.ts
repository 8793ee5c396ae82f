/**
 * Two small things of issue 13's walk-through, as the panels show them: the ギャップ list is one
 * list by severity across kinds (never grouped by kind), and a suggestion names where each
 * person works.
 */
import { describe, expect, it } from 'vitest';
import type { Gap } from '../types';
import { bySeverity } from './gapText';
import { workplaces } from './workplaces';

const gap = (id: string, kind: Gap['kind'], severity: number): Gap => ({
  id,
  kind,
  nodeIds: [id],
  relatedIds: [],
  detail: null,
  deptId: null,
  severity,
  explanationJa: '',
  explanationEn: '',
});

describe('the ギャップ panel order', () => {
  it('is by severity across kinds, not grouped by kind; equal severities by id', () => {
    const answer = [
      gap('u2', 'UNSUPPORTED_SME', 0.55),
      gap('c1', 'COORDINATION_GAP', 0.6),
      gap('u1', 'UNSUPPORTED_SME', 0.8),
      gap('k2', 'KEY_PERSON_DEPENDENCY', 0.6),
      gap('n1', 'ISOLATED_NEWCOMER', 0.7),
    ];
    const sorted = bySeverity(answer);
    expect(sorted.map((g) => g.id)).toEqual(['u1', 'n1', 'c1', 'k2', 'u2']);
    expect(sorted.map((g) => g.kind)).toEqual([
      'UNSUPPORTED_SME',
      'ISOLATED_NEWCOMER',
      'COORDINATION_GAP',
      'KEY_PERSON_DEPENDENCY',
      'UNSUPPORTED_SME',
    ]);
    expect(answer[0]!.id).toBe('u2'); // the answer itself is left as it was
  });
});

describe('where a suggested person works', () => {
  const names: Record<string, string> = {
    'org:cci': '塩尻商工会議所',
    'org:bank': '八十二銀行',
    'person:b': '青木 彩',
  };
  const nameOf = (id: string) => names[id] ?? id;
  const edges = [
    { type: 'WORKS_AT', source: 'person:a', target: 'org:cci' },
    { type: 'KNOWS', source: 'person:a', target: 'person:b' },
    { type: 'WORKS_AT', source: 'person:b', target: 'org:bank' },
    { type: 'WORKS_AT', source: 'person:a', target: 'org:bank' },
    { type: 'WORKS_AT', source: 'person:a', target: 'org:cci' },
    { type: 'SUPPORTS', source: 'org:cci', target: 'person:a' },
  ];

  it('names each workplace of the person once, in the map order', () => {
    expect(workplaces(edges, 'person:a', nameOf)).toEqual(['塩尻商工会議所', '八十二銀行']);
    expect(workplaces(edges, 'person:b', nameOf)).toEqual(['八十二銀行']);
  });

  it('names none for a person who works nowhere on the map', () => {
    expect(workplaces(edges, 'person:c', nameOf)).toEqual([]);
  });
});
