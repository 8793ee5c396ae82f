import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeColumns, relColumns, toCsv, writeDataset } from './csv';
import { emptyDataset } from './dataset';
import { generateNetwork } from './generator';

describe('toCsv', () => {
  it('quotes only what RFC 4180 needs and leaves unset cells empty', () => {
    const text = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        { a: 'x,y', b: 'say "hi"', c: undefined, d: ['p', 'q'] },
        { a: true, b: 3, c: 'line\nbreak', d: [] },
      ],
    );
    expect(text).toBe('a,b,c,d\n"x,y","say ""hi""",,p;q\ntrue,3,"line\nbreak",\n');
  });
});

describe('writeDataset', () => {
  it('writes schema-ordered, sorted files, byte-identical for the same seed', () => {
    const { dataset, truth } = generateNetwork({ scale: 'pilot', seed: 3, asOf: '2026-10-01' });
    const a = mkdtempSync(join(tmpdir(), 'seed-a-'));
    const b = mkdtempSync(join(tmpdir(), 'seed-b-'));
    writeDataset(dataset, a, truth);
    writeDataset(
      generateNetwork({ scale: 'pilot', seed: 3, asOf: '2026-10-01' }).dataset,
      b,
      truth,
    );
    const files = readdirSync(a).sort();
    expect(files).toContain('truth.json');
    expect(files).not.toContain('Introduction.csv');
    for (const f of files)
      expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);

    const person = readFileSync(join(a, 'Person.csv'), 'utf8');
    expect(person.charCodeAt(0)).not.toBe(0xfeff);
    expect(person).not.toContain('\r');
    const [header, ...rows] = person.trimEnd().split('\n');
    expect(header).toBe(nodeColumns('Person').join(','));
    const ids = rows.map((r) => r.split(',')[0]!);
    expect(ids).toEqual([...ids].sort());
    expect(readFileSync(join(a, 'KNOWS.csv'), 'utf8').split('\n')[0]).toBe(
      relColumns('KNOWS').join(','),
    );
    expect(JSON.parse(readFileSync(join(a, 'truth.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(truth)),
    );
  });

  it('removes a stale file of a label that has no rows now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-c-'));
    const ds = emptyDataset();
    ds.nodes.Skill.push({ id: 'skill:x', name: 'X' });
    writeDataset(ds, dir);
    expect(readdirSync(dir)).toEqual(['Skill.csv']);
    writeDataset(emptyDataset(), dir);
    expect(readdirSync(dir)).toEqual([]);
  });
});
