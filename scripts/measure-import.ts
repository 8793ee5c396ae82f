/**
 * Measures the import rate on a synthetic prefecture-sized network (50k Person + 250k KNOWS by
 * default) against the test Neo4j: `npx tsx scripts/measure-import.ts [persons] [knows]`.
 * Imports once from memory (importDataset), once more (all unchanged), then from CSV files
 * (importPath: read + validate + write) after removing the data, and cleans up.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config/env';
import { openDatabase } from '../server/db/driver';
import { applySchema } from '../server/db/schema';
import type { Dataset } from '../server/import/dataset';
import { importDataset, importPath } from '../server/import/write';

const PREFIX = 'perf-import:';
const persons = Number(process.argv[2] ?? 50_000);
const knows = Number(process.argv[3] ?? 250_000);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function build(): Dataset {
  const r = rng(42);
  const P = Array.from({ length: persons }, (_, i) => ({
    id: `${PREFIX}p:${i}`,
    name: `人物 ${i}`,
    origin: r() < 0.8 ? 'local' : 'outside',
    mind: Math.floor(r() * 6),
    skill: Math.floor(r() * 6),
    network: Math.floor(r() * 6),
    isKeyPerson: r() < 0.02,
  }));
  const seen = new Set<string>();
  const K: Record<string, unknown>[] = [];
  while (K.length < knows) {
    const a = Math.floor(r() * persons);
    const b = (a + 1 + Math.floor(r() * 300)) % persons;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    K.push({
      from: `${PREFIX}p:${a}`,
      to: `${PREFIX}p:${b}`,
      strength: 1 + Math.floor(r() * 3),
      source: 'seed',
      since: '2020-04-01',
    });
  }
  return { nodes: { Person: P }, relationships: { KNOWS: K } };
}

function toCsv(rows: Record<string, unknown>[], cols: string[]): string {
  return (
    [
      cols.join(','),
      ...rows.map((row) => cols.map((c) => (row[c] === undefined ? '' : String(row[c]))).join(',')),
    ].join('\n') + '\n'
  );
}

async function cleanup(db: Awaited<ReturnType<typeof openDatabase>>) {
  // In chunks, so the clean-up itself stays small.
  for (;;) {
    const res = await db.driver.executeQuery(
      'MATCH (n:Entity) WHERE n.id STARTS WITH $p WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c',
      { p: PREFIX },
      { database: db.database },
    );
    if (Number(res.records[0]?.get('c') ?? 0) === 0) break;
  }
}

/** CPU seconds used so far by the local Neo4j JVM (when it is local), from /proc. */
function neo4jCpu(home: string): number | null {
  const pidFile = path.join(home, 'launcher.pid');
  if (!existsSync(pidFile)) return null;
  try {
    const stat = readFileSync(`/proc/${readFileSync(pidFile, 'utf8').trim()}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return null;
  }
}
const config = loadConfig();
const home = path.join(config.dataDir, 'neo4j-test');
async function timed<T>(label: string, total: number, fn: () => Promise<T>): Promise<T> {
  const j0 = neo4jCpu(home);
  const c0 = process.cpuUsage();
  const t0 = Date.now();
  const out = await fn();
  const wall = (Date.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const nodeCpu = (c.user + c.system) / 1e6;
  const j1 = neo4jCpu(home);
  const jcpu = j0 !== null && j1 !== null ? j1 - j0 : NaN;
  console.log(
    `${label}: wall ${wall.toFixed(1)} s = ${Math.round(total / wall)} rows/s; CPU: node ${nodeCpu.toFixed(1)} s, neo4j ${jcpu.toFixed(1)} s` +
      ` (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`,
  );
  return out;
}

const db = await openDatabase(config, 'test');
try {
  await applySchema(db);
  await cleanup(db);
  const ds = build();
  const total = persons + knows;
  const mem = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
  console.log(`dataset: ${persons} Person + ${knows} KNOWS = ${total} (rss ${mem} MB)`);

  let phaseT = Date.now();
  let last = '';
  const r1 = await timed('import (memory, all created)', total, () =>
    importDataset(db, ds, {
      onProgress: (p) => {
        if (p.phase !== last) {
          const now = Date.now();
          if (last) console.log(`  ${last}: ${((now - phaseT) / 1000).toFixed(1)} s`);
          phaseT = now;
          last = p.phase;
        }
      },
    }),
  );
  console.log(`  ${last}: ${((Date.now() - phaseT) / 1000).toFixed(1)} s`);
  if (r1.errors.length) throw new Error(JSON.stringify(r1.errors.slice(0, 3)));
  const r2 = await timed('re-import (memory, all unchanged)', total, () => importDataset(db, ds));
  if (Object.values(r2.unchanged).reduce((a, b) => a + b, 0) !== total)
    throw new Error('re-import changed something');

  await cleanup(db);
  const dir = mkdtempSync(path.join(tmpdir(), 'perf-import-'));
  writeFileSync(
    path.join(dir, 'Person.csv'),
    toCsv(ds.nodes.Person!, ['id', 'name', 'origin', 'mind', 'skill', 'network', 'isKeyPerson']),
  );
  writeFileSync(
    path.join(dir, 'KNOWS.csv'),
    toCsv(ds.relationships.KNOWS!, ['from', 'to', 'strength', 'since', 'source']),
  );
  const r3 = await timed('import (CSV files: read + validate + write)', total, () =>
    importPath(db, dir),
  );
  if (r3.errors.length) throw new Error(JSON.stringify(r3.errors.slice(0, 3)));
  rmSync(dir, { recursive: true, force: true });
} finally {
  await cleanup(db);
  await db.close();
}
