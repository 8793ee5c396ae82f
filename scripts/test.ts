/**
 * `npm test`: type-checks and lints the whole project, then runs every test (vitest; its global
 * setup starts the local Neo4j when NEO4J_URI is unset). Stops at the first failing step.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config/env';

const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
const steps: Array<[string, string[]]> = [
  [bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  [bin('eslint'), ['.']],
  [bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  [bin('vitest'), ['run', ...process.argv.slice(2)]],
];
for (const [cmd, args] of steps) {
  console.error(`> ${path.basename(cmd)} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}
