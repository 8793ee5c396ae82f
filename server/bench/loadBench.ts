/**
 * Section `load` (SPEC §9: GraphQL entity query under 50 concurrent clients ≥ 500 req/s, p95
 * ≤ 50 ms, no errors; issue 5): the real app (createApp on a free loopback port, the bench
 * database with the prefecture network) under autocannon — 50 connections for 60 s, each
 * asking an entity query as a signed-in analyst with a bearer token (so the token check, the
 * role's schema, the @authorization rules and the alias computation are all on the path).
 * BENCH_LOAD_SECONDS shortens the run while trying a change; the figures in docs are of 60 s.
 * Then the same load spread over two server processes (server/cli/serve.ts, spawned by
 * server/http/processes.ts) against the same Neo4j, half the connections on each (SPEC §9:
 * "also with two server processes").
 */
import autocannon from 'autocannon';
import { fmtInt, fmtMs, loadNote, percentile, say, verdict, type BenchState } from './common';
import { startTimedApp } from './networkMapBench';
import { table, writeSection } from './report';
import { cliActor } from '../auth/audit';
import { ensureUser } from '../auth/users';
import type { Database } from '../db/driver';
import { startServerProcess } from '../http/processes';

export const LOAD_CONNECTIONS = 50;
export const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
export const LOAD_TARGET_RPS = 500;
export const LOAD_TARGET_P95_MS = 50;

/** The entity query: a region and 20 of its persons with their employer (index lookup, two hops). */
export const LOAD_QUERY = `query People($regionId: ID!) {
  regions(where: { id: { eq: $regionId } }) {
    id name
    people(limit: 20) {
      id name title origin isKeyPerson
      worksAt(limit: 1) { id name kind }
    }
  }
}`;

const UNCACHED_SECONDS = Math.min(LOAD_SECONDS, 20);

interface LoadRun {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  errors: number;
}

/** One autocannon run; `vary` gives every request its own query text (a comment). */
async function runLoad(
  url: string,
  token: string,
  regionId: string,
  seconds: number,
  vary: boolean,
  connections = LOAD_CONNECTIONS,
  latencies: number[] = [],
): Promise<LoadRun> {
  let graphqlErrors = 0;
  let n = 0;
  const bodyOf = () =>
    JSON.stringify({
      query: vary ? `${LOAD_QUERY}\n# request ${n++}` : LOAD_QUERY,
      variables: { regionId },
    });
  const fixed = bodyOf();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: fixed,
            ...(vary
              ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: bodyOf() }) }
              : {}),
            onResponse: (status: number, resBody: string) => {
              // Other statuses are counted by autocannon (non2xx).
              if (status === 200 && resBody.includes('"errors"')) graphqlErrors++;
            },
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  return {
    rps: result.requests.total / (result.duration || seconds),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    // autocannon's `errors` already includes the timeouts.
    errors: result.errors + result.non2xx + graphqlErrors,
  };
}

export async function loadSection(state: BenchState): Promise<void> {
  await state.ensureImported();
  const big = await state.biggestSyntheticRegion();
  const app = await startTimedApp(state);
  try {
    const db = await state.db();
    const analyst = await ensureUser(
      db,
      { username: 'bench-analyst', role: 'analyst' },
      cliActor(),
    );
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...app.headers },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    if (!res.ok) throw new Error(`the app does not answer: HTTP ${res.status}`);
    const token = await app.tokenFor(analyst);
    const run = (seconds: number, vary: boolean) =>
      runLoad(`${app.url}/graphql`, token, big.regionId, seconds, vary);
    say(`load: ${LOAD_CONNECTIONS} connections for ${LOAD_SECONDS} s on ${app.url}/graphql …`);
    const main = await run(LOAD_SECONDS, false);
    say(`  ${main.rps.toFixed(0)} req/s, p95 ${fmtMs(main.p95)}, errors ${main.errors}`);
    say(`load: the same, every request a new query text (no cache), ${UNCACHED_SECONDS} s …`);
    const uncached = await run(UNCACHED_SECONDS, true);
    say(
      `  ${uncached.rps.toFixed(0)} req/s, p95 ${fmtMs(uncached.p95)}, errors ${uncached.errors}`,
    );
    say(`load: the same over two server processes, ${LOAD_CONNECTIONS / 2} connections each …`);
    const two = await twoProcesses(db, token, big.regionId, UNCACHED_SECONDS);
    say(`  ${two.rps.toFixed(0)} req/s, p95 ${fmtMs(two.p95)}, errors ${two.errors}`);
    const { rps, p95, errors, total, p50, p99 } = main;
    const out = `
\`npm run bench -- load\`: ${LOAD_CONNECTIONS} concurrent connections (autocannon) for ${LOAD_SECONDS} s on loopback against the real app (\`createApp\` on the bench database with the prefecture network), each POSTing this entity query for ${big.name} (\`${big.regionId}\`) as a signed-in **analyst** (bearer token: token check, the analyst's schema, the @authorization rules and the alias of each person are all on the path):

\`\`\`graphql
${LOAD_QUERY}
\`\`\`

${table(
  ['measure', 'value', 'target', 'verdict'],
  [
    [
      'requests per second',
      fmtInt(Math.round(rps)),
      `≥ ${LOAD_TARGET_RPS}`,
      verdict(rps, LOAD_TARGET_RPS, 'higher'),
    ],
    [
      'p95 latency',
      fmtMs(p95),
      `≤ ${LOAD_TARGET_P95_MS} ms`,
      verdict(p95, LOAD_TARGET_P95_MS, 'lower'),
    ],
    ['p50 / p99 latency', `${fmtMs(p50)} / ${fmtMs(p99)}`, '', ''],
    ['requests in all', fmtInt(total), '', ''],
    [
      'errors (connection, timeout, non-2xx, GraphQL errors)',
      fmtInt(errors),
      '0',
      errors === 0 ? 'met' : 'missed',
    ],
  ],
)}

- Every client asks the same query, as a dashboard does: after the first answer, the response cache (server/graphql/responseCache.ts: same graph version, same role and regions) answers it, while the token check, the cost check and the read of the account, its revocation and the graph version in Neo4j still run for every request (that read is one query shared by the requests that arrived before it started: server/auth/requestState.ts). Without the cache — the same load for ${UNCACHED_SECONDS} s with a new query text on every request, so each is parsed, validated, translated to Cypher and run in Neo4j — it is **${fmtInt(Math.round(uncached.rps))} req/s, p95 ${fmtMs(uncached.p95)}**, ${fmtInt(uncached.errors)} errors (${verdict(uncached.rps, LOAD_TARGET_RPS, 'higher')} for the rate).
- **Two server processes** (SPEC §9, §13): the same query, ${LOAD_CONNECTIONS / 2} connections on each of two \`server/cli/serve.ts\` processes against the same Neo4j for ${UNCACHED_SECONDS} s (tokens from one secret; each process has its own response cache, keyed by the graph version in Neo4j): **${fmtInt(Math.round(two.rps))} req/s, p95 ${fmtMs(two.p95)}**, ${fmtInt(two.errors)} errors — ${verdict(two.rps, LOAD_TARGET_RPS, 'higher')} for the rate, ${verdict(two.p95, LOAD_TARGET_P95_MS, 'lower')} for p95. On 2 cores the two processes, Neo4j and the client compete for the same CPU, so a second process adds no capacity here; it shows that answers stay right and fast when a load balancer spreads clients over processes.
- The client runs on the same machine as the server and Neo4j, so the three share the cores.
- ${loadNote()}.
`;
    writeSection(
      'load',
      'GraphQL under load (SPEC §9: 50 clients, ≥ 500 req/s, p95 ≤ 50 ms, no errors)',
      out,
    );
  } finally {
    await app.close();
  }
}

/** The load spread over two server processes against the bench database (see the file comment). */
async function twoProcesses(
  db: Database,
  token: string,
  regionId: string,
  seconds: number,
): Promise<LoadRun> {
  const procs = await Promise.all([startServerProcess(db), startServerProcess(db)]);
  try {
    const latencies: number[] = [];
    const runs = await Promise.all(
      procs.map((p) =>
        runLoad(
          `${p.url}/graphql`,
          token,
          regionId,
          seconds,
          false,
          LOAD_CONNECTIONS / 2,
          latencies,
        ),
      ),
    );
    return {
      rps: runs.reduce((a, r) => a + r.rps, 0),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      total: runs.reduce((a, r) => a + r.total, 0),
      errors: runs.reduce((a, r) => a + r.errors, 0),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}
