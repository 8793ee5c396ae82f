/**
 * The embedded default: the real Neo4j Community 5.26 engine, fetched by Maven from Maven Central
 * into the user's Maven cache (neo4j/pom.xml) and run by the tiny launcher in neo4j/src. Bolt
 * listens on 127.0.0.1 only; authentication is on with a password generated on first start.
 *
 * The connection is written to `<dataDir>/<name>.json` ({uri, user, password}) so that tools,
 * tests and people can connect. If a local Neo4j for the same home is already running (e.g.
 * `npm run db` in another terminal), it is reused instead of started twice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import { log } from '../log';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
}

export interface LocalNeo4j extends Neo4jConnection {
  /** Stops the engine if this process started it (a reused one is left running). */
  stop(): Promise<void>;
  startedHere: boolean;
}

const NEO4J_DIR = path.join(PROJECT_ROOT, 'neo4j');
const TARGET = path.join(NEO4J_DIR, 'target');
const LAUNCHER_CLASS = 'jp.chiikijinjibu.neo4j.LocalNeo4j';

export class LocalNeo4jError extends Error {}

/** Java 17+ and Maven must be installed; say exactly what to do if not. */
export function checkPrerequisites(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new LocalNeo4jError(
      'Java 17 or newer is needed to run the local Neo4j, and `java` was not found.\n' +
        '  Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless), or set\n' +
        '  NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD to use an existing Neo4j 5 server.',
    );
  }
  const m = /version "(\d+)/.exec(`${java.stderr}${java.stdout}`);
  const major = m ? Number(m[1]) : 0;
  if (major < 17) {
    throw new LocalNeo4jError(
      `Java 17 or newer is needed to run the local Neo4j; found Java ${major || 'unknown'}.\n` +
        '  Install Java 17+, or set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.',
    );
  }
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0) {
    throw new LocalNeo4jError(
      'Maven is needed to fetch the local Neo4j from Maven Central, and `mvn` was not found.\n' +
        '  Install it (Debian/Ubuntu: apt-get install -y maven), or set NEO4J_URI,\n' +
        '  NEO4J_USER and NEO4J_PASSWORD to use an existing Neo4j 5 server.',
    );
  }
}

/**
 * Resolves Neo4j and APOC with Maven (downloads on first run; later runs are offline) and
 * compiles the launcher. Skipped when the build is newer than the pom and the launcher source.
 */
export function buildLauncher(): void {
  const marker = path.join(TARGET, 'local-neo4j-1.0.0.jar');
  const sources = [
    path.join(NEO4J_DIR, 'pom.xml'),
    path.join(NEO4J_DIR, 'src/main/java/jp/chiikijinjibu/neo4j/LocalNeo4j.java'),
  ];
  const upToDate =
    existsSync(marker) &&
    existsSync(path.join(TARGET, 'plugins')) &&
    sources.every((s) => statSync(s).mtimeMs <= statSync(marker).mtimeMs);
  if (upToDate) return;
  log.info(
    { step: 'neo4j-build' },
    'Preparing the local Neo4j with Maven (the first run downloads about 120 MB)',
  );
  const res = spawnSync('mvn', ['-q', '-B', '-f', path.join(NEO4J_DIR, 'pom.xml'), 'package'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (res.status !== 0) {
    throw new LocalNeo4jError(
      'Maven could not fetch or build the local Neo4j (see its output above).\n' +
        '  Check that Maven Central is reachable, or set NEO4J_URI to use another server.',
    );
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function findFreePort(first: number): Promise<number> {
  for (let port = first; port < first + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new LocalNeo4jError(`no free port for Bolt between ${first} and ${first + 99}`);
}

function canConnect(uri: string): Promise<boolean> {
  const m = /:(\d+)$/.exec(uri);
  if (!m) return Promise.resolve(false);
  return new Promise((resolve) => {
    const sock = net.connect(Number(m[1]), '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

interface StartOptions {
  dataDir: string;
  /** Distinguishes the dev database (`neo4j`) from the test one (`neo4j-test`). */
  name: string;
  firstPort: number;
  heap: string;
}

/** The connection file of a local instance; holds the password generated on first start. */
function readConnectionFile(file: string): Neo4jConnection | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Neo4jConnection>;
    if (parsed.uri && parsed.user && parsed.password) return parsed as Neo4jConnection;
  } catch {
    // a damaged file is replaced below
  }
  return null;
}

export async function startLocalNeo4j(opts: StartOptions): Promise<LocalNeo4j> {
  const home = path.join(opts.dataDir, opts.name);
  const connFile = path.join(opts.dataDir, `${opts.name}.json`);
  mkdirSync(home, { recursive: true });

  const previous = readConnectionFile(connFile);
  // A running instance holds the store lock: reuse it rather than fail to start a second one.
  if (previous && (await canConnect(previous.uri)) && isOurs(home)) {
    log.info({ uri: previous.uri }, 'Using the local Neo4j that is already running');
    return { ...previous, startedHere: false, stop: async () => {} };
  }

  checkPrerequisites();
  buildLauncher();
  const password = previous?.password ?? randomBytes(18).toString('base64url');
  // Another program (a second local Neo4j, say) may take the port between the check and the
  // bind: then try the next free one, a few times.
  let child: ChildProcess | undefined;
  let conn: Neo4jConnection | undefined;
  let firstPort = opts.firstPort;
  for (let attempt = 1; !child; attempt++) {
    const port = await findFreePort(firstPort);
    conn = { uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password };
    log.info({ home, uri: conn.uri }, 'Starting the local Neo4j');
    const started = spawnLauncher(home, port, opts.heap, password);
    try {
      await waitForReady(started);
      child = started;
    } catch (err) {
      const portTaken =
        err instanceof LocalNeo4jError && /Address already in use/.test(err.message);
      if (!portTaken || attempt >= 3) throw err;
      log.warn({ port }, 'Bolt port taken meanwhile; trying the next free one');
      firstPort = port + 1;
    }
  }
  conn = conn!;
  writeFileSync(connFile, `${JSON.stringify(conn, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(path.join(home, 'launcher.pid'), String(child.pid));
  log.info({ uri: conn.uri, connectionFile: connFile }, 'Local Neo4j is ready');

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM'); // the launcher's shutdown hook checkpoints and closes the store
    });
    return stopping;
  };
  return { ...conn, startedHere: true, stop };
}

function spawnLauncher(home: string, port: number, heap: string, password: string): ChildProcess {
  return spawn(
    'java',
    [
      `-Xmx${heap}`,
      // Initial heap = maximum, as Neo4j's own configuration advises: no heap resizing while a
      // large import's transaction state grows (a few per cent faster on a new JVM).
      `-Xms${heap}`,
      '-XX:+UseG1GC',
      // On 2 cores the optimising JIT (C2) competes with the query thread for the second core
      // during a large import. Higher C2 thresholds make it compile only the really hot code:
      // 2.6–4.0 s less Neo4j CPU on the prefecture import into a new store (docs/decisions.md).
      '-XX:Tier4InvocationThreshold=20000',
      '-XX:Tier4CompileThreshold=30000',
      '-XX:Tier4MinInvocationThreshold=2000',
      // C2's compile time grows with how deeply it inlines, and Neo4j's query engine is deep
      // (Scala): shallower inlining cut C2's CPU on that import from about 12.5 to 5 s and the
      // import by about 2 s, with the query thread no slower (docs/decisions.md).
      '-XX:MaxInlineLevel=3',
      '-XX:InlineSmallCode=500',
      '-XX:FreqInlineSize=50',
      '-cp',
      [path.join(TARGET, 'local-neo4j-1.0.0.jar'), path.join(TARGET, 'lib', '*')].join(
        path.delimiter,
      ),
      LAUNCHER_CLASS,
      home,
      String(port),
      path.join(TARGET, 'plugins'),
    ],
    {
      // stdin stays open as a pipe: the launcher stops the engine when it closes, so the
      // database never outlives this process, even if it is killed.
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NEO4J_LOCAL_PASSWORD: password },
    },
  );
}

/** Whether the process recorded for this home is alive (so the open port is really ours). */
export function isOurs(home: string): boolean {
  const pidFile = path.join(home, 'launcher.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForReady(child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const keep = (chunk: Buffer) => {
      tail.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim()),
      );
      tail.splice(0, Math.max(0, tail.length - 30));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`the local Neo4j did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stderr!.on('data', keep);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (chunk.toString('utf8').includes('READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new LocalNeo4jError(
          `the local Neo4j stopped during start-up (exit ${code}). Last output:\n${tail.join('\n')}`,
        ),
      );
    });
  });
}
