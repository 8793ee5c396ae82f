/**
 * Backup and restore of the local Neo4j (README "Backup and restore"): Neo4j's own
 * `neo4j-admin database dump` / `load` (org.neo4j.cli.AdminTool, already in the local Neo4j's
 * Maven dependencies), run on the store under DATA_DIR while that Neo4j is stopped — Community
 * has no online backup. A dump is one file, `<database>.dump`, with the whole database:
 * domain graph, accounts, audit log, graph version. For a Neo4j server, cluster or Aura use its
 * own tools (docs/production.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import { buildLauncher, checkPrerequisites, isOurs, LocalNeo4jError } from './localNeo4j';

/** The database inside the local store (Community's one user database). */
const DATABASE = 'neo4j';

/** Runs neo4j-admin (AdminTool) on the local store at `home`; throws with its output if it fails. */
function neo4jAdmin(home: string, args: string[]): string {
  if (isOurs(home))
    throw new LocalNeo4jError(
      `the local Neo4j of ${home} is running: stop the server (Ctrl-C) first — Community backs up a stopped database only`,
    );
  checkPrerequisites();
  buildLauncher();
  const conf = mkdtempSync(path.join(tmpdir(), 'chiiki-admin-conf-'));
  writeFileSync(path.join(conf, 'neo4j.conf'), '');
  try {
    const res = spawnSync(
      'java',
      [
        '-cp',
        path.join(PROJECT_ROOT, 'neo4j', 'target', 'lib', '*'),
        'org.neo4j.cli.AdminTool',
        ...args,
      ],
      { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: conf }, encoding: 'utf8' },
    );
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
    if (res.status !== 0)
      throw new LocalNeo4jError(`neo4j-admin ${args.join(' ')} failed:\n${out}`);
    return out;
  } finally {
    rmSync(conf, { recursive: true, force: true });
  }
}

/** Dumps the stopped local store `<dataDir>/<name>` to `<toDir>/neo4j.dump`; returns its path. */
export function dumpLocalStore(dataDir: string, toDir: string, name = 'neo4j'): string {
  mkdirSync(toDir, { recursive: true });
  const file = path.join(toDir, `${DATABASE}.dump`);
  rmSync(file, { force: true });
  neo4jAdmin(path.join(dataDir, name), [
    'database',
    'dump',
    DATABASE,
    `--to-path=${path.resolve(toDir)}`,
  ]);
  return file;
}

/** Replaces the stopped local store's database with `<fromDir>/neo4j.dump`. */
export function loadLocalStore(dataDir: string, fromDir: string, name = 'neo4j'): void {
  if (!existsSync(path.join(fromDir, `${DATABASE}.dump`)))
    throw new LocalNeo4jError(`no ${DATABASE}.dump in ${fromDir}`);
  neo4jAdmin(path.join(dataDir, name), [
    'database',
    'load',
    DATABASE,
    `--from-path=${path.resolve(fromDir)}`,
    '--overwrite-destination=true',
  ]);
}
