/**
 * networkx and python-igraph for the benchmark and the evaluation, never for `npm test`: a venv
 * under DATA_DIR/bench-venv with both installed from PyPI the first time, the edge-list files
 * the Python side reads, and the runner of server/bench/networkx_bench.py.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TieGraph } from '../analytics/context';
import { loadConfig } from '../config/env';
import { say } from './common';

const SCRIPT = path.join(import.meta.dirname, 'networkx_bench.py');
const PACKAGES = ['networkx', 'igraph'];

export function python(venv: string): string {
  return path.join(venv, 'bin', 'python');
}

/** The venv with networkx and python-igraph, created and filled from PyPI the first time. */
export function ensureVenv(): string {
  const venv = path.join(loadConfig().dataDir, 'bench-venv');
  const has = () =>
    existsSync(python(venv)) &&
    spawnSync(python(venv), ['-c', 'import networkx, igraph'], { stdio: 'ignore' }).status === 0;
  if (!has()) {
    say(`creating a Python venv at ${venv} and installing ${PACKAGES.join(', ')} from PyPI …`);
    if (!existsSync(python(venv)))
      execFileSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(
      python(venv),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PACKAGES],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (!has()) throw new Error(`${PACKAGES.join(' and ')} could not be installed in the venv`);
  }
  return venv;
}

export function pythonVersion(venv: string): string {
  return execFileSync(python(venv), ['-c', 'import sys; print(sys.version.split()[0])'], {
    encoding: 'utf8',
  }).trim();
}

export interface NxResult {
  name: string;
  kind: string;
  n?: number;
  m?: number;
  ms: number;
  networkx: string;
  library?: string;
  communities?: number;
  modularity?: number;
  oursCommunities?: number;
  oursModularity?: number;
  outside2core?: number;
  largestBiconnected?: number;
}

/** Runs jobs (see networkx_bench.py) one after the other; their results, in order. */
export function runPython(venv: string, dir: string, jobs: object[]): NxResult[] {
  const jobsFile = path.join(dir, `jobs-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const res = spawnSync(python(venv), [SCRIPT, jobsFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (res.status !== 0) throw new Error(`the Python side failed: ${res.stderr}`);
  return res.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as NxResult);
}

/**
 * Writes the edges of T (those `keep` accepts, with their weight or 1) as an edge list of
 * node indices 0..n−1.
 */
export function writeTieEdges(
  file: string,
  T: TieGraph,
  opts: { weighted?: boolean; keep?: (e: number) => boolean } = {},
): number {
  const lines: string[] = [String(T.n)];
  for (let v = 0; v < T.n; v++) {
    for (let e = T.off[v]!; e < T.off[v + 1]!; e++) {
      const u = T.nbr[e]!;
      if (v < u && (opts.keep?.(e) ?? true)) lines.push(`${v} ${u} ${opts.weighted ? T.w[e] : 1}`);
    }
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return lines.length - 1;
}

/** Numbers written one per line by the Python side ("nan" included). */
export function readNumbers(file: string): number[] {
  const text = readFileSync(file, 'utf8').trim();
  return text === '' ? [] : text.split('\n').map(Number);
}
