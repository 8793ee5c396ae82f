/**
 * Several server processes against one Neo4j (SPEC §13), for the tests and the load benchmark:
 * spawns server/cli/serve.ts with the connection of `db` and a shared AUTH_SECRET (so a token
 * one process issued is valid on every other, as behind a load balancer), and resolves with its
 * URL once it listens.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import type { Database } from '../db/driver';

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startServerProcess(
  db: Database,
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'server/cli/serve.ts')],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: db.connection.uri,
        NEO4J_USER: db.connection.user,
        NEO4J_PASSWORD: db.connection.password,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server process did not start within ${timeoutMs / 1000} s: ${err}`));
    }, timeoutMs);
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /LISTENING (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1]!,
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited (${code}) before it listened: ${err}`));
    });
  });
}
