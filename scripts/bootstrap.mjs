#!/usr/bin/env node
// Entry point of every npm script: checks Node, installs the npm dependencies when they are
// missing or older than package-lock.json (so `npm start` works on a fresh clone), then runs
// the given TypeScript file with tsx. Plain JavaScript on purpose: it runs before anything is
// installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node.js 20.19 or newer is needed (this is ${process.versions.node}).`);
  process.exit(1);
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  console.error('Installing npm dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('npm ci failed; see the output above.');
    process.exit(res.status ?? 1);
  }
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/bootstrap.mjs FILE.ts [ARGS...]');
  process.exit(2);
}
// A larger young generation: building a region's graph allocates many short-lived objects, and
// with V8's default semi-space the scavenger ran often (GC 11.6 % → 8.7 % of the CPU profile of
// the national analytics pass with 64 MiB; docs/decisions.md).
const child = spawn(
  process.execPath,
  ['--max-semi-space-size=64', '--import', 'tsx', path.join(root, script), ...args],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// The child is in our process group and gets Ctrl-C from the terminal itself; forward the
// signals a supervisor sends to us alone.
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
