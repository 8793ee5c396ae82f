import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_LABELS, REL_TYPES } from '../common/model';
import { nodeColumns, relColumns } from './csv';

const DIR = join(import.meta.dirname, 'templates');

describe('seeds/templates', () => {
  const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
  const files = [
    ...NODE_LABELS.map((l) => [l, nodeColumns(l)] as const),
    ...REL_TYPES.map((t) => [t, relColumns(t)] as const),
  ];

  it('has exactly one template per node label and relationship type', () => {
    const csvs = readdirSync(DIR)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    expect(csvs).toEqual(files.map(([name]) => `${name}.csv`).sort());
  });

  it.each(files)(
    '%s.csv has the schema header and 1–2 complete example rows, documented in README',
    (name, columns) => {
      const lines = readFileSync(join(DIR, `${name}.csv`), 'utf8')
        .trimEnd()
        .split('\n');
      expect(lines[0]).toBe(columns.join(','));
      expect(lines.length - 1).toBeGreaterThanOrEqual(1);
      expect(lines.length - 1).toBeLessThanOrEqual(2);
      expect(readme).toContain(`${name}.csv`);
      if (NODE_LABELS.includes(name as never))
        for (const c of columns) expect(readme, `${name}.${c}`).toContain(`| ${c} |`);
    },
  );
});
