/**
 * `npm run bench [-- SECTION ...]`: the performance figures of SPEC §9 on the `prefecture`
 * network (seed 1), written to docs/BENCHMARKS.md between each section's markers (a partial run
 * keeps the figures of the other sections). Sections, in order: import, analytics, networkMap,
 * networkx, web, load, save; without arguments all of these run. `save` (form saves in the web
 * app until the map and the ギャップ panel show them) replaces the bench database's content with
 * the pilot seed, so it comes after every section that uses the prefecture network. `national` (the national network
 * imported into a new store, and its analytics; several minutes) runs only when named.
 * `--scale pilot|prefecture` runs `national` on a smaller network as a check (its figures are
 * printed, not written). Progress goes to stderr.
 *
 * It uses the benchmark database (its own local Neo4j store under DATA_DIR) and empties it; it
 * refuses to run against NEO4J_URI. The networkx section creates a Python venv under
 * DATA_DIR/bench-venv and installs networkx from PyPI the first time.
 */
import { loadConfig } from '../config/env';
import { log } from '../log';
import { analyticsSection } from '../bench/analyticsBench';
import { BenchState, say } from '../bench/common';
import { importSection } from '../bench/importBench';
import { loadSection } from '../bench/loadBench';
import { formatBenchmarks } from '../bench/report';
import { networkMapSection } from '../bench/networkMapBench';
import { networkxSection } from '../bench/networkxBench';
import { nationalSection } from '../bench/nationalBench';
import type { Scale } from '../../seeds/truth';
import { saveSection } from '../bench/saveBench';
import { webSection } from '../bench/webBench';

const SCALES: readonly Scale[] = ['pilot', 'prefecture', 'national'];

/** `--scale X` (for `national` only): removed from argv, the scale returned. */
function takeScale(argv: string[]): Scale {
  const i = argv.indexOf('--scale');
  if (i < 0) return 'national';
  const value = argv[i + 1] as Scale | undefined;
  if (!value || !SCALES.includes(value)) {
    console.error(`--scale must be one of ${SCALES.join(', ')}`);
    process.exit(2);
  }
  argv.splice(i, 2);
  return value;
}
const argv = process.argv.slice(2);
const nationalScale = takeScale(argv);

const SECTIONS = {
  import: importSection,
  analytics: analyticsSection,
  networkMap: networkMapSection,
  networkx: networkxSection,
  web: webSection,
  load: loadSection,
  // After all that use the prefecture network: it loads the pilot seed in its place.
  save: saveSection,
  national: (state: BenchState) => nationalSection(state, { scale: nationalScale }),
} as const;
type SectionName = keyof typeof SECTIONS;
/** Sections that run only when named. */
const OPT_IN: ReadonlySet<SectionName> = new Set(['national']);

function parseSections(argv: string[]): SectionName[] {
  const names = Object.keys(SECTIONS) as SectionName[];
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`usage: npm run bench [-- ${names.join(' ')}] [--scale ${SCALES.join('|')}]`);
    process.exit(0);
  }
  const wanted = argv.map((a) => names.find((n) => n.toLowerCase() === a.toLowerCase()) ?? a);
  const unknown = wanted.filter((w) => !names.includes(w as SectionName));
  if (unknown.length > 0) {
    console.error(`Unknown section(s): ${unknown.join(', ')}. Sections: ${names.join(', ')}.`);
    process.exit(2);
  }
  // Always in the canonical order (import first, so the others reuse its data).
  return wanted.length === 0
    ? names.filter((n) => !OPT_IN.has(n))
    : names.filter((n) => wanted.includes(n));
}

async function main(): Promise<void> {
  const sections = parseSections(argv);
  const config = loadConfig();
  if (config.NEO4J_URI) {
    console.error(
      'NEO4J_URI is set: the benchmark empties its database and runs on its own local store only; unset NEO4J_URI.',
    );
    process.exit(2);
  }
  // The server's info logs (one line per request) would drown the progress lines.
  if (!process.env.LOG_LEVEL) log.level = 'warn';
  const state = new BenchState();
  const t0 = performance.now();
  const failed: string[] = [];
  try {
    for (const name of sections) {
      say(`== section ${name}`);
      const s0 = performance.now();
      try {
        await SECTIONS[name](state);
        say(`== section ${name} done in ${((performance.now() - s0) / 1000).toFixed(1)} s`);
      } catch (err) {
        failed.push(name);
        say(
          `== section ${name} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
      }
    }
  } finally {
    await state.close();
  }
  await formatBenchmarks().catch((err: unknown) =>
    say(`docs/BENCHMARKS.md not formatted: ${String(err)}`),
  );
  say(
    `all done in ${((performance.now() - t0) / 60_000).toFixed(1)} min; figures in docs/BENCHMARKS.md`,
  );
  if (failed.length > 0) {
    console.error(`Failed sections: ${failed.join(', ')}`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(`Benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
