/**
 * Section `networkx` (SPEC §9: analytics against networkx on the same graph, as a ratio in one
 * run): the tie graph used for betweenness and the KNOWS person graph used for Louvain, of the
 * biggest synthetic region and of the whole prefecture network, exported as edge lists; ours
 * (tieBetweenness, graphology-communities-louvain as personCommunities calls it) and networkx
 * (betweenness_centrality with the same k, louvain_communities) timed on the same graphs, one
 * after the other in the same run. networkx lives in a venv under DATA_DIR/bench-venv.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { BETWEENNESS_PIVOTS, EXACT_BETWEENNESS_MAX_NODES, type NetworkGraph } from '../analytics';
import { buildContext, LOUVAIN_SEED, seededRng, type Ctx } from '../analytics/context';
import { tieBetweenness } from '../analytics/betweenness';
import { loadConfig } from '../config/env';
import { ALL_REGIONS, loadProjection } from '../projection';
import { table, writeSection } from './report';
import { fmtInt, fmtMs, loadNote, say, spearman, type BenchState } from './common';

const SCRIPT = path.join(import.meta.dirname, 'networkx_bench.py');
const BC_SEED = 42;
/** networkx exact betweenness is run only when estimated below this (seconds). */
const NX_EXACT_BUDGET_S = 150;

function python(venv: string): string {
  return path.join(venv, 'bin', 'python');
}

/** The venv with networkx, created (and networkx installed from PyPI) the first time. */
function ensureVenv(): string {
  const venv = path.join(loadConfig().dataDir, 'bench-venv');
  const has = () =>
    existsSync(python(venv)) &&
    spawnSync(python(venv), ['-c', 'import networkx'], { stdio: 'ignore' }).status === 0;
  if (!has()) {
    say(`creating a Python venv at ${venv} and installing networkx from PyPI …`);
    execFileSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(
      python(venv),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'networkx'],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    if (!has()) throw new Error('networkx could not be installed in the venv');
  }
  return venv;
}

interface Exported {
  label: string;
  ctx: Ctx;
  tieFile: string;
  knowsFile: string;
  oursFile: string;
  knowsGraph: Graph;
  knowsEdges: number;
}

/** Writes the tie graph T and the KNOWS person graph of a projection as edge lists. */
function exportGraphs(dir: string, label: string, g: NetworkGraph): Exported {
  const ctx = buildContext(g);
  const { T } = ctx;
  const tieLines: string[] = [String(T.n)];
  for (let v = 0; v < T.n; v++) {
    for (let e = T.off[v]!; e < T.off[v + 1]!; e++) {
      const u = T.nbr[e]!;
      if (v < u) tieLines.push(`${v} ${u} 1`);
    }
  }
  // The KNOWS graph as personCommunities builds it: every person a node, KNOWS ties weighted.
  const idx = new Map(ctx.persons.map((p, i) => [p, i]));
  const h = new Graph({ type: 'undirected', allowSelfLoops: false, multi: false });
  for (const p of ctx.persons) h.addNode(p);
  const knowsLines: string[] = [String(ctx.persons.length)];
  for (const p of ctx.persons) {
    for (const [q, w] of ctx.knows.get(p) ?? []) {
      if (p < q && idx.has(q)) {
        h.addEdge(p, q, { weight: w });
        knowsLines.push(`${idx.get(p)} ${idx.get(q)} ${w}`);
      }
    }
  }
  const slug = label.replace(/[^a-z0-9]+/gi, '-');
  const tieFile = path.join(dir, `${slug}-tie.txt`);
  const knowsFile = path.join(dir, `${slug}-knows.txt`);
  writeFileSync(tieFile, tieLines.join('\n') + '\n');
  writeFileSync(knowsFile, knowsLines.join('\n') + '\n');
  return {
    label,
    ctx,
    tieFile,
    knowsFile,
    oursFile: path.join(dir, `${slug}-ours.txt`),
    knowsGraph: h,
    knowsEdges: knowsLines.length - 1,
  };
}

interface NxResult {
  name: string;
  kind: string;
  n: number;
  m: number;
  ms: number;
  networkx: string;
  communities?: number;
  modularity?: number;
  oursCommunities?: number;
  oursModularity?: number;
}

function runNx(venv: string, dir: string, jobs: object[]): NxResult[] {
  const jobsFile = path.join(dir, `jobs-${Date.now()}.json`);
  writeFileSync(jobsFile, JSON.stringify(jobs));
  const res = spawnSync(python(venv), [SCRIPT, jobsFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (res.status !== 0) throw new Error(`networkx script failed: ${res.stderr}`);
  return res.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as NxResult);
}

interface Row {
  graph: string;
  algo: string;
  n: number;
  m: number;
  oursMs: number;
  nxMs: number;
  note: string;
}

export async function networkxSection(state: BenchState): Promise<void> {
  await state.ensureImported();
  const venv = ensureVenv();
  const db = await state.db();
  const big = await state.biggestSyntheticRegion();
  const dir = mkdtempSync(path.join(tmpdir(), 'chiiki-bench-nx-'));
  const rows: Row[] = [];
  const checks: string[] = [];
  let nxVersion = '';
  try {
    const region = (await loadProjection(db, { regionId: big.regionId })).graph;
    const whole = (await loadProjection(db, ALL_REGIONS)).graph;
    const graphs = [
      exportGraphs(dir, `region ${big.name}`, region),
      exportGraphs(dir, 'whole prefecture network', whole),
    ];
    for (const x of graphs) {
      const { T } = x.ctx;
      const m = T.off[T.n]! / 2;
      const sampled = T.n > EXACT_BETWEENNESS_MAX_NODES;
      const k = sampled ? Math.min(T.n, BETWEENNESS_PIVOTS) : null;

      // -- betweenness as keyPersonGroup runs it by default
      say(`${x.label}: our betweenness (${sampled ? `k = ${k} pivots` : 'exact'}) …`);
      const t0 = performance.now();
      tieBetweenness(T, { seed: BC_SEED });
      const oursMs = performance.now() - t0;
      say(`  ${fmtMs(oursMs)}; networkx betweenness_centrality(k=${k ?? 'None'}) …`);
      const [nxB] = runNx(venv, dir, [
        { name: x.label, kind: 'betweenness', edges: x.tieFile, k, seed: BC_SEED },
      ]);
      nxVersion = nxB!.networkx;
      say(`  networkx ${fmtMs(nxB!.ms)}`);
      rows.push({
        graph: x.label,
        algo: `betweenness, ${sampled ? `sampled k = ${k}` : 'exact'} (tie graph, unweighted)`,
        n: T.n,
        m,
        oursMs,
        nxMs: nxB!.ms,
        note: '',
      });

      // -- exact betweenness on both sides, where networkx can do it in the budget
      const nxExactEstS = sampled ? ((nxB!.ms / k!) * T.n) / 1000 : 0;
      if (sampled && nxExactEstS <= NX_EXACT_BUDGET_S) {
        say(`${x.label}: exact betweenness, ours then networkx (≈ ${nxExactEstS.toFixed(0)} s) …`);
        const e0 = performance.now();
        const ours = tieBetweenness(T, { exactMaxNodes: Number.POSITIVE_INFINITY });
        const oursExactMs = performance.now() - e0;
        const out = path.join(dir, 'nx-exact.txt');
        const [nxE] = runNx(venv, dir, [
          { name: x.label, kind: 'betweenness', edges: x.tieFile, k: null, seed: BC_SEED, out },
        ]);
        const theirs = readFileSync(out, 'utf8').split('\n').map(Number);
        let maxDiff = 0;
        for (let i = 0; i < T.n; i++) maxDiff = Math.max(maxDiff, Math.abs(ours[i]! - theirs[i]!));
        checks.push(
          `${x.label}, exact betweenness: ours and networkx agree (Spearman ρ ${spearman(ours, theirs).toFixed(6)}, largest absolute difference ${maxDiff.toExponential(2)}), so both ran on the same graph with the same normalisation.`,
        );
        rows.push({
          graph: x.label,
          algo: 'betweenness, exact (tie graph, unweighted)',
          n: T.n,
          m,
          oursMs: oursExactMs,
          nxMs: nxE!.ms,
          note: '',
        });
        say(`  ours ${fmtMs(oursExactMs)}, networkx ${fmtMs(nxE!.ms)}`);
      } else if (sampled) {
        checks.push(
          `${x.label}: exact betweenness in networkx was estimated at ${nxExactEstS.toFixed(0)} s (over the ${NX_EXACT_BUDGET_S} s budget) and not run.`,
        );
      }

      // -- Louvain on the KNOWS person graph
      say(`${x.label}: Louvain, graphology then networkx …`);
      const l0 = performance.now();
      const comm = louvain(x.knowsGraph, { getEdgeWeight: 'weight', rng: seededRng(LOUVAIN_SEED) });
      const oursLouvainMs = performance.now() - l0;
      writeFileSync(x.oursFile, x.ctx.persons.map((p) => String(comm[p])).join('\n') + '\n');
      const [nxL] = runNx(venv, dir, [
        {
          name: x.label,
          kind: 'louvain',
          edges: x.knowsFile,
          seed: LOUVAIN_SEED,
          ours: x.oursFile,
        },
      ]);
      say(`  graphology ${fmtMs(oursLouvainMs)}, networkx ${fmtMs(nxL!.ms)}`);
      rows.push({
        graph: x.label,
        algo: 'Louvain (KNOWS person graph, weighted)',
        n: x.ctx.persons.length,
        m: x.knowsEdges,
        oursMs: oursLouvainMs,
        nxMs: nxL!.ms,
        note: `modularity ours ${nxL!.oursModularity!.toFixed(4)} (${nxL!.oursCommunities} communities), networkx ${nxL!.modularity!.toFixed(4)} (${nxL!.communities})`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const slower = rows.filter((r) => r.oursMs >= r.nxMs);
  const body = `
\`npm run bench -- networkx\`: networkx ${nxVersion} (Python ${execFileSync(python(path.join(loadConfig().dataDir, 'bench-venv')), ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).trim()}, venv under DATA_DIR/bench-venv) against ours on the same graphs in the same run: the tie graph T of the analytics (persons, organisations, SMEs; KNOWS, WORKS_AT, SUPPORTS, PARTNERS_WITH as unweighted ties) for betweenness — ours is \`tieBetweenness\` as \`keyPersonGroup\` runs it (Brandes on a CSR graph; ${BETWEENNESS_PIVOTS} seeded pivots above ${fmtInt(EXACT_BETWEENNESS_MAX_NODES)} nodes), networkx's \`betweenness_centrality(G, k=…, normalized=True)\` with the same k — and the KNOWS person graph (strength as weight) for Louvain — ours is graphology-communities-louvain as \`personCommunities\` calls it, networkx's \`louvain_communities(G, weight="weight", resolution=1)\`. Only the algorithm is timed on both sides, not reading or building the graph. Both sampled runs draw their own k pivots (different random sources), so only their times are compared.

${table(
  ['graph', 'algorithm', 'nodes', 'edges', 'ours', 'networkx', 'networkx / ours', 'note'],
  rows.map((r) => [
    r.graph,
    r.algo,
    fmtInt(r.n),
    fmtInt(r.m),
    fmtMs(r.oursMs),
    fmtMs(r.nxMs),
    `${(r.nxMs / r.oursMs).toFixed(1)}×`,
    r.note,
  ]),
)}

${checks.map((c) => `- ${c}`).join('\n')}
- Target: ours faster on the same graph — ${
    slower.length === 0
      ? `**met** in every row (networkx takes ${Math.min(...rows.map((r) => r.nxMs / r.oursMs)).toFixed(1)}× to ${Math.max(...rows.map((r) => r.nxMs / r.oursMs)).toFixed(1)}× as long).`
      : `**missed** for ${slower.map((r) => `${r.graph} ${r.algo}`).join('; ')}.`
  }
- ${loadNote()}.
`;
  writeSection(
    'networkx',
    'Against networkx (SPEC §9: betweenness and Louvain faster, as a ratio in one run)',
    body,
  );
}
