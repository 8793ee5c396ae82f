/**
 * `npm test`: the static checks (type-check, lint, formatting) and every test (vitest; its
 * global setup starts the local Neo4j when NEO4J_URI is unset), side by side: the checks run
 * while vitest starts Neo4j and runs the unit tests, so they add little to the total time.
 *
 * vitest's output streams as usual; each check's output is held back and printed in one piece
 * when it fails, so two outputs never interleave. The summary at the end names every step
 * that failed, and the exit code is non-zero if any did (every step runs to its end).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config/env';

const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);

interface Step {
  name: string;
  cmd: string;
  args: string[];
  /** Output held back and printed once, on failure (the checks); else streamed (vitest). */
  quiet: boolean;
}

const steps: Step[] = [
  { name: 'tsc', cmd: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'], quiet: true },
  { name: 'eslint', cmd: bin('eslint'), args: ['.'], quiet: true },
  {
    name: 'prettier',
    cmd: bin('prettier'),
    args: ['--check', '--log-level', 'warn', '.'],
    quiet: true,
  },
  { name: 'vitest', cmd: bin('vitest'), args: ['run', ...process.argv.slice(2)], quiet: false },
];

interface Outcome {
  step: Step;
  code: number;
  seconds: number;
  output: string;
}

function run(step: Step): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      cwd: PROJECT_ROOT,
      stdio: step.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const done = (code: number) => {
      const outcome = { step, code, seconds: (performance.now() - started) / 1000, output };
      if (step.quiet) report(outcome);
      resolve(outcome);
    };
    child.once('error', (err) => {
      output += `${err.message}\n`;
      done(1);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** One block per check, written at once: a status line, and the whole output if it failed. */
function report({ step, code, seconds, output }: Outcome): void {
  const line = `> ${step.name} ${step.args.join(' ')}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds.toFixed(1)} s`;
  process.stderr.write(code === 0 ? `${line}\n` : `\n${line}\n${output.trimEnd()}\n\n`);
}

const outcomes = await Promise.all(steps.map(run));
const failed = outcomes.filter((o) => o.code !== 0);
process.stderr.write(
  `\nnpm test: ${outcomes.map((o) => `${o.step.name} ${o.code === 0 ? 'ok' : 'FAILED'} (${o.seconds.toFixed(0)} s)`).join(', ')}\n`,
);
if (failed.length > 0) {
  // The checks' output again, last, where a reader looks first (vitest's is above).
  for (const o of failed.filter((f) => f.step.quiet)) report(o);
  process.exit(failed[0]!.code || 1);
}
