/**
 * docs/BENCHMARKS.md: each benchmark section is rewritten in place by the run that measured
 * it, between `<!-- bench:NAME -->` markers, with the machine and the date, so a partial run
 * never erases figures measured earlier.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/env';

const FILE = path.join(PROJECT_ROOT, 'docs', 'BENCHMARKS.md');
const HEADER = `# Benchmarks

Measured by \`npm run bench\` (sections can be run alone: \`npm run bench -- import\`). Each
section says the machine and the date it was measured on; the targets are SPEC §9's.
`;

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.cpus().length} × ${cpu}, ${mem} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

export function writeSection(name: string, title: string, body: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const section = `${start}\n## ${title}\n\nMachine: ${machineLine()}. Date: ${date} UTC.\n\n${body.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next =
    i >= 0 && j > i
      ? text.slice(0, i) + section + text.slice(j + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, next);
}

/** A markdown table from a header and rows. */
export function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Formats docs/BENCHMARKS.md with the project's prettier settings (aligned tables), so
 * `npm run lint` stays clean after a run; the section markers survive formatting.
 */
export async function formatBenchmarks(): Promise<void> {
  if (!existsSync(FILE)) return;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(FILE)) ?? {};
  const text = readFileSync(FILE, 'utf8');
  writeFileSync(FILE, await prettier.format(text, { ...options, filepath: FILE }));
}
